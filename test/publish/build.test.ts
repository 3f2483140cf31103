import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSite,
  currentBuild,
  fileOf,
  loadSiteIndex,
  outputLayout,
  pageUrls,
  readManifestFile,
  siteContextOf,
  sitemapFiles,
  verifyOutput,
  type BuildReport,
} from '../../src/publish/index.js';
import type { Theme } from '../../src/render/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { withdrawnNotice } from './support.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

let t: TestGazette;
let work: string;
let out: string;
let first: BuildReport;
let withdrawnPath: string;

const build = (theme: Theme = t.gazette.theme, options: { searchUrl?: string } = {}) =>
  buildSite({
    store: t.gazette.deps.store,
    theme,
    now: t.clock.now(),
    out,
    mediaDir: join(t.dataDir, 'media'),
    ...options,
  });

const root = () => currentBuild(outputLayout(out))!.dir;
const read = (path: string) => readFileSync(join(root(), path), 'utf8');

beforeAll(async () => {
  t = await startTestGazette();
  work = mkdtempSync(join(tmpdir(), 'gazette-build-'));
  out = join(work, 'site');
  withdrawnPath = await withdrawnNotice(t);
  first = await build();
});

afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

/** A column or tag list page (base or archive): the static output pages them itself. */
const isList = (url: string) => url.endsWith('/') && url !== '/' && !url.startsWith('/series/');
/** Article links of a page, in order, without repeats. */
const articleLinks = (html: string) => [
  ...new Set([...html.matchAll(/href="([^"]+\/t\d{8}_\d+\.html)"/g)].map((m) => m[1]!)),
];

/** xmllint (Debian libxml2-utils, installed by CI) validates against the schema; without it, a clear skip. */
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!hasXmllint)
  console.warn('sitemap schema validation skipped: no xmllint (apt-get install libxml2-utils)');
function validateXml(schema: string, file: string): void {
  if (!hasXmllint) return;
  execFileSync('xmllint', ['--noout', '--schema', join(FIXTURES, schema), file], { stdio: 'pipe' });
}

