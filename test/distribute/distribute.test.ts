import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyDrop,
  appliedState,
  createDistributor,
  listPackages,
  parseDistributeConfig,
  parseKeyRing,
  readDistributionStatus,
  targetNamed,
  type DistributeConfig,
} from '../../src/distribute/index.js';
import { verifyOutput } from '../../src/publish/index.js';
import { KEYS, makeOutput, publish, read, site, tempDir } from './support.js';

const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = tempDir(prefix);
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

const config = (root: string, targets: unknown[]): DistributeConfig =>
  parseDistributeConfig({ roots: [root], targets });

/** Files of a directory tree (relative), for "nothing changed" comparisons. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isSymbolicLink()) out[path] = `-> ${readlinkSync(join(dir, path))}`;
      else out[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('');
  return out;
}

describe('distribution configuration', () => {
  const root = temp('roots');
  it('refuses a target path outside the configured roots, with .., or through a symlink leading out', () => {
    expect(() => config(root, [{ name: 'a', type: 'directory', path: '/etc/www' }])).toThrow(
      /outside the configured roots/,
    );
    expect(() => config(root, [{ name: 'a', type: 'directory', path: `${root}/x/../../etc` }])).toThrow(
      /\.\./,
    );
    symlinkSync('/etc', join(root, 'escape'));
    expect(() => config(root, [{ name: 'a', type: 'drop', path: join(root, 'escape', 'www') }])).toThrow(
      /outside the configured roots/,
    );
    expect(() => config(root, [{ name: 'a', type: 'rsync', host: 'dmz1', path: '/opt/elsewhere' }])).toThrow(
      /outside/,
    );
  });
  it('refuses an unknown target name, a malformed entry and a name listed twice', () => {
    const ok = config(root, [{ name: 'www', type: 'directory', path: join(root, 'www') }]);
    expect(() => targetNamed(ok, 'other')).toThrow(/no target named "other"/);
    expect(() => config(root, [{ name: 'www', type: 'ftp', path: join(root, 'www') }])).toThrow();
    expect(() =>
      config(root, [
        { name: 'www', type: 'drop', path: join(root, 'a') },
        { name: 'www', type: 'drop', path: join(root, 'b') },
      ]),
    ).toThrow(/twice/);
  });
});

describe('distribution to a local directory', () => {
  const root = temp('dir');
  const source = join(root, 'out');
  const mirror = join(root, 'mirror', 'www');
  makeOutput(source, site(20));
  const distributor = createDistributor({
    keys: KEYS,
    source,
    config: config(root, [{ name: 'www', type: 'directory', path: mirror }]),
  });

  it('sends everything the first time, and the copy verifies', async () => {
    const [outcome] = await distributor.run();
    expect(outcome).toMatchObject({ name: 'www', result: 'sent', full: true });
    expect(read(mirror, '/news/7/index.html')).toBe(read(source, '/news/7/index.html'));
    const report = verifyOutput(mirror);
    expect(report.changed.length + report.added.length + report.missing.length).toBe(0);
    expect(report.checked).toBeGreaterThan(20);
  });

  it('then sends only the changed files of each publish', async () => {
    publish(source, { '/news/3/index.html': '<p>改过</p>', '/news/21/index.html': '<p>新稿</p>' }, [
      '/news/5/index.html',
    ]);
    const [outcome] = await distributor.run();
    // The removed page was short: it had no .gz beside it.
    expect(outcome).toMatchObject({ result: 'sent', full: false, files: 2, removed: 1 });
    expect(read(mirror, '/news/3/index.html')).toBe('<p>改过</p>');
    expect(read(mirror, '/news/21/index.html')).toBe('<p>新稿</p>');
    expect(read(mirror, '/news/5/index.html')).toBeNull();
    const report = verifyOutput(mirror);
    expect(report.changed.length + report.added.length + report.missing.length).toBe(0);
    expect((await distributor.run())[0]).toMatchObject({ result: 'up-to-date' });
  });

  it('a tampered file on the copy is detected and restored by gazette verify --restore', () => {
    writeFileSync(join(mirror, 'news', '3', 'index.html'), '<p>被篡改</p>');
    expect(verifyOutput(mirror).changed).toEqual(['/news/3/index.html']);
    const restored = verifyOutput(mirror, { restore: true });
    expect(restored.restored).toEqual(['/news/3/index.html']);
    expect(read(mirror, '/news/3/index.html')).toBe('<p>改过</p>');
  });
});

describe('a target that is down', () => {
  it('fails with back-off and its state recorded, while the other targets carry on', async () => {
    const root = temp('down');
    const source = join(root, 'out');
    makeOutput(source, site(5));
    // The mount point of the down target is a plain file: nothing can be written under it.
    writeFileSync(join(root, 'mnt'), 'not mounted');
    let clock = new Date('2026-12-08T01:00:00Z');
    const cfg = config(root, [
      { name: 'down', type: 'directory', path: join(root, 'mnt', 'www') },
      { name: 'up', type: 'directory', path: join(root, 'up') },
    ]);
    const distributor = createDistributor({ source, config: cfg, keys: KEYS, now: () => clock });
    const first = await distributor.run();
    expect(first.find((o) => o.name === 'down')?.result).toBe('failed');
    expect(first.find((o) => o.name === 'up')?.result).toBe('sent');
    expect(read(join(root, 'up'), '/index.html')).toBe('<h1>首页</h1>');
    clock = new Date(clock.getTime() + 500);
    const down = readDistributionStatus(source, cfg, clock).find((s) => s.name === 'down')!;
    expect(down).toMatchObject({ failures: 1, healthy: false, lastSuccessAt: null, lagMs: 500 });
    expect(down.lastError).toMatch(/ENOTDIR|not a directory/i);
    expect(Date.parse(down.nextAttemptAt!)).toBe(Date.parse('2026-12-08T01:00:01Z'));
    // Before its back-off has passed the target waits; a second failure doubles the delay.
    expect((await distributor.run({ target: 'down' }))[0]?.result).toBe('waiting');
    clock = new Date('2026-12-08T01:00:02Z');
    expect((await distributor.run({ target: 'down' }))[0]?.result).toBe('failed');
    const again = readDistributionStatus(source, cfg, clock).find((s) => s.name === 'down')!;
    expect(again.failures).toBe(2);
    expect(Date.parse(again.nextAttemptAt!)).toBe(Date.parse('2026-12-08T01:00:04Z'));
    // Mounted again: the next attempt sends everything and the state is healthy.
    rmSync(join(root, 'mnt'));
    mkdirSync(join(root, 'mnt'));
    clock = new Date('2026-12-08T01:00:05Z');
    expect((await distributor.run())[0]).toMatchObject({ name: 'down', result: 'sent', full: true });
    const healed = readDistributionStatus(source, cfg, clock).find((s) => s.name === 'down')!;
    expect(healed).toMatchObject({ failures: 0, healthy: true, lagMs: 0, lastError: null });
  });
});

describe('a drop folder carried across a one-way gateway', () => {
  const root = temp('drop');
  const source = join(root, 'out');
  const drop = join(root, 'gateway', 'out');
  const far = join(root, 'far');
  const farDrop = join(far, 'in');
  const www = join(far, 'www');
  makeOutput(source, site(10));
  const distributor = createDistributor({
    keys: KEYS,
    source,
    config: config(root, [{ name: 'gw', type: 'drop', path: drop }]),
  });
  /** The gateway: moves every complete package across. */
  const carry = () => {
    mkdirSync(farDrop, { recursive: true });
    for (const pkg of listPackages(drop)) renameSync(pkg, join(farDrop, pkg.split('/').pop()!));
  };

  it('writes complete packages only, applied in order on the far side', async () => {
    await distributor.run();
    publish(source, { '/news/2/index.html': '<p>二改</p>' });
    await distributor.run();
    expect(readdirSync(drop).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(listPackages(drop)).toHaveLength(2);
    carry();
    const report = applyDrop(farDrop, www, KEYS);
    expect(report.applied.map((a) => a.mode)).toEqual(['switched', 'renamed']);
    expect(report.applied[1]!.sequence).toBeGreaterThan(report.applied[0]!.sequence);
    expect(report.refused).toEqual([]);
    expect(read(www, '/news/2/index.html')).toBe('<p>二改</p>');
    expect(listPackages(farDrop)).toEqual([]);
  });

  it('refuses a replayed package and applies nothing', async () => {
    publish(source, { '/news/4/index.html': '<p>四改</p>' });
    await distributor.run();
    const [pkg] = listPackages(drop);
    cpSync(pkg!, join(root, 'kept.gzpkg'), { recursive: true });
    carry();
    expect(applyDrop(farDrop, www, KEYS).applied).toHaveLength(1);
    const before = snapshot(far);
    // The same package again, e.g. a gateway that delivers twice or an attacker replaying an old one.
    cpSync(join(root, 'kept.gzpkg'), join(farDrop, pkg!.split('/').pop()!), { recursive: true });
    const report = applyDrop(farDrop, www, KEYS);
    expect(report.applied).toEqual([]);
    expect(report.refused[0]?.reason).toMatch(/replay/);
    expect(snapshot(far)).toEqual(before);
  });

  it('refuses a malformed package, one whose files do not match its manifest, and a partial transfer', async () => {
    publish(source, { '/news/6/index.html': '<p>六改</p>', '/news/7/index.html': '<p>七改</p>' });
    await distributor.run();
    carry();
    const [pkg] = listPackages(farDrop);
    const held = appliedState(www);
    const before = snapshot(www);
    const objects = join(pkg!, 'objects');
    const [first] = readdirSync(objects);
    const original = readFileSync(join(objects, first!));

    // A file altered in transit: its bytes no longer have the manifest's hash.
    writeFileSync(join(objects, first!), '<p>掉包</p>');
    expect(applyDrop(farDrop, www, KEYS).refused[0]?.reason).toMatch(/does not match the manifest/);
    // A partial transfer: one file missing.
    rmSync(join(objects, first!));
    expect(applyDrop(farDrop, www, KEYS).refused[0]?.reason).toMatch(/missing from the package/);
    // A file the manifest does not list.
    writeFileSync(join(objects, first!), original);
    writeFileSync(join(objects, 'f'.repeat(64)), 'extra');
    expect(applyDrop(farDrop, www, KEYS).refused[0]?.reason).toMatch(/does not list/);
    rmSync(join(objects, 'f'.repeat(64)));
    // A header edited (a path redirected) or cut short.
    const header = readFileSync(join(pkg!, 'package.json'), 'utf8');
    writeFileSync(join(pkg!, 'package.json'), header.replace('/news/6/index.html', '/news/9/index.html'));
    expect(applyDrop(farDrop, www, KEYS).refused[0]?.reason).toMatch(/digest/);
    writeFileSync(join(pkg!, 'package.json'), header.slice(0, 100));
    expect(applyDrop(farDrop, www, KEYS).refused[0]?.reason).toMatch(/not JSON/);
    writeFileSync(
      join(pkg!, 'package.json'),
      JSON.stringify({ ...JSON.parse(header), files: { '/../../etc/passwd': 'a'.repeat(64) } }),
    );
    expect(applyDrop(farDrop, www, KEYS).refused[0]?.reason).toMatch(/malformed/);
    // Nothing of the package was applied half-way.
    expect(snapshot(www)).toEqual(before);
    expect(appliedState(www)).toEqual(held);
    expect(read(www, '/news/6/index.html')).not.toBe('<p>六改</p>');
    // Put right, it applies whole.
    writeFileSync(join(pkg!, 'package.json'), header);
    const report = applyDrop(farDrop, www, KEYS);
    expect(report.applied).toHaveLength(1);
    expect([read(www, '/news/6/index.html'), read(www, '/news/7/index.html')]).toEqual([
      '<p>六改</p>',
      '<p>七改</p>',
    ]);
  });

  it('refuses a package unsigned, signed with a key it does not hold, or with another key under the same id', async () => {
    publish(source, { '/news/5/index.html': '<p>五改</p>' });
    await distributor.run();
    carry();
    const [pkg] = listPackages(farDrop);
    const before = snapshot(www);
    const header = readFileSync(join(pkg!, 'package.json'), 'utf8');
    const parsed = JSON.parse(header) as Record<string, unknown>;
    // Unsigned: the signature and the key id dropped (the digest still matches what is left).
    const unsignedBody = { ...parsed };
    for (const field of ['signature', 'keyId', 'digest']) delete unsignedBody[field];
    const unsigned = { ...unsignedBody, digest: sha256Hex(JSON.stringify(unsignedBody)) };
    writeFileSync(join(pkg!, 'package.json'), JSON.stringify(unsigned));
    expect(applyDrop(farDrop, www, KEYS).refused[0]?.reason).toMatch(/is not signed/);
    writeFileSync(join(pkg!, 'package.json'), header);
    // The far side holds another key file: a key id it does not know, or another secret under k1.
    const otherId = parseKeyRing(`k2 ${'cd'.repeat(32)}\n`, 'other.keys');
    expect(applyDrop(farDrop, www, otherId).refused[0]?.reason).toMatch(
      /signed with key "k1", which other\.keys does not hold/,
    );
    const otherSecret = parseKeyRing(`k1 ${'cd'.repeat(32)}\n`, 'other.keys');
    expect(applyDrop(farDrop, www, otherSecret).refused[0]?.reason).toMatch(
      /signature does not match key "k1"/,
    );
    expect(snapshot(www)).toEqual(before);
    // Rotation: a new key first, the old one still listed, takes the package signed with the old one.
    const rotated = parseKeyRing(`k2 ${'cd'.repeat(32)}\nk1 ${'ab'.repeat(32)}\n`, 'rotated.keys');
    expect(applyDrop(farDrop, www, rotated).applied).toHaveLength(1);
    expect(read(www, '/news/5/index.html')).toBe('<p>五改</p>');
  });

  it('refuses a package signed with the same key but made for another target, however new', async () => {
    // Another target of the same office (one key signs for every target): its drop folder holds full packages
    // with newer sequences that someone could carry into this copy's drop folder.
    const otherDrop = join(root, 'drop-other');
    const other = createDistributor({
      keys: KEYS,
      source,
      config: config(root, [{ name: 'other', type: 'drop', path: otherDrop }]),
    });
    await other.run();
    const before = snapshot(www);
    mkdirSync(farDrop, { recursive: true });
    for (const pkg of listPackages(otherDrop)) renameSync(pkg, join(farDrop, pkg.split('/').pop()!));
    const report = applyDrop(farDrop, www, KEYS);
    expect(report.applied).toEqual([]);
    expect(report.refused[0]?.reason).toMatch(/is for target other of site .*, but this copy is target gw/);
    expect(snapshot(www)).toEqual(before);
    other.stop();
    for (const pkg of listPackages(farDrop)) rmSync(pkg, { recursive: true, force: true });
  });

  it('a package still being carried across (hidden, partial) is not taken', () => {
    mkdirSync(join(farDrop, '.0000000000000099-abc.gzpkg.1234.partial'), { recursive: true });
    expect(applyDrop(farDrop, www, KEYS)).toMatchObject({ applied: [], refused: [] });
  });

  it('a package that does not follow the last applied one waits for a full package', async () => {
    publish(source, { '/news/8/index.html': '<p>八改</p>' });
    await distributor.run();
    rmSync(drop, { recursive: true }); // lost by the gateway
    publish(source, { '/news/9/index.html': '<p>九改</p>' });
    await distributor.run();
    carry();
    expect(applyDrop(farDrop, www, KEYS).refused[0]?.reason).toMatch(/a full package is needed/);
    rmSync(farDrop, { recursive: true });
    const [outcome] = await distributor.run({ full: true });
    expect(outcome).toMatchObject({ result: 'sent', full: true });
    carry();
    expect(applyDrop(farDrop, www, KEYS).applied[0]?.mode).toBe('switched');
    expect([read(www, '/news/8/index.html'), read(www, '/news/9/index.html')]).toEqual([
      '<p>八改</p>',
      '<p>九改</p>',
    ]);
  });

  it('the applier restores a tampered file on the far side (--verify)', () => {
    writeFileSync(join(www, 'news', '9', 'index.html'), '<p>被篡改</p>');
    rmSync(join(www, 'index.html'));
    const report = applyDrop(farDrop, www, KEYS, { verify: true });
    expect(report.verify?.changed).toEqual(['/news/9/index.html']);
    expect(report.verify?.missing).toEqual(['/index.html']);
    expect(report.verify?.unrestorable).toEqual([]);
    expect(read(www, '/news/9/index.html')).toBe('<p>九改</p>');
    expect(read(www, '/index.html')).toBe('<h1>首页</h1>');
  });
});

