import { PostgresAdapter, type Kysely } from 'kysely';
import { htmlToText } from '../core/index.js';
import {
  analyzerFor,
  BODY_WORD_CHARS,
  type AnalysedDocument,
  type Analyzer,
  type SearchDocument,
  type SearchIndex,
  type SearchRepo,
  type SearchTerm,
} from '../search/index.js';
import { createPostgresSearchIndex } from './search/postgres-index.js';
import { createSqliteSearchIndex } from './search/sqlite-index.js';
import { createMediaRepo } from './media-repo.js';
import type { Database } from './schema.js';
import type { SearchDatabase } from './schema-search.js';

type Db = Kysely<Database & SearchDatabase>;

/** How long a process trusts its copy of the user dictionary before looking for others' changes. */
const TERMS_TTL_MS = 10_000;

let terms: { signature: string; checkedAt: number; analyzer: Analyzer } | undefined;

const REINDEX_BATCH = 500;
/** Characters of extracted attachment text indexed per article. */
const MAX_ATTACHMENT_TEXT = 50_000;

function indexFor(db: Db): SearchIndex {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? createPostgresSearchIndex(db)
    : createSqliteSearchIndex(db);
}

/**
 * Status is checked here, not in SQL: with `status = 'published'` in the WHERE clause SQLite chose the
 * status index and walked every published article (11 ms at 100k) instead of looking up the ids.
 */
function onlyPublished<T extends { status: string }>(rows: T[]): T[] {
  return rows.filter((r) => r.status === 'published');
}

function termOf(row: { id: number; site_id: number; term: string; created_by: string; created_at: string }) {
  return {
    id: Number(row.id),
    siteId: Number(row.site_id),
    term: row.term,
    createdBy: row.created_by,
    createdAt: row.created_at,
  } satisfies SearchTerm;
}

