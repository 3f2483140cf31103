import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistributor, parseDistributeConfig, type Distributor } from '../../src/distribute/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { KEYS, makeOutput, publish, read, site, tempDir } from './support.js';

/**
 * The admin's view of the distribution targets: what the distributor of the publishing process records,
 * read by the platform's readers, a run on demand by the system administrator only, audited.
 */
let t: TestGazette;
let root: string;
let distributor: Distributor;
let admin: AdminClient;
let operator: AdminClient;
let siteAdmin: AdminClient;

beforeAll(async () => {
  t = await startTestGazette();
  root = tempDir('admin');
  const source = join(root, 'site');
  makeOutput(source, site(3));
  distributor = createDistributor({
    source,
    config: parseDistributeConfig({
      roots: [root],
      targets: [
        { name: 'www', type: 'directory', path: join(root, 'www') },
        // rsync to a host on the documentation network: it fails and is retried.
        { name: 'dmz', type: 'rsync', path: join(root, 'dmz'), host: '192.0.2.1', port: 1 },
      ],
    }),
    keys: KEYS,
    retry: { baseMs: 60_000, maxMs: 60_000 },
  });
  t.gazette.deps.distribution?.attach({
    status: () => distributor.status(),
    run: (target) => distributor.run({ ...(target ? { target } : {}), force: true }),
  });
  await distributor.run();
  admin = await signedInUser(t, 'distadmin', ['system-admin']);
  operator = await signedInUser(t, 'distoperator', ['platform-operator']);
  siteAdmin = await signedInUser(t, 'distsiteadmin', ['site-admin']);
}, 300_000);

afterAll(async () => {
  distributor?.stop();
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('GET /distribution/targets', () => {
  it('shows each target: the healthy one up to date, the failing one with its error and next attempt', async () => {
    const res = await operator.call('GET', `/distribution/targets`);
    expect(res.statusCode).toBe(200);
    const view = res.json<{
      running: boolean;
      targets: {
        name: string;
        type: string;
        healthy: boolean;
        failures: number;
        lastError: string | null;
        nextAttemptAt: string | null;
        lastPackage: { files: number; full: boolean } | null;
      }[];
    }>();
    expect(view.running).toBe(true);
    const [www, dmz] = view.targets;
    expect(www).toMatchObject({
      name: 'www',
      type: 'directory',
      healthy: true,
      failures: 0,
      lastError: null,
    });
    expect(www?.lastPackage).toMatchObject({ files: 4, full: true });
    expect(dmz).toMatchObject({ name: 'dmz', type: 'rsync', healthy: false, failures: 1 });
    expect(dmz?.lastError).toBeTruthy();
    expect(dmz?.nextAttemptAt).toBeTruthy();
  });

  it('is refused to an account without platform.read', async () => {
    const res = await siteAdmin.call('GET', `/distribution/targets`);
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /distribution/run', () => {
  it('sends pending changes now and is audited', async () => {
    publish(join(root, 'site'), { '/news/2/index.html': '<p>二改</p>' });
    const res = await admin.call('POST', `/distribution/run`, { target: 'www' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ results: unknown[] }>().results).toEqual([
      expect.objectContaining({ name: 'www', result: 'sent', files: 1 }),
    ]);
    expect(read(join(root, 'www'), '/news/2/index.html')).toBe('<p>二改</p>');
    const audits = await t.gazette.deps.store.audit.list({ action: 'distribution.retry' }, 10, 0);
    expect(audits[0]).toMatchObject({ actorName: 'distadmin', targetId: 'www', result: 'ok' });
  });

  it('is refused to a platform operator (read only), and an unknown or malformed target is refused clearly', async () => {
    expect((await operator.call('POST', `/distribution/run`, {})).statusCode).toBe(403);
    const unknown = await admin.call('POST', `/distribution/run`, { target: 'nope' });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).code).toBe('GZ_DISTRIBUTE_TARGET_INVALID');
    const malformed = await admin.call('POST', `/distribution/run`, { target: '../etc' });
    expect(malformed.statusCode).toBe(400);
  });
});
