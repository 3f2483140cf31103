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

function termQuery(term: QueryTerm): string {
  const forms = [term, ...(term.alternatives ?? [])];
  return forms.length === 1 ? oneTermQuery(term) : `(${forms.map(oneTermQuery).join(' | ')})`;
}

function oneTermQuery(term: QueryTerm): string {
  const first = singleCharacter(term);
  if (first !== null) return `${lexeme(first)}:*`; // alone, or the first of a bigram
  return `(${term.grams.map(lexeme).join(' <-> ')})`;
}

export function gramsQuery(query: IndexQuery['query'], anyTerm: boolean): string | null {
  if (query.include.length === 0) return null;
  const positive = query.include.map(termQuery).join(anyTerm ? ' | ' : ' & ');
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
      // The newest matches first, then the rank of those only: the subquery makes sure ts_rank_cd
      // reads the 1,001 rows kept, whatever plan finds and sorts the matches. `d.site_id` (the article's
      // site, kept with the document) lets the plan walk one site's documents of a platform of many
      // (index search_documents_site) instead of every site's matches.
      const rows = await sql<CandidateRow>`
        select m.id as id, m.published_at as published_at,
          (ts_rank_cd(m.grams, ${grams}::tsquery) + ${sql.raw(String(WORD_BONUS))} * ts_rank_cd(m.words, ${wordsQuery(q.query)}::tsquery))
          * (1 + ${sql.raw(String(FRESHNESS))} / (1 + greatest(0, extract(epoch from (${q.now}::timestamptz - m.published_at::timestamptz)) / 86400) / 365.0)) as score
        from (
          select a.id, a.published_at, d.grams, d.words
          from search_documents d join articles a on a.id = d.article_id
          where ${q.filter.platform ? sql`true` : sql`d.site_id = ${q.filter.siteId}`} and d.grams @@ ${grams}::tsquery and ${filterSql(q.filter)}
          order by d.article_id desc limit ${MAX_RANKED + 1}
        ) m`.execute(db);
      return pageOf(candidatesOf(rows.rows), q);
    },
  };
}