const hasRsync = spawnSync('rsync', ['--version']).status === 0;

describe.skipIf(!hasRsync)('rsync targets', () => {
  it('rsync to a local path delivers complete packages the applier takes', async () => {
    const root = temp('rsync');
    const source = join(root, 'out');
    makeOutput(source, site(3));
    const inbox = join(root, 'inbox');
    const distributor = createDistributor({
      keys: KEYS,
      source,
      config: config(root, [{ name: 'r', type: 'rsync', path: inbox }]),
    });
    expect((await distributor.run())[0]?.result).toBe('sent');
    publish(source, { '/news/1/index.html': '<p>一改</p>' });
    expect((await distributor.run())[0]).toMatchObject({ result: 'sent', files: 1 });
    expect(readdirSync(inbox).filter((n) => n.startsWith('.'))).toEqual([]);
    const www = join(root, 'www');
    expect(applyDrop(inbox, www, KEYS).applied).toHaveLength(2);
    expect(read(www, '/news/1/index.html')).toBe('<p>一改</p>');
  });

  it('rsync over SSH to a host that does not answer fails and is recorded', async () => {
    const root = temp('rsync-down');
    const source = join(root, 'out');
    makeOutput(source, site(2));
    const cfg = config('/opt/dmz', [
      { name: 'dmz', type: 'rsync', host: '127.0.0.1', port: 1, path: '/opt/dmz/in' },
    ]);
    const distributor = createDistributor({ source, config: cfg, keys: KEYS });
    const [outcome] = await distributor.run();
    expect(outcome?.result).toBe('failed');
    expect(readDistributionStatus(source, cfg)[0]).toMatchObject({ failures: 1, healthy: false });
  }, 30_000);
});