describe('gazette build', () => {
  it('writes every page but the lists with the bytes and status the server answers for its URL', async () => {
    const { store } = t.gazette.deps;
    const index = await loadSiteIndex(store, await siteContextOf(store, undefined));
    // Column and tag lists are paged from the oldest in the static output (src/publish/archive.ts).
    const urls = pageUrls(index).filter((u) => u !== '/404.html' && !isList(u));
    expect(urls.length).toBeGreaterThan(50);
    const mismatched: string[] = [];
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url });
      const file = fileOf(url, res.statusCode)!;
      if (!existsSync(join(root(), file)) || read(file) !== res.body)
        mismatched.push(`${res.statusCode} ${url}`);
    }
    expect(mismatched).toEqual([]);
  });

  it('pages every list from the oldest: base page and archive pages hold what the server lists', async () => {
    const { store } = t.gazette.deps;
    const index = await loadSiteIndex(store, await siteContextOf(store, undefined));
    const lists = new Map<string, string[]>();
    for (const url of pageUrls(index).filter(isList)) {
      const base = url.replace(/page\/\d+\/$/, '');
      lists.set(base, [...(lists.get(base) ?? []), url]);
    }
    expect([...lists.values()].some((pages) => pages.length > 2)).toBe(true);
    for (const [base, pages] of lists) {
      const staticRows = new Set(pages.flatMap((url) => articleLinks(read(fileOf(url)!))));
      const serverRows = new Set<string>();
      for (let page = 1; ; page++) {
        const res = await t.app.inject({ method: 'GET', url: page === 1 ? base : `${base}page/${page}/` });
        if (res.statusCode !== 200) break;
        for (const link of articleLinks(res.body)) serverRows.add(link);
      }
      expect([...staticRows].sort(), base).toEqual([...serverRows].sort());
      // The total is printed on the base page only (an empty list prints none).
      if (serverRows.size > 0) expect(read(fileOf(base)!)).toContain(`共 ${serverRows.size} 条`);
      else expect(read(fileOf(base)!)).not.toContain('共 ');
      for (const url of pages.filter((u) => u !== base)) expect(read(fileOf(url)!)).not.toContain('共 ');
    }
    // Archive page 1 holds the oldest rows.
    const big = [...lists].find(([, pages]) => pages.length > 2)!;
    const oldest = articleLinks(read(fileOf(`${big[0]}page/1/`)!));
    expect(oldest).toHaveLength(20);
    expect(articleLinks(read(fileOf(big[0])!))).not.toContain(oldest[0]);
  });

  it('writes the 404 page, the 410 record of a withdrawn article and the list of withdrawn URLs', () => {
    expect(read('404.html')).toContain('页面不存在');
    expect(read(`_gone${withdrawnPath}`)).toContain('内容有误');
    expect(existsSync(join(root(), withdrawnPath))).toBe(false);
    expect(read('_gone/gone.map')).toBe(`${withdrawnPath} 1;\n`);
  });

  it('names assets by content hash, keeps media, precompresses text, writes robots.txt', () => {
    const assets = readdirSync(join(root(), 'assets'));
    expect(assets.some((name) => /^site\.[0-9a-f]{10}\.css$/.test(name))).toBe(true);
    expect(read('index.html')).toContain(t.gazette.theme.assetUrl('site.css'));
    expect(existsSync(join(root(), 'index.html.gz'))).toBe(true);
    expect(read('robots.txt')).toContain('Sitemap: ');
    const media = read('index.html').match(/\/media\/[\w./-]+/g) ?? [];
    for (const url of media) expect(existsSync(join(root(), url))).toBe(true);
  });

  it('lists every file with its SHA-256 in the manifest', () => {
    // The public copy: a head and its shards (/_manifest/), read back whole.
    const head = JSON.parse(read('manifest.json')) as { version: number; shards: number };
    expect(head).toMatchObject({ version: 2, shardDir: '_manifest' });
    expect(readdirSync(join(root(), '_manifest'))).toHaveLength(head.shards);
    const manifest = readManifestFile(join(root(), 'manifest.json'))!;
    expect(Object.keys(manifest.files).length).toBe(first.files);
    const hash = execFileSync('sha256sum', [join(root(), 'index.html')], { encoding: 'utf8' }).split(' ')[0];
    expect(manifest.files['/index.html']).toBe(hash);
  });

  it('writes RSS 2.0 and Atom feeds for the site and each column that a feed parser reads', () => {
    const rss = parseFeed(read('feeds/rss.xml'));
    expect(rss.meta.type).toBe('rss');
    expect(rss.items.length).toBe(20);
    expect(rss.items[0]!.url).toMatch(/^https?:\/\/.+\.html$/);
    expect(rss.items.map((i) => i.url)).not.toContain(expect.stringContaining(withdrawnPath));
    const atom = parseFeed(read('feeds/atom.xml'));
    expect(atom.meta.type).toBe('atom');
    expect(atom.items[0]!.title).toBe(rss.items[0]!.title);
    const column = parseFeed(read('feeds/xwzx/zwyw/rss.xml'));
    expect(column.title).toContain('政务要闻');
    expect(column.items.every((i) => i.url?.includes('/xwzx/zwyw/'))).toBe(true);
  });

  it('writes a sitemap.xml valid against the sitemaps.org 0.9 schema', () => {
    const file = join(root(), 'sitemap.xml');
    validateXml('sitemap.xsd', file);
    const xml = read('sitemap.xml');
    expect(xml).not.toContain(withdrawnPath);
    expect(xml.match(/<url>/g)!.length).toBeGreaterThan(100);
  });

  it('splits the sitemap into an index and parts past the per-file limit, each valid', () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({
      path: `/a/${i}.html`,
      lastmod: '2026-11-20T02:00:00Z',
    }));
    const files = sitemapFiles('https://www.example.gov.cn', entries, '2026-11-20T02:00:00Z', 2);
    expect([...files.keys()]).toEqual(['/sitemap-1.xml', '/sitemap-2.xml', '/sitemap-3.xml', '/sitemap.xml']);
    const dir = mkdtempSync(join(work, 'sm-'));
    for (const [path, xml] of files) writeFileSync(join(dir, path), xml);
    validateXml('siteindex.xsd', join(dir, 'sitemap.xml'));
    for (const part of ['sitemap-1.xml', 'sitemap-3.xml']) validateXml('sitemap.xsd', join(dir, part));
    expect(files.get('/sitemap.xml')).toContain('<sitemapindex');
  });

  it('writes valid HTML for static list pages: a base page and archive pages with the static pager', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const pages = ['xwzx/index.html', 'xwzx/page/1/index.html'];
    if (existsSync(join(root(), 'xwzx/page/2/index.html'))) pages.push('xwzx/page/2/index.html');
    for (const path of pages) {
      const report = await validator.validateString(read(path));
      expect(
        report.results.flatMap((r) => r.messages.map((m) => `${path} ${m.ruleId}: ${m.message}`)),
      ).toEqual([]);
    }
    // The oldest page: no older page and no 尾页 link; 首页 goes to the list's base page.
    const oldest = read('xwzx/page/1/index.html');
    expect(oldest).toContain('<span class="pager-off">尾页</span>');
    expect(oldest).toContain('<li><a href="/xwzx/">首页</a></li>');
    expect(oldest).toContain('aria-current="page">1</a>');
  });

  it('writes valid HTML for the search page (with and without a search server) and the 404 page', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const check = async (path: string) => {
      const report = await validator.validateString(read(path));
      return report.results.flatMap((r) => r.messages.map((m) => `${path} ${m.ruleId}: ${m.message}`));
    };
    expect(read('search/index.html')).toContain('暂不提供站内搜索');
    expect([...(await check('search/index.html')), ...(await check('404.html'))]).toEqual([]);
    await build(t.gazette.theme, { searchUrl: 'https://search.example.gov.cn' });
    expect(read('search/index.html')).toContain('action="https://search.example.gov.cn/search"');
    expect(await check('search/index.html')).toEqual([]);
  });
});

