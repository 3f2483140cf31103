#!/usr/bin/env node
// Import accuracy on real pages: runs the public `gazette import --dry-run --format json` over
// test/fixtures/import-quality/{dev,held-out}/ and scores each page against the fields written by reading it
// (expected.json). Reports the dev and held-out parts separately. Needs `npm run build` first.
// Usage: node bench/import-quality/run.mjs [--verbose] [--show-held-out]
//   --verbose lists the wrong fields of dev pages only; --show-held-out lists those of held-out pages, for the
//   report once code changes have stopped (never while changing code).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const verbose = process.argv.includes('--verbose');
const showHeldOut = process.argv.includes('--show-held-out');
const FIELDS = ['title', 'source', 'date', 'time', 'editor', 'headings', 'first', 'last', 'chrome'];

const norm = (text) =>
  String(text ?? '')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();

/** The article's blocks (a series: its lead and its members' blocks, in order). */
function blocksOf(item) {
  return [
    ...(item.blocks ?? []),
    ...(item.members ?? []).flatMap((m) => [{ type: 'heading', text: m.title }, ...m.blocks]),
  ];
}

/** Wall-clock date and time of an ISO string with an offset, in Asia/Shanghai. */
function shanghai(iso) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + 8 * 3600 * 1000).toISOString();
  return { date: d.slice(0, 10), time: d.slice(11, 19) };
}

function score(expected, page) {
  const item = page.items?.[0];
  const results = {};
  if (!item) {
    for (const field of FIELDS)
      if (expected[field] !== undefined && expected[field] !== null) results[field] = false;
    return { results, got: { refused: page.refused ?? 'no item' } };
  }
  const blocks = blocksOf(item);
  const paragraphs = blocks.filter((b) => b.type === 'paragraph').map((b) => norm(b.text));
  const headings = blocks.filter((b) => b.type === 'heading').map((b) => norm(b.text));
  const when = item.publishedAt ? shanghai(item.publishedAt) : null;
  const precision = item.datePrecision ?? (when ? 'unknown' : null);
  const got = {
    title: norm(item.title),
    source: norm(item.source),
    editor: norm(item.editor),
    publishedAt: item.publishedAt,
    precision,
    headings,
    first: paragraphs[0] ?? '',
    last: paragraphs[paragraphs.length - 1] ?? '',
  };
  const has = (field) => expected[field] !== undefined && expected[field] !== null;
  if (has('title')) results.title = got.title === norm(expected.title);
  if (has('source')) results.source = got.source === norm(expected.source);
  if (has('editor')) results.editor = got.editor === norm(expected.editor);
  if (expected.date !== undefined) {
    results.date = expected.date === null ? when === null : when?.date === expected.date;
  }
  if (expected.precision !== undefined && expected.date !== null) {
    if (expected.precision === 'date') results.time = precision === 'date';
    else {
      const clock = expected.time.length === 5 ? when?.time.slice(0, 5) : when?.time;
      results.time = clock === expected.time && (precision === expected.precision || precision === 'unknown');
    }
  }
  if (has('headings'))
    results.headings = JSON.stringify(headings) === JSON.stringify(expected.headings.map(norm));
  if (has('first')) results.first = got.first.startsWith(norm(expected.first));
  if (has('last')) results.last = got.last.startsWith(norm(expected.last));
  const body = blocks.map((b) => norm(b.text)).join('\n');
  const chromeFound = (expected.chrome ?? []).filter((c) => body.includes(norm(c)));
  results.chrome = chromeFound.length === 0;
  return { results, got: { ...got, chromeFound } };
}

function run(split) {
  const dir = join(root, 'test', 'fixtures', 'import-quality', split);
  const { pages } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  const args = [join(root, 'dist', 'cli', 'main.js'), 'import', '--dry-run', '--format', 'json'];
  let out;
  try {
    out = execFileSync(process.execPath, [...args, ...pages.map((p) => join(dir, p.file))], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    // Exit code 1 means some page failed; its line is still in the output and scores as wrong.
    out = error.stdout;
  }
  const parsed = JSON.parse(out);
  const byFile = new Map(parsed.map((p) => [p.file.split('/').pop(), p]));
  const totals = Object.fromEntries(FIELDS.map((f) => [f, { right: 0, all: 0 }]));
  const policy = { right: 0, all: 0 };
  let chromePages = 0;
  for (const expected of pages) {
    const page = byFile.get(expected.file) ?? { refused: 'missing from output' };
    const { results, got } = score(expected, page);
    if (results.chrome === false) chromePages += 1;
    for (const [field, ok] of Object.entries(results)) {
      const bucket = expected.cls === 7 ? policy : totals[field];
      bucket.all += 1;
      if (ok) bucket.right += 1;
    }
    const wrong = Object.entries(results)
      .filter(([, ok]) => !ok)
      .map(([f]) => f);
    if (((verbose && split === 'dev') || (showHeldOut && split === 'held-out')) && wrong.length > 0) {
      console.log(`  ${expected.file}: wrong ${wrong.join(', ')}`);
      for (const f of wrong) {
        const shown =
          f === 'date' || f === 'time'
            ? `${got.publishedAt} (${got.precision})`
            : f === 'chrome'
              ? got.chromeFound
              : got[f];
        console.log(
          `    ${f}: expected ${JSON.stringify(f === 'time' ? `${expected.time} ${expected.precision}` : expected[f])} got ${JSON.stringify(shown ?? got)}`,
        );
      }
    }
  }
  const right = FIELDS.reduce((n, f) => n + totals[f].right, 0);
  const all = FIELDS.reduce((n, f) => n + totals[f].all, 0);
  console.log(
    `${split}: ${pages.length} pages, ${right}/${all} fields right = ${(right / all).toFixed(3)}; pages with chrome in body: ${chromePages}`,
  );
  console.log(`  ${FIELDS.map((f) => `${f} ${totals[f].right}/${totals[f].all}`).join(' · ')}`);
  if (policy.all > 0) console.log(`  policy-document pages (measured apart): ${policy.right}/${policy.all}`);
}

for (const split of ['dev', 'held-out']) run(split);