/** The search index and its user dictionary, bound to `db` (the pool or one open transaction). */
export function createSearchRepo(database: Kysely<Database>): SearchRepo {
  const db = database as unknown as Db;
  const index = indexFor(db);

  const signature = async () => {
    const row = await db
      .selectFrom('search_terms')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('last')])
      .executeTakeFirst();
    return `${Number(row?.n ?? 0)}:${Number(row?.last ?? 0)}`;
  };

  const loadAnalyzer = async (force = false): Promise<Analyzer> => {
    if (!force && terms && Date.now() - terms.checkedAt < TERMS_TTL_MS) return terms.analyzer;
    const current = await signature();
    if (!force && terms && terms.signature === current) {
      terms = { ...terms, checkedAt: Date.now() };
      return terms.analyzer;
    }
    const rows = await db.selectFrom('search_terms').select('term').execute();
    terms = { signature: current, checkedAt: Date.now(), analyzer: analyzerFor(rows.map((r) => r.term)) };
    return terms.analyzer;
  };

  const documents = async (ids: readonly number[]): Promise<SearchDocument[]> => {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('articles')
      .select([
        'id',
        'site_id',
        'title',
        'kicker',
        'subtitle',
        'summary',
        'body_html',
        'source',
        'author',
        'original_author',
        'original_title',
        'cover_alt',
        'status',
      ])
      .where('id', 'in', ids)
      .execute()
      .then(onlyPublished);
    const tags = await db
      .selectFrom('article_tags')
      .select(['article_id', 'tag'])
      .where('article_id', 'in', ids)
      .execute();
    const files = await db
      .selectFrom('attachments')
      .select(['article_id', 'name'])
      .where('article_id', 'in', ids)
      .execute();
    const group = (list: readonly { article_id: number }[], value: (row: never) => string) => {
      const map = new Map<number, string[]>();
      for (const row of list)
        map.set(row.article_id, [...(map.get(row.article_id) ?? []), value(row as never)]);
      return map;
    };
    const tagsOf = group(tags, (r: { tag: string }) => r.tag);
    const filesOf = group(files, (r: { name: string }) => r.name);
    // Text the media library extracted from attachments and linked files (PDF, Word…), read only for
    // articles that have any, and bounded: it is searchable, not stored twice in full.
    const media = createMediaRepo(database);
    const attachmentText = new Map<number, string>();
    for (const row of rows) {
      if (!filesOf.has(row.id) && !row.body_html.includes('/media/')) continue;
      const texts = await media.textForArticle(row.id);
      if (texts.length > 0)
        attachmentText.set(
          row.id,
          texts
            .map((t) => t.text)
            .join('\n')
            .slice(0, MAX_ATTACHMENT_TEXT),
        );
    }
    return rows.map((row) => {
      const body = htmlToText(row.body_html);
      return {
        articleId: row.id,
        siteId: row.site_id,
        title: row.title,
        lead: [row.kicker, row.subtitle, row.summary, ...(tagsOf.get(row.id) ?? [])].join('\n'),
        meta: [
          row.source,
          row.author,
          row.original_author,
          row.original_title,
          ...(filesOf.get(row.id) ?? []),
          attachmentText.get(row.id) ?? '',
          // What the images show, as their alternative texts say (captions and tables are body text).
          row.cover_alt ?? '',
          ...body.images.map((image) => image.alt),
        ].join('\n'),
        body: body.text,
      };
    });
  };

  const analyse = (analyzer: Analyzer, doc: SearchDocument): AnalysedDocument => ({
    articleId: doc.articleId,
    siteId: doc.siteId,
    title: analyzer.analyse(doc.title),
    lead: analyzer.analyse(doc.lead),
    meta: analyzer.analyse(doc.meta),
    body: analyzer.analyse(doc.body, BODY_WORD_CHARS),
  });

  return {
    async sync(articleId) {
      const [doc] = await documents([articleId]);
      if (!doc) return index.remove(articleId);
      return index.put(analyse(await loadAnalyzer(), doc));
    },
    analyzer: () => loadAnalyzer(),
    find: (query) => index.find(query),
    async sources(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('articles')
        .select([
          'id',
          'site_id',
          'column_id',
          'title',
          'summary',
          'body_html',
          'source',
          'path',
          'published_at',
          'status',
        ])
        .where('id', 'in', ids)
        .execute()
        .then(onlyPublished);
      return rows.map((r) => ({
        id: r.id,
        siteId: r.site_id,
        columnId: r.column_id,
        title: r.title,
        summary: r.summary,
        bodyHtml: r.body_html,
        source: r.source,
        path: r.path ?? '',
        publishedAt: r.published_at ?? '',
      }));
    },
    async recentTitles(siteId, limit) {
      const rows = await db
        .selectFrom('articles')
        .select('title')
        .where('site_id', '=', siteId)
        .where('status', '=', 'published')
        .orderBy('published_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => r.title);
    },
    async listTerms(siteId) {
      let query = db.selectFrom('search_terms').selectAll().orderBy('site_id').orderBy('term');
      if (siteId !== null) query = query.where('site_id', 'in', [0, siteId]);
      return (await query.execute()).map(termOf);
    },
    async addTerm(siteId, term, createdBy, now) {
      const row = await db
        .insertInto('search_terms')
        .values({ site_id: siteId, term, created_by: createdBy, created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await loadAnalyzer(true);
      return termOf(row);
    },
    async removeTerm(id) {
      const row = await db.deleteFrom('search_terms').where('id', '=', id).returningAll().executeTakeFirst();
      if (row) await loadAnalyzer(true);
      return row ? termOf(row) : undefined;
    },
    async reindex(siteId, onBatch) {
      const analyzer = await loadAnalyzer(true);
      await index.clear(siteId);
      let done = 0;
      let after = 0;
      for (;;) {
        let query = db
          .selectFrom('articles')
          .select('id')
          .where('status', '=', 'published')
          .where('id', '>', after)
          .orderBy('id')
          .limit(REINDEX_BATCH);
        if (siteId !== undefined) query = query.where('site_id', '=', siteId);
        const ids = (await query.execute()).map((r) => r.id);
        if (ids.length === 0) break;
        for (const doc of await documents(ids)) await index.put(analyse(analyzer, doc), true);
        done += ids.length;
        after = ids.at(-1)!;
        onBatch?.(done);
      }
      return done;
    },
    async indexVersion() {
      const row = await db
        .selectFrom('search_state')
        .select('value')
        .where('key', '=', 'analysis')
        .executeTakeFirst();
      return row ? Number(row.value) : 0;
    },
    coverage() {
      // Both counts from one snapshot: an article published meanwhile is in both or in neither.
      const read = async (tx: Db) => {
        const published = await tx
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'published')
          .executeTakeFirst();
        return { indexed: await indexFor(tx).count(), published: Number(published?.n ?? 0) };
      };
      return db.isTransaction
        ? read(db)
        : db.transaction().setIsolationLevel('repeatable read').execute(read);
    },
    async seedTerms(builtIn, now) {
      const seeded = await db
        .selectFrom('search_state')
        .select('value')
        .where('key', '=', 'built-in-terms')
        .executeTakeFirst();
      if (seeded) return false;
      for (const term of builtIn) {
        await db
          .insertInto('search_terms')
          .values({ site_id: 0, term, created_by: '系统', created_at: now })
          .onConflict((oc) => oc.columns(['site_id', 'term']).doNothing())
          .execute();
      }
      await db.insertInto('search_state').values({ key: 'built-in-terms', value: now }).execute();
      await loadAnalyzer(true);
      return true;
    },
    async setIndexVersion(version) {
      await db
        .insertInto('search_state')
        .values({ key: 'analysis', value: String(version) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(version) }))
        .execute();
    },
  };
}
