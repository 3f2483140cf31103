import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/publish/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { withdrawnNotice } from './support.js';

/**
 * The demo site built to files and served by a real nginx with deploy/nginx/gazette-static.conf: every
 * internal link and asset reachable from the home page must resolve, withdrawn articles answer 410 and
 * unknown URLs 404 with the site's pages, text is served precompressed.
 */
const NGINX = '/usr/sbin/nginx';
const CONF = join(import.meta.dirname, '../../deploy/nginx/gazette-static.conf');
const available = existsSync(NGINX);
if (!available) console.warn(`nginx test skipped: ${NGINX} is not installed (Debian package nginx)`);

let t: TestGazette;
let work: string;
let nginx: ChildProcess | undefined;
let base: string;
let withdrawnPath: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One raw GET (no redirect following, no decompression), to see exactly what nginx answers. */
function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitForNginx(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await get('/');
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error('nginx did not start');
}

beforeAll(async () => {
  if (!available) return;
  t = await startTestGazette();
  work = mkdtempSync(join(tmpdir(), 'gazette-nginx-'));
  withdrawnPath = await withdrawnNotice(t);
  const out = join(work, 'site');
  await buildSite({
    store: t.gazette.deps.store,
    theme: t.gazette.theme,
    now: t.clock.now(),
    out,
    mediaDir: join(t.dataDir, 'media'),
  });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const prefix = join(work, 'nginx');
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  // The dynamic parts (search, the 互动交流 and 依申请公开 forms) go to a Gazette server, as in production.
  const dynamic = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const server = readFileSync(CONF, 'utf8')
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('proxy_pass http://127.0.0.1:8080;', `proxy_pass ${dynamic};`)
    .replace(/default\s+\/srv\/www\/gazette;/, `default ${out};`);
  writeFileSync(join(prefix, 'gazette-static.conf'), server);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      'daemon off;',
      // One process as the current user: no switch to `nobody`, who could not read the private temp dir.
      'master_process off;',
      `pid ${join(prefix, 'nginx.pid')};`,
      `error_log ${join(prefix, 'logs/error.log')} warn;`,
      'events { worker_connections 64; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  default_type application/octet-stream;',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (n) => `  ${n}_temp_path ${join(prefix, n)};`,
      ),
      `  include ${join(prefix, 'gazette-static.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  nginx = spawn(
    NGINX,
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs/error.log')],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  await waitForNginx();
}, 120_000);

afterAll(async () => {
  if (!available) return;
  nginx?.kill('SIGTERM');
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

/** Internal URLs a page refers to: links, scripts, styles, images (and url() in CSS). */
function referencesOf(body: string, contentType: string, from: string): string[] {
  const found: string[] = [];
  const add = (raw: string) => {
    const value = raw.replace(/&amp;/g, '&').trim();
    if (value === '' || value.startsWith('#') || /^(?:mailto|tel|javascript|data):/i.test(value)) return;
    const url = new URL(value, `${base}${from}`);
    if (url.origin !== base) return;
    found.push(url.pathname + url.search);
  };
  if (contentType.includes('html')) {
    for (const m of body.matchAll(/\s(?:href|src)="([^"]*)"/g)) add(m[1]!);
    for (const m of body.matchAll(/\ssrcset="([^"]*)"/g))
      for (const part of m[1]!.split(',')) add(part.trim().split(/\s+/)[0]!);
  }
  if (contentType.includes('css'))
    for (const m of body.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) add(m[1]!);
  return found;
}

describe.skipIf(!available)('the static build served by nginx', () => {
  it('has no broken internal link or asset anywhere reachable from the home page', async () => {
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    const broken: string[] = [];
    while (queue.length > 0) {
      const path = queue.shift()!;
      let answer = await get(path);
      // Follow a redirect (e.g. /col → /col/) and check where it lands.
      for (let hops = 0; answer.status >= 300 && answer.status < 400 && hops < 3; hops++) {
        answer = await get(String(answer.headers['location']));
      }
      if (answer.status !== 200) {
        broken.push(`${answer.status} ${path}`);
        continue;
      }
      for (const ref of referencesOf(answer.body, String(answer.headers['content-type'] ?? ''), path)) {
        if (!seen.has(ref)) {
          seen.add(ref);
          queue.push(ref);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(seen.size).toBeGreaterThan(150);
  }, 120_000);

  it('answers 410 with the record for a withdrawn article and 404 with the site page otherwise', async () => {
    const gone = await get(withdrawnPath);
    expect(gone.status).toBe(410);
    expect(gone.body).toContain('内容有误');
    const missing = await get('/no/such/page.html');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('页面不存在');
    expect((await get('/_gone/gone.map')).status).toBe(404);
    expect((await get('/no-such-dir/')).status).toBe(404);
  });

  it('redirects like the dynamic server: /col to /col/; page 1 is the oldest archive page', async () => {
    const bare = await get('/xwzx');
    expect(bare.status).toBe(301);
    expect(bare.headers['location']).toBe('/xwzx/');
    const first = await get('/xwzx/page/1/');
    expect(first.status).toBe(200);
    expect(first.body).toContain('<span class="pager-off">尾页</span>');
  });

  it('sets display cookies at /_prefs and sends the reader back to the same-site page', async () => {
    const answer = await get('/_prefs?elder=1&back=%2Fxwzx%2F', { referer: `${base}/xwzx/` });
    expect(answer.status).toBe(303);
    expect(answer.headers['location']).toBe('/xwzx/');
    expect(answer.headers['set-cookie']).toEqual([expect.stringMatching(/^gz_elder=1;/)]);
    const foreign = await get('/_prefs?contrast=1', { referer: 'https://evil.example/' });
    expect(foreign.headers['location']).toBe('/');
  });

  it('never sends the reader off the site from /_prefs, whatever path the Referer holds', async () => {
    for (const path of [
      '//evil.example/phish',
      '///evil.example/',
      '/.//evil.example/phish',
      '/a/..//evil.example/',
      '/./\\evil.example/',
      '/\\evil.example/',
      '/%2e//evil.example/',
      '/%2E%2E//evil.example/',
    ]) {
      const answer = await get('/_prefs?elder=1', { referer: `https://evil.example${path}` });
      expect(answer.status, path).toBe(303);
      const location = String(answer.headers['location']);
      expect(location, path).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, `${base}/_prefs`).origin, path).toBe(base);
    }
    const ordinary = await get('/_prefs?elder=1', { referer: `${base}/tags/a.b/?q=1/../x` });
    expect(ordinary.headers['location']).toBe('/tags/a.b/?q=1/../x');
  });

  it('serves precompressed text, hashed assets for a year, feeds with their types', async () => {
    const home = await get('/', { 'accept-encoding': 'gzip' });
    expect(home.headers['content-encoding']).toBe('gzip');
    expect(home.headers['cache-control']).toBe('public, max-age=300');
    const css = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec((await get('/')).body)![1]!;
    const asset = await get(css);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const rss = await get('/feeds/rss.xml');
    expect(rss.headers['content-type']).toMatch(/^application\/rss\+xml/);
    const atom = await get('/feeds/xwzx/atom.xml');
    expect(atom.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect((await get('/sitemap.xml')).status).toBe(200);
  });
});
