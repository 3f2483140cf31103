#!/usr/bin/env node
// Builds only what is out of date, so `npm start` starts in about a second when nothing changed (tsc's own
// incremental check still costs several seconds, Vite's build a few more):
//   node scripts/build-if-stale.mjs          the server (tsc, via `npm run build`, which also does the admin)
//                                            when src/ is newer than the last build, then the admin if stale
//   node scripts/build-if-stale.mjs admin    only the admin (admin/ → dist/admin with Vite) when stale
//   node scripts/build-if-stale.mjs admin --force
//   node scripts/build-if-stale.mjs start [ARGS]   what `npm start` runs: the server's build check, then
//                                            `gazette start ARGS` in this same process
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.tsbuildinfo');
const adminOut = join(root, 'dist', 'admin');
const adminStamp = join(adminOut, 'index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function buildServerIfStale() {
  const sources = Math.max(newest(join(root, 'src')), mtime(join(root, 'tsconfig.json')));
  if (sources <= mtime(stamp)) return false;
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // tsc leaves the stamp alone when the output did not change; mark the check as done anyway.
  const now = new Date();
  utimesSync(stamp, now, now);
  return true;
}

/**
 * The admin is rebuilt when its sources, the Vite config, the package list or the shared src/core (the admin
 * imports role and status names from it) changed. Vite writes into a fresh directory that then replaces
 * dist/admin, so a running server or a second build at the same time never sees half a build.
 */
async function buildAdminIfStale(force) {
  const sources = Math.max(
    newest(join(root, 'admin')),
    newest(join(root, 'src', 'core')),
    mtime(join(root, 'vite.config.ts')),
    mtime(join(root, 'package.json')),
  );
  if (!force && sources <= mtime(adminStamp)) return;
  const started = Date.now();
  const fresh = `${adminOut}.building-${process.pid}`;
  const old = `${adminOut}.old-${process.pid}`;
  // A production build whatever NODE_ENV the caller runs under (Vitest sets it to "test").
  process.env['NODE_ENV'] = 'production';
  const { build } = await import('vite');
  try {
    await build({
      configFile: join(root, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: fresh, emptyOutDir: true },
    });
    try {
      if (existsSync(adminOut)) renameSync(adminOut, old);
      renameSync(fresh, adminOut);
    } catch (error) {
      // Another build finished at the same moment and put its (equally fresh) result in place.
      if (!existsSync(adminStamp)) throw error;
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
  console.log(`admin built into dist/admin in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const args = process.argv.slice(2);
try {
  if (args[0] === 'admin') {
    await buildAdminIfStale(args.includes('--force'));
  } else {
    // `npm run build` builds the admin too; check it anyway when the server was already up to date.
    if (!buildServerIfStale()) await buildAdminIfStale(false);
  }
} catch (error) {
  console.error(`admin build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

if (args[0] === 'start') {
  // The server runs in this process (npm's script runs it with `exec`, so no shell stands between): the
  // signals npm passes on (SIGTERM, SIGINT) reach the server itself, which stops, workers and all.
  const main = join(root, 'dist', 'cli', 'main.js');
  process.setSourceMapsEnabled(true);
  // Cluster workers run `process.argv[1]` with `process.execArgv`: the CLI itself, with source maps.
  process.execArgv.push('--enable-source-maps');
  process.argv.splice(1, process.argv.length - 1, main, 'start', ...args.slice(1));
  await import(pathToFileURL(main).href);
}