// Delivery over SSH/SFTP to a real server needs an sshd this test machine does not run; the package and the
// applier are the same as the drop folder's (tested above), only the copy command differs.
describe.skip('rsync/SFTP to an SSH server (needs a running sshd and a key: not available here)', () => {
  it('delivers and applies over SSH', () => undefined);
});

describe('nothing is applied half-way', () => {
  it('a change package with one bad file leaves every file and the manifest as they were', async () => {
    const root = temp('half');
    const source = join(root, 'out');
    makeOutput(source, site(4));
    const drop = join(root, 'drop');
    const www = join(root, 'www');
    const distributor = createDistributor({
      keys: KEYS,
      source,
      config: config(root, [{ name: 'd', type: 'drop', path: drop }]),
    });
    await distributor.run();
    applyDrop(drop, www, KEYS);
    publish(source, Object.fromEntries([1, 2, 3, 4].map((i) => [`/news/${i}/index.html`, `<p>新${i}</p>`])));
    await distributor.run();
    const [pkg] = listPackages(drop);
    const objects = readdirSync(join(pkg!, 'objects')).sort();
    writeFileSync(join(pkg!, 'objects', objects[objects.length - 1]!), 'truncated');
    const before = snapshot(join(root, 'www.gazette'));
    const report = applyDrop(drop, www, KEYS);
    expect(report.refused).toHaveLength(1);
    expect([1, 2, 3, 4].map((i) => read(www, `/news/${i}/index.html`))).toEqual(
      [1, 2, 3, 4].map((i) => `<p>第${i}篇 ${'正文'.repeat(i)}</p>`),
    );
    expect(snapshot(join(root, 'www.gazette'))).toEqual(before);
    expect(existsSync(join(root, 'www.gazette', 'distribute', 'journal.json'))).toBe(false);
  });
});

