import { sql } from 'kysely';
import { singleCharacter, type QueryTerm } from './query-parser.js';
import {
  FRESHNESS,
  MAX_RANKED,
  pageOf,
  WORD_BONUS,
  type AnalysedDocument,
  type IndexQuery,
  type SearchIndex,
} from './search-port.js';
import { candidatesOf, filterSql, type AnyDb, type CandidateRow } from './filter-sql.js';

/**
 * SQLite: an FTS5 table over pre-tokenised text (tokens joined by spaces; the `ascii` tokenizer splits on
 * the spaces and takes every non-ASCII character as part of a token, so our tokens pass through whole).
 * Contentless, so the text is not stored twice; the row id is the article id. Word and bigram streams of each field are separate columns so that bm25 can weigh them.
 */

/** bm25 column weights, in column order. */
const WEIGHTS = [10, 10 / WORD_BONUS, 4, 4 / WORD_BONUS, 2.5, 2.5 / WORD_BONUS, 1, 1 / WORD_BONUS];
const GRAMS = '{title_g lead_g meta_g body_g}';
const WORDS = '{title_w lead_w meta_w body_w}';
const TITLE = { grams: '{title_g}', words: '{title_w}' };
const ALL = { grams: GRAMS, words: WORDS };
type Columns = typeof ALL;
/** Older articles with the terms in the title, ranked besides the newest matches of a broad query. */
const TITLE_CANDIDATES = 300;

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

function termExpression(term: QueryTerm, columns: Columns = ALL): string {
  const first = singleCharacter(term);
  if (first !== null) {
    // One character: as a token of its own, or as the first of a bigram.
    return `(${columns.grams} : (${quote(first)} OR ${quote(first)} *) OR ${columns.words} : ${quote(first)})`;
  }
  const phrase = `${columns.grams} : ${quote(term.grams.join(' '))}`;
  // A segmenter word of the text always lies inside a run of its bigrams, so `phrase OR word` matches the
  // same articles as the phrase alone, and bm25 scores the word hits on top (the word columns weigh more).
  const [word] = term.words;
  return term.words.length === 1 && word ? `(${phrase} OR ${columns.words} : ${quote(word)})` : `(${phrase})`;
}

export function ftsExpression(
  query: IndexQuery['query'],
  anyTerm: boolean,
  columns: Columns = ALL,
): string | null {
  if (query.include.length === 0) return null;
  const positive = query.include.map((t) => termExpression(t, columns)).join(anyTerm ? ' OR ' : ' AND ');
  const negative = query.exclude.map((t) => ` NOT ${termExpression(t)}`).join('');
  return `(${positive})${negative}`;
}

/** Above this many matches, ranking uses title hits and freshness instead of bm25 (see `find`). */
const BM25_MAX_MATCHES = 200;

function freshnessSql(now: string) {
  return sql`(1 + ${sql.raw(String(FRESHNESS))} / (1 + max(0, julianday(${now}) - julianday(a.published_at)) / 365.0))`;
}

/**
 * Ranking for broad queries: the newest matches, plus older articles with every term in the title; an
 * article whose title has the terms ranks first, then by freshness. Each step reads only bounded lists.
 */
async function broadCandidates(
  db: AnyDb,
  q: IndexQuery,
  newest: readonly { id: number; published_at: string }[],
): Promise<{ id: number; score: number; publishedAt: string }[]> {
  const titles = ftsExpression(q.query, q.anyTerm, TITLE);
  const oldest = Math.min(...newest.map((r) => Number(r.id)));
  const inTitle = new Set<number>();
  if (titles !== null) {
    const recent = await sql<{ id: number }>`
      select rowid as id from search_fts where search_fts match ${titles} and rowid >= ${oldest}`.execute(db);
    for (const r of recent.rows) inTitle.add(Number(r.id));
  }
  const now = Date.parse(q.now);
  const score = (publishedAt: string, title: boolean) =>
    (title ? 10 : 1) * (1 + FRESHNESS / (1 + Math.max(0, now - Date.parse(publishedAt)) / 86_400_000 / 365));
  const out = newest.map((r) => ({
    id: Number(r.id),
    publishedAt: r.published_at,
    score: score(r.published_at, inTitle.has(Number(r.id))),
  }));
  if (titles !== null && q.sort !== 'date') {
    const older = await sql<{ id: number }>`
      select rowid as id from search_fts where search_fts match ${titles} and rowid < ${oldest}
      order by rowid desc limit ${TITLE_CANDIDATES}`.execute(db);
    const ids = older.rows.map((r) => Number(r.id));
    if (ids.length > 0) {
      const rows = await sql<{ id: number; published_at: string }>`
        select a.id as id, a.published_at as published_at from articles a
        where a.id in (${sql.join(ids.map((id) => sql`${id}`))}) and ${filterSql(q.filter)}`.execute(db);
      for (const r of rows.rows)
        out.push({ id: Number(r.id), publishedAt: r.published_at, score: score(r.published_at, true) });
    }
  }
  return out;
}

export function createSqliteSearchIndex(db: AnyDb): SearchIndex {
  return {
    async put(doc: AnalysedDocument, fresh = false) {
      if (!fresh) await sql`delete from search_fts where rowid = ${doc.articleId}`.execute(db);
      const join = (tokens: readonly string[]) => tokens.join(' ');
      await sql`insert into search_fts (rowid, title_w, title_g, lead_w, lead_g, meta_w, meta_g, body_w, body_g)
        values (${doc.articleId}, ${join(doc.title.words)}, ${join(doc.title.grams)}, ${join(doc.lead.words)},
          ${join(doc.lead.grams)}, ${join(doc.meta.words)}, ${join(doc.meta.grams)}, ${join(doc.body.words)},
          ${join(doc.body.grams)})`.execute(db);
    },
    async remove(articleId) {
      await sql`delete from search_fts where rowid = ${articleId}`.execute(db);
    },
    async clear(siteId) {
      if (siteId === undefined) await sql`delete from search_fts`.execute(db);
      else
        await sql`delete from search_fts where rowid in (select id from articles where site_id = ${siteId})`.execute(
          db,
        );
    },
    async find(q: IndexQuery) {
      const match = ftsExpression(q.query, q.anyTerm);
      if (match === null) return { total: 0, hits: [] };
      const filter = filterSql(q.filter);
      // The newest matches (row ids grow with time), one more than are ranked so that "more" is known.
      // Without bm25 this is cheap however common the words are.
      const newest = await sql<{ id: number; published_at: string }>`
        select a.id as id, a.published_at as published_at from search_fts f join articles a on a.id = f.rowid
        where search_fts match ${match} and ${filter} order by f.rowid desc limit ${MAX_RANKED + 1}`.execute(
        db,
      );
      const total = newest.rows.length;
      if (total === 0) return { total, hits: [] };
      if (q.sort === 'date' || total > BM25_MAX_MATCHES) {
        return { ...pageOf(await broadCandidates(db, q, newest.rows), q), total };
      }
      // Few matches: full bm25 with column weights (its document frequencies read each term's whole list,
      // which is what makes it too slow for words that half the site contains).
      const weights = sql.raw(WEIGHTS.join(', '));
      const ranked = await sql<CandidateRow>`
        select a.id as id, a.published_at as published_at,
          -bm25(search_fts, ${weights}) * ${freshnessSql(q.now)} as score
        from search_fts f join articles a on a.id = f.rowid
        where search_fts match ${match} and ${filter} order by f.rowid desc limit ${MAX_RANKED + 1}`.execute(
        db,
      );
      return { ...pageOf(candidatesOf(ranked.rows), q), total };
    },
  };
}
