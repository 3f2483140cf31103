#!/usr/bin/env node
// Search quality on the demo portal: labelled citizen queries (queries.json), Gazette's search against a
// naive LIKE '%q%' baseline in the same run, on a fresh in-memory SQLite database (or PostgreSQL when
// GAZETTE_DATABASE_URL is set). Uses the built code: run `npm run build` first (or name a tree compiled
// with `tsc --outDir DIR` with --build DIR).
//   node bench/search-quality/run.mjs [--json] [--verbose] [--build DIR]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const buildFlag = process.argv.indexOf('--build');
const build = buildFlag > 0 ? resolve(process.argv[buildFlag + 1]) : join(root, 'dist');
const { openGazette, ensureDemo } = await import(join(build, 'boot/index.js'));
const { loadConfig } = await import(join(build, 'config/index.js'));
const { openSqliteMemory, openPostgres } = await import(join(build, 'store/index.js'));
const { searchSite, createArticle, createColumn, publishArticle, systemPrincipal } = await import(
  join(build, 'app/index.js')
);
const { sql } = await import('kysely');

const K = 10;
const verbose = process.argv.includes('--verbose');
const asJson = process.argv.includes('--json');
const { queries } = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'queries.json'), 'utf8'),
);

const dataDir = mkdtempSync(join(tmpdir(), 'gazette-search-quality-'));
const databaseUrl = process.env.GAZETTE_DATABASE_URL;
const database = databaseUrl ? await openPostgres(databaseUrl) : openSqliteMemory();
const gazette = await openGazette(
  loadConfig({ GAZETTE_LOG_LEVEL: 'silent', GAZETTE_THEME_DIR: join(root, 'themes/default') }, { dataDir }),
  { database },
);
try {
  await ensureDemo(gazette);
  const [site] = await gazette.deps.store.sites.list();
  const db = gazette.database.db;
  const titleOf = new Map(
    (await db.selectFrom('articles').select(['id', 'title']).where('status', '=', 'published').execute()).map(
      (r) => [r.id, r.title],
    ),
  );
  const knownTitles = new Set(titleOf.values());
  for (const q of queries) {
    for (const t of q.relevant)
      if (!knownTitles.has(t)) throw new Error(`label of "${q.q}" names no article: ${t}`);
  }

  /** WordPress-style: the whole query as one substring of title, summary or body; title hits first, then newest. */
  async function like(q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await sql`
      select id, title from articles
      where site_id = ${site.id} and status = 'published'
        and (title like ${pattern} escape '\\' or summary like ${pattern} escape '\\' or body_html like ${pattern} escape '\\')
      order by case when title like ${pattern} escape '\\' then 0 else 1 end, published_at desc
      limit ${K}`.execute(db);
    return rows.rows.map((r) => r.title);
  }

  async function gazetteSearch(q) {
    const outcome = await searchSite(gazette.deps, { q, filter: { siteId: site.id }, pageSize: K });
    return outcome.results.map((r) => r.title);
  }

  /**
   * The second corpus: real article texts (real-articles.json) in a column of their own, queried with the
   * labels of real-queries.json, dev and held-out apart: recall@10 and the share of false positives (results in
   * the top 10 neither relevant nor acceptable, over all results returned).
   */
  async function realCorpus() {
    const here = dirname(fileURLToPath(import.meta.url));
    const { articles } = JSON.parse(readFileSync(join(here, 'real-articles.json'), 'utf8'));
    const { queries: realQueries } = JSON.parse(readFileSync(join(here, 'real-queries.json'), 'utf8'));
    const who = systemPrincipal('search-quality');
    const column = await createColumn(gazette.deps, who, {
      siteId: site.id,
      parentId: null,
      slug: 'real-texts',
      name: '真实文本',
      kind: 'news',
      position: 99,
    });
    const idOf = new Map();
    for (const a of articles) {
      const created = await createArticle(gazette.deps, who, site.id, {
        columnId: column.id,
        title: a.title,
        summary: '',
        bodyHtml: a.body.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join(''),
        source: '',
        author: '',
        editor: '',
        tags: [],
      });
      await publishArticle(gazette.deps, who, created.id, {});
      idOf.set(created.id, a.id);
    }
    const parts = {};
    for (const q of realQueries) {
      const outcome = await searchSite(gazette.deps, {
        q: q.q,
        filter: { siteId: site.id, columnIds: [column.id] },
        pageSize: K,
      });
      const found = outcome.results.map((r) => idOf.get(r.id));
      const part = (parts[q.part] ??= { queries: 0, recall: [], returned: 0, falsePositives: 0, misses: [] });
      part.queries++;
      const missed = q.relevant.filter((id) => !found.includes(id));
      if (q.relevant.length > 0) part.recall.push((q.relevant.length - missed.length) / q.relevant.length);
      const wrong = found.filter((id) => !q.relevant.includes(id) && !q.acceptable.includes(id));
      part.returned += found.length;
      part.falsePositives += wrong.length;
      if (missed.length || wrong.length)
        part.misses.push(`${q.q}: missed ${missed.join(',') || '-'}; wrong ${wrong.join(',') || '-'}`);
    }
    const table = Object.fromEntries(
      Object.entries(parts).map(([name, p]) => [
        name,
        {
          queries: p.queries,
          [`recall@${K}`]: Number((p.recall.reduce((a, b) => a + b, 0) / p.recall.length).toFixed(3)),
          falsePositiveRate: Number((p.returned === 0 ? 0 : p.falsePositives / p.returned).toFixed(3)),
          returned: p.returned,
        },
      ]),
    );
    if (asJson) console.log(JSON.stringify({ realCorpus: table }, null, 2));
    else {
      console.log(
        `Real article texts (${articles.length}), ${realQueries.length} labelled queries, top ${K}`,
      );
      console.table(table);
      for (const [name, p] of Object.entries(parts)) for (const m of p.misses) console.log(`  ${name}: ${m}`);
    }
  }

  function score(found, relevant) {
    const rel = new Set(relevant);
    const hits = found.filter((t) => rel.has(t));
    const first = found.findIndex((t) => rel.has(t));
    return {
      recall: rel.size === 0 ? null : hits.length / rel.size,
      mrr: rel.size === 0 ? null : first === -1 ? 0 : 1 / (first + 1),
      // Of what was shown, how much was what the citizen looked for; showing nothing for a query with no
      // answer is right, showing nothing when there is one is a miss.
      precision: found.length === 0 ? (rel.size === 0 ? 1 : 0) : hits.length / found.length,
      zero: found.length === 0 && rel.size > 0,
    };
  }

  const systems = { gazette: gazetteSearch, like };
  const totals = {};
  const rows = [];
  for (const [name, run] of Object.entries(systems)) {
    const acc = { recall: [], mrr: [], precision: [], zero: 0, ms: 0 };
    for (const q of queries) {
      const started = performance.now();
      const found = await run(q.q);
      acc.ms += performance.now() - started;
      const s = score(found, q.relevant);
      if (s.recall !== null) acc.recall.push(s.recall);
      if (s.mrr !== null) acc.mrr.push(s.mrr);
      acc.precision.push(s.precision);
      if (s.zero) acc.zero++;
      rows.push({
        system: name,
        q: q.q,
        kind: q.kind,
        ...s,
        found: found.length,
        missed: q.relevant.filter((t) => !found.includes(t)),
      });
    }
    const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
    totals[name] = {
      queries: queries.length,
      [`recall@${K}`]: Number(mean(acc.recall).toFixed(3)),
      MRR: Number(mean(acc.mrr).toFixed(3)),
      [`precision@${K}`]: Number(mean(acc.precision).toFixed(3)),
      zeroResultQueries: acc.zero,
      meanMs: Number((acc.ms / queries.length).toFixed(2)),
    };
  }
  if (asJson) console.log(JSON.stringify({ database: gazette.database.dialect.name, totals, rows }, null, 2));
  else {
    console.log(
      `Search quality on the demo portal (${gazette.database.dialect.name}), ${queries.length} labelled queries, top ${K}`,
    );
    console.table(totals);
    const misses = rows.filter((r) => r.system === 'gazette' && (r.recall ?? 1) < 1);
    if (misses.length) {
      console.log('Gazette misses:');
      for (const m of misses)
        console.log(`  ${m.q} [${m.kind}] recall ${m.recall} missed: ${m.missed.join(' | ')}`);
    }
    if (verbose)
      for (const r of rows)
        console.log(
          `${r.system.padEnd(8)} ${r.kind.padEnd(16)} R=${r.recall ?? '-'} P=${r.precision.toFixed(2)} n=${r.found} ${r.q}`,
        );
  }
  await realCorpus();
} finally {
  await gazette.close();
  rmSync(dataDir, { recursive: true, force: true });
}