describe('a crash while a package is being applied', () => {
  it('is rolled forward from the journal: the copy ends with the whole package, never half', async () => {
    const root = temp('crash');
    const source = join(root, 'out');
    makeOutput(source, site(3));
    const drop = join(root, 'drop');
    const www = join(root, 'www');
    const distributor = createDistributor({
      keys: KEYS,
      source,
      config: config(root, [{ name: 'd', type: 'drop', path: drop }]),
    });
    await distributor.run();
    applyDrop(drop, www, KEYS);
    // The state an applier killed between its renames leaves: the package staged and journalled, the first
    // file moved into the copy, the second still staged, the manifest and the applied state not yet saved.
    const state = join(root, 'www.gazette', 'distribute');
    const staging = join(state, 'staging-x');
    mkdirSync(join(staging, 'news', '2'), { recursive: true });
    writeFileSync(join(staging, 'news', '2', 'index.html'), '<p>二新</p>');
    writeFileSync(join(www, 'news', '1', 'index.html'), '<p>一新</p>');
    const hash = (text: string) => createHash('sha256').update(text).digest('hex');
    writeFileSync(
      join(state, 'journal.json'),
      JSON.stringify({
        id: 'x',
        sequence: appliedState(www)!.sequence + 1,
        build: 'b',
        staging,
        files: { '/news/1/index.html': hash('<p>一新</p>'), '/news/2/index.html': hash('<p>二新</p>') },
        removed: ['/news/3/index.html'],
      }),
    );
    applyDrop(drop, www, KEYS);
    expect([1, 2, 3].map((i) => read(www, `/news/${i}/index.html`))).toEqual([
      '<p>一新</p>',
      '<p>二新</p>',
      null,
    ]);
    expect(appliedState(www)?.id).toBe('x');
    expect(existsSync(join(state, 'journal.json'))).toBe(false);
    expect(existsSync(staging)).toBe(false);
    const report = verifyOutput(www);
    expect(report.changed.length + report.added.length + report.missing.length).toBe(0);
  });
});

describe('a sender that lost its state', () => {
  it('sends a full package the far side takes (its sequence is still above the last applied)', async () => {
    const root = temp('lost');
    const source = join(root, 'out');
    makeOutput(source, site(3));
    const drop = join(root, 'drop');
    const www = join(root, 'www');
    const cfg = config(root, [{ name: 'd', type: 'drop', path: drop }]);
    await createDistributor({ source, config: cfg, keys: KEYS }).run();
    applyDrop(drop, www, KEYS);
    rmSync(join(root, 'out.gazette', 'distribute'), { recursive: true });
    publish(source, { '/news/1/index.html': '<p>一新</p>' });
    const [outcome] = await createDistributor({ source, config: cfg, keys: KEYS }).run();
    expect(outcome).toMatchObject({ result: 'sent', full: true });
    expect(applyDrop(drop, www, KEYS).applied).toHaveLength(1);
    expect(read(www, '/news/1/index.html')).toBe('<p>一新</p>');
  });
});
