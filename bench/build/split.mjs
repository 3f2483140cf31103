#!/usr/bin/env node
// Where a page's time goes in a full build, in-process on one thread: rendering (read side, presenter,
// theme) against writing its files (hash, kept copy, file, gzip). Samples about 3,000 pages across the site.
//
//   node bench/build/split.mjs --data /tmp/pub-10k --build /tmp/pub-dist
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/tmp/gazette-bench-build' },
    build: { type: 'string', default: 'dist' },
    sample: { type: 'string', default: '3000' },
  },
});
const build = pathToFileURL(resolve(values.build)).href;
const { loadConfig } = await import(`${build}/config/index.js`);
const { openGazette } = await import(`${build}/boot/index.js`);
const { loadSiteIndex, siteContextOf, pageUrls, renderPage, fileOf } = await import(
  `${build}/publish/index.js`
);
const { FileSet, outputLayout } = await import(`${build}/publish/writer.js`);

const config = loadConfig(
  { GAZETTE_LOG_LEVEL: 'silent', GAZETTE_THEME_DIR: resolve('themes/default') },
  { dataDir: resolve(values.data) },
);
const gazette = await openGazette(config);
const { store } = gazette.deps;
const index = await loadSiteIndex(store, await siteContextOf(store, undefined));
const urls = pageUrls(index);
const step = Math.max(1, Math.ceil(urls.length / Number(values.sample)));
const sample = urls.filter((_, i) => i % step === 0);
const source = { store, theme: gazette.theme, now: new Date().toISOString(), index };
const work = mkdtempSync(join(tmpdir(), 'gazette-split-'));
const set = new FileSet(outputLayout(join(work, 'site')), join(work, 'root'));
const kinds = {};
let render = 0;
let write = 0;
for (const url of sample) {
  const kind = url.endsWith('.html') ? 'article' : url.includes('/page/') ? 'archive' : 'other';
  let at = performance.now();
  const page = await renderPage(source, url);
  const r = performance.now() - at;
  at = performance.now();
  if (page) set.write(fileOf(url, page.status), page.html);
  const w = performance.now() - at;
  render += r;
  write += w;
  const k = (kinds[kind] ??= { pages: 0, renderMs: 0, writeMs: 0 });
  k.pages++;
  k.renderMs += r;
  k.writeMs += w;
}
for (const k of Object.values(kinds)) {
  k.renderMs = Math.round((k.renderMs / k.pages) * 100) / 100;
  k.writeMs = Math.round((k.writeMs / k.pages) * 100) / 100;
}
console.log(
  JSON.stringify({
    pages: sample.length,
    renderMsPerPage: Math.round((render / sample.length) * 100) / 100,
    writeMsPerPage: Math.round((write / sample.length) * 100) / 100,
    kinds,
  }),
);
await gazette.close();
rmSync(work, { recursive: true, force: true });
