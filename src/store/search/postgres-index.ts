import { sql } from 'kysely';
import {
  FRESHNESS,
  MAX_RANKED,
  pageOf,
  singleCharacter,
  WORD_BONUS,
  type AnalysedDocument,
  type Analysis,
  type IndexQuery,
  type QueryTerm,
  type SearchIndex,
} from '../../search/index.js';
import { candidatesOf, filterSql, type AnyDb, type CandidateRow } from './filter-sql.js';

/**
 * PostgreSQL: two tsvectors per article built from the same tokens as on SQLite, never re-parsed by a
 * text search configuration (PostgreSQL has no Chinese parser): `grams` (bigram stream with positions,
 * GIN-indexed, decides the match: phrases use `<->`) and `words` (segmenter words, adds to the rank).
 * Fields are weighted title A, lead B, meta C, body D.
 */

/** PostgreSQL keeps positions up to 16383 and at most 256 of them per lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 255;

const lexeme = (token: string) => `'${token.replace(/['\\]/g, '')}'`;

/** A tsvector literal of the fields' tokens, in order, each field with its weight. */
export function tsvectorLiteral(
  fields: readonly (readonly [Analysis, 'A' | 'B' | 'C' | 'D'])[],
  stream: keyof Analysis,
): string {
  const positions = new Map<string, string[]>();
  let at = 0;
  for (const [analysis, weight] of fields) {
    for (const token of analysis[stream]) {
      at = Math.min(at + 1, MAX_POSITION);
      const list = positions.get(token);
      if (!list) positions.set(token, [`${at}${weight}`]);
      else if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${at}${weight}`);
    }
    at = Math.min(at + 2, MAX_POSITION); // no phrase runs across two fields
  }
  return [...positions].map(([token, list]) => `${lexeme(token)}:${list.join(',')}`).join(' ');
}

function termQuery(term: QueryTerm, loose = false): string {
  const forms = [term, ...(term.alternatives ?? [])];
  return forms.length === 1
    ? oneTermQuery(term, loose)
    : `(${forms.map((form) => oneTermQuery(form, loose)).join(' | ')})`;
}

function oneTermQuery(term: QueryTerm, loose: boolean): string {
  const first = singleCharacter(term);
  if (first !== null) return `${lexeme(first)}:*`; // alone, or the first of a bigram
  return `(${term.grams.map(lexeme).join(loose ? ' & ' : ' <-> ')})`;
}

/**
 * The tsquery of a parsed query. `loose`: every bigram of a term rather than the phrase, and no exclusions —
 * what matches it is a superset of the matches, and the GIN index decides it without rechecking rows.
 */
export function gramsQuery(query: IndexQuery['query'], anyTerm: boolean, loose = false): string | null {
  if (query.include.length === 0) return null;
  const positive = query.include.map((t) => termQuery(t, loose)).join(anyTerm ? ' | ' : ' & ');
  if (loose) return `(${positive})`;
  const negative = query.exclude.map((t) => ` & !${termQuery(t)}`).join('');
  return `(${positive})${negative}`;
}

function wordsQuery(query: IndexQuery['query']): string {
  const words = [
    ...new Set(query.include.flatMap((t) => [...t.words, ...(t.alternatives ?? []).flatMap((a) => a.words)])),
  ];
  return words.length > 0 ? words.map(lexeme).join(' | ') : `''`;
}

export function createPostgresSearchIndex(db: AnyDb): SearchIndex {
  return {
    async put(doc: AnalysedDocument) {
      // An upsert either way: `fresh` saves nothing here.
      const fields = [
        [doc.title, 'A'],
        [doc.lead, 'B'],
        [doc.meta, 'C'],
        [doc.body, 'D'],
      ] as const;
      const grams = tsvectorLiteral(fields, 'grams');
      const words = tsvectorLiteral(fields, 'words');
      await sql`insert into search_documents (article_id, site_id, grams, words)
        values (${doc.articleId}, ${doc.siteId}, ${grams}::tsvector, ${words}::tsvector)
        on conflict (article_id) do update set site_id = excluded.site_id, grams = excluded.grams, words = excluded.words`.execute(
        db,
      );
      await sql`insert into search_heads (article_id, grams, words)
        values (${doc.articleId}, ts_filter(${grams}::tsvector, '{a,b,c}'), ts_filter(${words}::tsvector, '{a,b,c}'))
        on conflict (article_id) do update set grams = excluded.grams, words = excluded.words`.execute(db);
    },
    async remove(articleId) {
      await sql`delete from search_documents where article_id = ${articleId}`.execute(db);
    },
    async count() {
      const counted = await sql<{ n: string }>`select count(*) as n from search_documents`.execute(db);
      return Number(counted.rows[0]?.n ?? 0);
    },
    async clear(siteId) {
      if (siteId === undefined) await sql`delete from search_documents`.execute(db);
      else await sql`delete from search_documents where site_id = ${siteId}`.execute(db);
    },
    async find(q: IndexQuery) {
      const grams = gramsQuery(q.query, q.anyTerm);
      if (grams === null) return { total: 0, hits: [] };
      const narrowed =
        q.filter.from !== undefined ||
        q.filter.to !== undefined ||
        (q.filter.source ?? '') !== '' ||
        (q.filter.columnIds !== undefined && !q.filter.platform);
      const rows = narrowed ? await findFiltered(db, q, grams) : await findInBatches(db, q, grams);
      return pageOf(candidatesOf(rows), q);
    },
  };
}

/** The rank of a match: its head (title, lead, metadata) against the query, a little more when fresh. */
function scoreSql(q: IndexQuery, grams: string) {
  return sql`(ts_rank_cd(h.grams, ${grams}::tsquery) + ${sql.raw(String(WORD_BONUS))} * ts_rank_cd(h.words, ${wordsQuery(q.query)}::tsquery))
    * (1 + ${sql.raw(String(FRESHNESS))} / (1 + greatest(0, extract(epoch from (${q.now}::timestamptz - m.published_at::timestamptz)) / 86400) / 365.0))`;
}

/** Documents looked at per round of `findInBatches`. */
const BATCH = 2000;
/** The newest ids the first round looks among; each round that finds fewer than BATCH looks 4× further back. */
const FIRST_WINDOW = 20_000;

/**
 * Matches in rounds, newest first. The GIN index answers a query of the terms' bigrams joined by AND without
 * reading a row (only a phrase, `<->`, makes PostgreSQL recheck every match against the whole tsvector:
 * 50,000 rechecks for a phrase of two common words at 300k articles). Across the platform, a window of ids
 * (`article_id` grows with time, and so does the table) lets PostgreSQL AND that bitmap with a range of the
 * primary key, so only the newest part of the table is read. Each round's newest BATCH candidates are then checked against
 * the real query (phrases, exclusions) and the article's filters and ranked on their small heads
 * (`search_heads`). Rounds go on, the window widening, only while fewer than MAX_RANKED + 1 matched.
 */
async function findInBatches(db: AnyDb, q: IndexQuery, grams: string): Promise<CandidateRow[]> {
  // A site's documents are spread over the whole table: its own index walks them, newest first, unsteered.
  if (db.isTransaction || q.filter.platform !== true) return rounds(db, q, grams, false);
  return db.transaction().execute((trx) => rounds(trx, q, grams, true));
}

async function rounds(db: AnyDb, q: IndexQuery, grams: string, steer: boolean): Promise<CandidateRow[]> {
  const loose = gramsQuery(q.query, q.anyTerm, true) as string;
  const exact = loose === grams;
  const site = q.filter.platform
    ? sql`d.site_id in (select id from sites where status = 'active')`
    : sql`d.site_id = ${q.filter.siteId}`;
  const newest = await sql<{ m: number | null }>`select max(article_id) as m from search_documents`.execute(
    db,
  );
  let upper = Number(newest.rows[0]?.m ?? 0) + 1;
  let width = steer ? FIRST_WINDOW : Number.POSITIVE_INFINITY;
  const rows: CandidateRow[] = [];
  while (upper > 0 && rows.length <= MAX_RANKED) {
    const lower = upper - width;
    // A common bigram makes the planner walk the window's rows and test each whole tsvector (20,000 of them);
    // the bitmap of the GIN index ANDed with the window reads only the matching rows' pages.
    if (steer) await sql`set local enable_indexscan = off`.execute(db);
    const candidates = await sql<{ article_id: number }>`
      select d.article_id from search_documents d
      where ${site} and d.grams @@ ${loose}::tsquery and d.article_id < ${upper}
        ${lower > 0 ? sql`and d.article_id >= ${lower}` : sql``}
      order by d.article_id desc limit ${BATCH}`.execute(db);
    if (steer) await sql`set local enable_indexscan = on`.execute(db);
    const ids = candidates.rows.map((r) => Number(r.article_id));
    if (ids.length === BATCH) {
      upper = ids[ids.length - 1] ?? 0;
    } else {
      upper = lower;
      width *= 4;
    }
    if (ids.length === 0) continue;
    // The candidates by primary key first (materialized: a phrase's estimate must not send the planner to
    // the GIN index, which would recheck every match of the whole table), then the real query on those.
    const matched = await sql<CandidateRow>`
      with c as materialized (
        select d.article_id, d.grams from search_documents d where d.article_id = any(${ids})
      )
      select m.id as id, m.published_at as published_at, ${scoreSql(q, grams)} as score
      from (
        select a.id, a.published_at
        from c d join articles a on a.id = d.article_id
        where ${exact ? sql`true` : sql`d.grams @@ ${grams}::tsquery`} and ${filterSql(q.filter)}
        order by d.article_id desc limit ${MAX_RANKED + 1 - rows.length}
      ) m join search_heads h on h.article_id = m.id`.execute(db);
    rows.push(...matched.rows);
  }
  return rows;
}

/**
 * With filters on the article (dates, source, columns) the article rows decide first: the matches among the
 * articles that pass, newest MAX_RANKED + 1, then the rank of those only.
 */
async function findFiltered(db: AnyDb, q: IndexQuery, grams: string): Promise<CandidateRow[]> {
  const rows = await sql<CandidateRow>`
    select m.id as id, m.published_at as published_at, ${scoreSql(q, grams)} as score
    from (
      select a.id, a.published_at
      from search_documents d join articles a on a.id = d.article_id
      where ${q.filter.platform ? sql`true` : sql`d.site_id = ${q.filter.siteId}`} and d.grams @@ ${grams}::tsquery and ${filterSql(q.filter)}
      order by d.article_id desc limit ${MAX_RANKED + 1}
    ) m join search_heads h on h.article_id = m.id`.execute(db);
  return rows.rows;
}