describe('atomic switch', () => {
  it('switches the symlink to a new build and keeps the previous one', async () => {
    const before = root();
    await build();
    expect(root()).not.toBe(before);
    expect(existsSync(before)).toBe(true);
    const builds = readdirSync(outputLayout(out).buildsDir);
    expect(builds.length).toBe(2);
  });

  it('a build that fails leaves the previous one serving and no half-built directory', async () => {
    const before = root();
    const buildsBefore = readdirSync(outputLayout(out).buildsDir).sort();
    let calls = 0;
    const failing: Theme = {
      ...t.gazette.theme,
      render: (view) => {
        if (++calls === 50) return Promise.reject(new Error('template exploded'));
        return t.gazette.theme.render(view);
      },
    };
    await expect(build(failing)).rejects.toThrow('template exploded');
    expect(root()).toBe(before);
    expect(readdirSync(outputLayout(out).buildsDir).sort()).toEqual(buildsBefore);
    expect(verifyOutput(out).changed).toEqual([]);
  });

  it('refuses to replace a directory it did not make', async () => {
    const plain = join(work, 'plain');
    execFileSync('mkdir', ['-p', plain]);
    await expect(
      buildSite({ store: t.gazette.deps.store, theme: t.gazette.theme, now: t.clock.now(), out: plain }),
    ).rejects.toMatchObject({
      code: 'GZ_PUBLISH_OUTPUT_INVALID',
    });
  });
});

describe('gazette verify', () => {
  it('finds changed, added and missing files, and --restore puts them right', () => {
    expect(verifyOutput(out)).toMatchObject({ changed: [], added: [], missing: [] });
    appendFileSync(join(root(), 'index.html'), '<script>alert(1)</script>');
    // No copy of a .gz is kept: restoring compresses the kept original again.
    writeFileSync(join(root(), 'sitemap.html.gz'), 'tampered');
    writeFileSync(join(root(), 'shell.php'), '<?php system($_GET["c"]);');
    unlinkSync(join(root(), 'sitemap.html'));
    writeFileSync(join(root(), 'manifest.json'), '{}');
    writeFileSync(join(root(), '_manifest', '000.json'), '{"files":{}}');
    const report = verifyOutput(out);
    expect(report).toMatchObject({
      changed: ['/index.html', '/sitemap.html.gz'],
      added: ['/shell.php'],
      missing: ['/sitemap.html'],
    });
    const restored = verifyOutput(out, { restore: true });
    expect([...restored.restored].sort()).toEqual([
      '/index.html',
      '/shell.php',
      '/sitemap.html',
      '/sitemap.html.gz',
    ]);
    expect(restored.unrestorable).toEqual([]);
    expect(verifyOutput(out)).toMatchObject({ changed: [], added: [], missing: [] });
    expect(read('index.html')).not.toContain('alert(1)');
    expect(JSON.parse(read('manifest.json'))).toHaveProperty('shards');
    expect(readManifestFile(join(root(), 'manifest.json'))?.files['/index.html']).toBeDefined();
  });
});
