import { sql } from 'kysely';
import {
  estimateTotal,
  FRESHNESS,
  MAX_RANKED,
  pageOf,
  rankBroad,
  singleCharacter,
  WORD_BONUS,
  type AnalysedDocument,
  type BroadCandidate,
  type IndexQuery,
  type QueryTerm,
  type SearchIndex,
} from '../../search/index.js';
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
const ALL = { grams: GRAMS, words: WORDS };
type Columns = typeof ALL;
/** Older articles with the terms in the title, ranked besides the newest matches of a broad query. */
const TITLE_CANDIDATES = 300;
/**
 * A token in fewer articles than this is rare: FTS5's bm25 reads every article that has a query token to
 * weigh the terms (tens of ms for a word in most of 100k articles), so bm25 is used only when all are rare.
 */
const RARE = 1000;

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

/** A term or any of its alternatives (synonyms). */
function anyForm(term: QueryTerm, expression: (term: QueryTerm) => string): string {
  const forms = [term, ...(term.alternatives ?? [])];
  return forms.length === 1 ? expression(term) : `(${forms.map(expression).join(' OR ')})`;
}

function termExpression(term: QueryTerm, columns: Columns = ALL): string {
  return anyForm(term, (form) => oneTermExpression(form, columns));
}

function oneTermExpression(term: QueryTerm, columns: Columns): string {
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

function freshnessSql(now: string) {
  return sql`(1 + ${sql.raw(String(FRESHNESS))} / (1 + max(0, julianday(${now}) - julianday(a.published_at)) / 365.0))`;
}

export interface SqliteIndexOptions {
  /** Overrides `RARE` (tests use a small one to exercise the broad ranking on a small site). */
  readonly rareBelow?: number;
}

export function createSqliteSearchIndex(db: AnyDb, options: SqliteIndexOptions = {}): SearchIndex {
  const rare = options.rareBelow ?? RARE;
  return {
    async put(doc: AnalysedDocument, fresh = false) {
      if (!fresh) {
        await sql`delete from search_fts where rowid = ${doc.articleId}`.execute(db);
        await sql`delete from search_title_fts where rowid = ${doc.articleId}`.execute(db);
      }
      const join = (tokens: readonly string[]) => tokens.join(' ');
      await sql`insert into search_fts (rowid, title_w, title_g, lead_w, lead_g, meta_w, meta_g, body_w, body_g)
        values (${doc.articleId}, ${join(doc.title.words)}, ${join(doc.title.grams)}, ${join(doc.lead.words)},
          ${join(doc.lead.grams)}, ${join(doc.meta.words)}, ${join(doc.meta.grams)}, ${join(doc.body.words)},
          ${join(doc.body.grams)})`.execute(db);
      await sql`insert into search_title_fts (rowid, title_w, title_g)
        values (${doc.articleId}, ${join(doc.title.words)}, ${join(doc.title.grams)})`.execute(db);
    },
    async remove(articleId) {
      await sql`delete from search_fts where rowid = ${articleId}`.execute(db);
      await sql`delete from search_title_fts where rowid = ${articleId}`.execute(db);
    },
    async clear(siteId) {
      for (const table of ['search_fts', 'search_title_fts']) {
        if (siteId === undefined) await sql`delete from ${sql.table(table)}`.execute(db);
        else
          await sql`delete from ${sql.table(table)} where rowid in (select id from articles where site_id = ${siteId})`.execute(
            db,
          );
      }
    },
    find: (q: IndexQuery) => findIn(db, q, rare),
    async count() {
      const counted = await sql<{ n: number }>`
        select min((select count(*) from search_fts), (select count(*) from search_title_fts)) as n`.execute(
        db,
      );
      return Number(counted.rows[0]?.n ?? 0);
    },
  };
}

/**
 * The match of a term in any column: the same articles as `termExpression` (a segmenter word lies inside
 * a run of its bigrams, a character inside a bigram or alone), but without column filters FTS5 need not
 * read positions to check columns, which halves the cost for common words. Used to select, not to rank.
 */
function anyColumnTerm(term: QueryTerm): string {
  return anyForm(term, (form) => {
    const first = singleCharacter(form);
    return first !== null ? `${quote(first)} *` : quote(form.grams.join(' '));
  });
}

export function matchExpression(query: IndexQuery['query'], anyTerm: boolean): string | null {
  if (query.include.length === 0) return null;
  const positive = query.include.map(anyColumnTerm).join(anyTerm ? ' OR ' : ' AND ');
  const negative = query.exclude.map((t) => ` NOT ${anyColumnTerm(t)}`).join('');
  return `(${positive})${negative}`;
}

/**
 * Articles that contain one token (or, for a one-character term, a token starting with it): exact below
 * `rare`, else estimated from how far back its newest `rare` articles reach. One token's list is read
 * without positions and only up to `rare` entries, so this costs about 0.5 ms even for the commonest word.
 */
async function tokenFrequency(
  db: AnyDb,
  rare: number,
  token: string,
  span: { first: number; last: number; documents: number },
): Promise<{ count: number; rare: boolean }> {
  const rows = await sql<{ id: number }>`
    select rowid as id from search_fts where search_fts match ${token}
    order by rowid desc limit ${rare}`.execute(db);
  if (rows.rows.length < rare) return { count: rows.rows.length, rare: true };
  const reached = Number(rows.rows.at(-1)!.id);
  return {
    count: Math.min(span.documents, estimateTotal(rare, reached, span.first, span.last)),
    rare: false,
  };
}

/** The tokens FTS5 reads for a term: its distinct bigrams, or the prefix of a one-character term. */
function tokensOf(term: QueryTerm): string[] {
  const first = singleCharacter(term);
  const own = first !== null ? [`${quote(first)} *`] : [...new Set(term.grams)].map(quote);
  return [...own, ...(term.alternatives ?? []).flatMap(tokensOf)];
}

/** At most this many tokens are probed; a query with more is ranked as a broad one. */
const MAX_PROBES = 16;

/**
 * Document frequencies of the terms (a phrase is in at most as many articles as its rarest bigram: that
 * is its estimate) and whether every token is rare. bm25's cost is reading the list of every token of the
 * query, so the token lists decide, not the phrases (a rare phrase of common bigrams is costly too).
 */
async function termFrequencies(
  db: AnyDb,
  rare: number,
  terms: readonly QueryTerm[],
  span: { first: number; last: number; documents: number },
): Promise<{ counts: number[]; allRare: boolean }> {
  const tokens = [...new Set(terms.flatMap(tokensOf))];
  const probed = new Map<string, { count: number; rare: boolean }>();
  for (const token of tokens.slice(0, MAX_PROBES))
    probed.set(token, await tokenFrequency(db, rare, token, span));
  // A form is in at most as many articles as its rarest token; a term with synonyms in the sum of its forms.
  const formCount = (form: QueryTerm) => {
    const own: QueryTerm = { text: form.text, grams: form.grams, words: form.words };
    const known = tokensOf(own).flatMap((t) => probed.get(t)?.count ?? []);
    return known.length > 0 ? Math.min(...known) : span.documents;
  };
  const counts = terms.map((term) =>
    Math.min(
      span.documents,
      [term, ...(term.alternatives ?? [])].reduce((sum, form) => sum + formCount(form), 0),
    ),
  );
  return { counts, allRare: tokens.length <= MAX_PROBES && [...probed.values()].every((f) => f.rare) };
}

/** How many articles the index holds (FTS5 keeps it in its averages record) and the span of their ids. */
async function indexSpan(db: AnyDb): Promise<{ first: number; last: number; documents: number }> {
  // Two statements: min() and max() together are a full scan in SQLite, each alone one index probe.
  const low = await sql<{ id: number | null }>`select min(id) as id from articles`.execute(db);
  const high = await sql<{ id: number | null }>`select max(id) as id from articles`.execute(db);
  const averages = await sql<{ block: Uint8Array }>`
    select block from search_fts_data where id = 1`.execute(db);
  const block = averages.rows[0]?.block;
  const first = Number(low.rows[0]?.id ?? 0);
  const last = Number(high.rows[0]?.id ?? 0);
  return { first, last, documents: block ? readVarint(block) : last - first + 1 };
}

/** An SQLite varint (big-endian, 7 bits a byte, the ninth byte whole), as FTS5 writes its row count. */
function readVarint(bytes: Uint8Array): number {
  let value = 0;
  for (let i = 0; i < 9 && i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (i === 8) return value * 256 + byte;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return value;
  }
  return value;
}

async function findIn(db: AnyDb, q: IndexQuery, rare: number) {
  const match = matchExpression(q.query, q.anyTerm);
  if (match === null) return { total: 0, hits: [] };
  const filter = filterSql(q.filter);
  // The newest matches (row ids grow with time), one more than are ranked so that "more" is known.
  // Without bm25 this is cheap however common the words are.
  const newest = await sql<BroadCandidate>`
    select a.id as id, a.published_at as published_at, a.title as title, a.summary as summary
    from search_fts f join articles a on a.id = f.rowid
    where search_fts match ${match} and ${filter} order by f.rowid desc limit ${MAX_RANKED + 1}`.execute(db);
  const total = newest.rows.length;
  if (total === 0) return { total, hits: [] };
  const span = await indexSpan(db);
  // Beyond the window, how many more: only without a date range (matches then stop at its start).
  const estimate =
    total > MAX_RANKED && q.filter.from === undefined && q.filter.to === undefined
      ? {
          estimate: Math.min(
            span.documents,
            estimateTotal(total, Math.min(...newest.rows.map((r) => Number(r.id))), span.first, span.last),
          ),
        }
      : {};
  if (q.sort === 'date')
    return {
      ...pageOf(
        newest.rows.map((r) => ({ id: Number(r.id), score: 0, publishedAt: r.published_at })),
        q,
      ),
      total,
      ...estimate,
    };
  // One term matching more than the window: surely common, and its idf would only scale every score
  // alike, so its frequency need not be probed (the commonest kind of broad query).
  const single = total > MAX_RANKED && q.query.include.length === 1 && q.query.exclude.length === 0;
  const frequencies = single
    ? { counts: [span.documents], allRare: false }
    : await termFrequencies(db, rare, [...q.query.include, ...q.query.exclude], span);
  if (frequencies.allRare) {
    // Only rare tokens: FTS5's bm25 with column weights over all the matches, cheap at this size.
    const weights = sql.raw(WEIGHTS.join(', '));
    const ranked = await sql<CandidateRow>`
      select a.id as id, a.published_at as published_at,
        -bm25(search_fts, ${weights}) * ${freshnessSql(q.now)} as score
      from search_fts f join articles a on a.id = f.rowid
      where search_fts match ${ftsExpression(q.query, q.anyTerm)} and ${filter}
      order by f.rowid desc limit ${MAX_RANKED + 1}`.execute(db);
    return { ...pageOf(candidatesOf(ranked.rows), q), total, ...estimate };
  }
  // A common term: BM25-style ranking over a bounded set (the newest matches and the newest articles
  // with the terms in the title), computed here from their titles and summaries.
  const older = q.query.exclude.length === 0 ? await olderTitleHits(db, q, newest.rows, filter) : [];
  const candidates = rankBroad([...newest.rows, ...older], {
    terms: q.query.include.map((t) => t.text.replace(/\s+/g, '')),
    frequencies: frequencies.counts.slice(0, q.query.include.length),
    documents: span.documents,
    allTerms: !q.anyTerm,
    now: q.now,
  });
  return { ...pageOf(candidates, q), total, ...estimate };
}

/**
 * Older articles with the terms in the title, from the title index (short lists): a broad query still
 * finds the article named after it when a thousand newer ones mention the words in passing. Not for
 * queries with exclusions: whether an older article's body has an excluded word is not cheap to know.
 */
async function olderTitleHits(
  db: AnyDb,
  q: IndexQuery,
  newest: readonly BroadCandidate[],
  filter: ReturnType<typeof filterSql>,
): Promise<BroadCandidate[]> {
  const titles = matchExpression({ include: q.query.include, exclude: [] }, q.anyTerm);
  if (titles === null) return [];
  const oldest = Math.min(...newest.map((r) => Number(r.id)));
  const older = await sql<{ id: number }>`
    select rowid as id from search_title_fts where search_title_fts match ${titles} and rowid < ${oldest}
    order by rowid desc limit ${TITLE_CANDIDATES}`.execute(db);
  const ids = older.rows.map((r) => Number(r.id));
  if (ids.length === 0) return [];
  // The ids drive the join (CROSS JOIN keeps them outside): with the filter's site and status terms
  // SQLite otherwise walked the site's listing index, 12 ms at 100k articles instead of 300 lookups.
  const rows = await sql<BroadCandidate>`
    select a.id as id, a.published_at as published_at, a.title as title, a.summary as summary
    from json_each(${JSON.stringify(ids)}) j cross join articles a on a.id = j.value
    where ${filter}`.execute(db);
  return rows.rows;
}
