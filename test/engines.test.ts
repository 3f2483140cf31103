import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * Every package the lock file installs runs on the oldest Node that package.json's `engines` allows, so
 * `npm install` on that Node gives no EBADENGINE (and CI, which installs with engine-strict, does not fail).
 */

interface Lock {
  readonly packages: Readonly<Record<string, { readonly version?: string; readonly engines?: unknown }>>;
}

const read = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../${name}`, import.meta.url), 'utf8')) as T;

describe('engines', () => {
  it('no installed package needs a newer Node than the oldest Gazette supports', () => {
    const ours = read<{ engines: { node: string } }>('package.json').engines.node;
    const oldest = semver.minVersion(ours)!;
    const lock = read<Lock>('package-lock.json');
    const tooNew: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '') continue;
      const engines = entry.engines as { node?: unknown } | undefined;
      const node = typeof engines?.node === 'string' ? engines.node : undefined;
      if (node !== undefined && !semver.satisfies(oldest, node)) {
        tooNew.push(`${path.replace(/^.*node_modules\//, '')}@${entry.version ?? '?'} needs node ${node}`);
      }
    }
    expect(tooNew, `Node ${oldest.version} (engines ${ours})`).toEqual([]);
  });

  it('the install refuses such a package instead of warning (engine-strict)', () => {
    const npmrc = readFileSync(new URL('../.npmrc', import.meta.url), 'utf8');
    expect(npmrc).toMatch(/^engine-strict\s*=\s*true$/m);
  });
});
