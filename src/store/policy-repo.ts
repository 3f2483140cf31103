import { sql, type Kysely } from 'kysely';
import type {
  CatalogueRow,
  FacetCount,
  InterpretationLink,
  PolicyRepo,
  PolicySettings,
} from '../app/index.js';
import {
  GazetteError,
  type Disclosure,
  type InterpretationKind,
  type PolicyClass,
  type PolicyDocument,
  type PolicyFields,
  type ThemeTree,
  type Validity,
} from '../core/index.js';
import type { Database } from './schema.js';
import type { PolicyDocumentRow } from './schema-policy.js';

const strings = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

export const toPolicy = (row: PolicyDocumentRow): PolicyDocument => ({
  articleId: row.article_id,
  siteId: row.site_id,
  indexNumber: row.index_number,
  documentNumber: row.document_number,
  issuers: strings(row.issuers),
  themes: strings(row.themes),
  keywords: strings(row.keywords),
  writtenAt: row.written_at,
  publishedAt: row.published_on,
  effectiveAt: row.effective_at,
  genre: row.genre,
  policyClass: row.policy_class as PolicyClass,
  validity: row.validity as Validity,
  validityDate: row.validity_date,
  replacedBy: row.replaced_by,
  disclosure: row.disclosure as Disclosure,
  disclosureReason: row.disclosure_reason,
  version: row.version,
  updatedAt: row.updated_at,
});

const columnsOf = (fields: PolicyFields) => ({
  index_number: fields.indexNumber,
  document_number: fields.documentNumber,
  issuers: JSON.stringify(fields.issuers),
  themes: JSON.stringify(fields.themes),
  keywords: JSON.stringify(fields.keywords),
  written_at: fields.writtenAt,
  published_on: fields.publishedAt,
  effective_at: fields.effectiveAt,
  genre: fields.genre,
  policy_class: fields.policyClass,
  validity: fields.validity,
  validity_date: fields.validityDate,
  replaced_by: fields.replacedBy,
  disclosure: fields.disclosure,
  disclosure_reason: fields.disclosureReason,
});

/** The facet rows of a document: each issuer, each theme path and its first level. */
function facetsOf(fields: PolicyFields): { facet: string; value: string }[] {
  const rows = new Map<string, { facet: string; value: string }>();
  const add = (facet: string, value: string) => rows.set(`${facet}\u0000${value}`, { facet, value });
  for (const issuer of fields.issuers) add('issuer', issuer);
  for (const theme of fields.themes) {
    add('theme', theme);
    add('theme', theme.split('/')[0] as string);
  }
  return [...rows.values()];
}

/**
 * Sets a policy document's `listed` flag from its article's status and its 公开方式; called in the transaction
 * that changes either (a no-op for an article that is not a policy document).
 */
export async function refreshListed(db: Kysely<Database>, articleId: number): Promise<void> {
  await sql`UPDATE policy_documents SET listed = CASE WHEN disclosure = 'active' AND EXISTS (
      SELECT 1 FROM articles a WHERE a.id = policy_documents.article_id AND a.status = 'published'
    ) THEN 1 ELSE 0 END
    WHERE article_id = ${articleId}`.execute(db);
}

export function createPolicyRepo(db: Kysely<Database>): PolicyRepo {
  const get = async (articleId: number) => {
    const row = await db
      .selectFrom('policy_documents')
      .selectAll()
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    return row ? toPolicy(row) : undefined;
  };

  /**
   * Published, 主动公开 documents of a site (the `listed` flag), with every filter of the query but paging and
   * order; policy_documents alone, so that counting and paging never touch the articles.
   */
  const listed = (query: {
    siteId: number;
    theme?: string;
    issuer?: string;
    genre?: string;
    year?: number;
    validity?: Validity;
    articleIds?: readonly number[];
  }) => {
    let q = db
      .selectFrom('policy_documents as p')
      .where('p.site_id', '=', query.siteId)
      .where('p.listed', '=', 1);
    // Through the facet index (site, facet, value → articles): the matching set first, then the rows.
    const facet = (name: string, value: string) =>
      q.where(
        'p.article_id',
        'in',
        db
          .selectFrom('policy_document_facets')
          .select('article_id')
          .where('site_id', '=', query.siteId)
          .where('facet', '=', name)
          .where('value', '=', value),
      );
    if (query.theme) q = facet('theme', query.theme);
    if (query.issuer) q = facet('issuer', query.issuer);
    if (query.genre) q = q.where('p.genre', '=', query.genre);
    // A range rather than LIKE: it stays on the (…, published_on) index on both databases.
    if (query.year) {
      q = q
        .where('p.published_on', '>=', `${query.year}-01-01`)
        .where('p.published_on', '<', `${query.year + 1}-01-01`);
    }
    if (query.validity) q = q.where('p.validity', '=', query.validity);
    if (query.articleIds) {
      const ids = [...query.articleIds];
      q = ids.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('p.article_id', 'in', ids);
    }
    return q;
  };

  const toRow = (
    row: PolicyDocumentRow & {
      title: string;
      path: string | null;
      column_id: number;
      article_published_at: string | null;
    },
  ): CatalogueRow => ({
    ...toPolicy(row),
    title: row.title,
    path: row.path ?? '',
    columnId: row.column_id,
    articlePublishedAt: row.article_published_at ?? '',
  });

  /** The rows of the given documents joined with their articles, in the order of the ids. */
  const rowsFor = async (ids: readonly number[]): Promise<CatalogueRow[]> => {
    const found = new Map<number, CatalogueRow>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('policy_documents as p')
        .innerJoin('articles as a', 'a.id', 'p.article_id')
        .selectAll('p')
        .select(['a.title', 'a.path', 'a.column_id', 'a.published_at as article_published_at'])
        .where('p.article_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const row of rows) found.set(row.article_id, toRow(row));
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  };

  return {
    get,
    async getMany(articleIds) {
      if (articleIds.length === 0) return [];
      const rows = await db
        .selectFrom('policy_documents')
        .selectAll()
        .where('article_id', 'in', [...articleIds])
        .execute();
      return rows.map(toPolicy);
    },
    async save(articleId, siteId, fields, expectedVersion, now) {
      if (expectedVersion === null) {
        await db
          .insertInto('policy_documents')
          .values({
            article_id: articleId,
            site_id: siteId,
            ...columnsOf(fields),
            version: 1,
            updated_at: now,
          })
          .execute();
      } else {
        const result = await db
          .updateTable('policy_documents')
          .set({ ...columnsOf(fields), version: expectedVersion + 1, updated_at: now })
          .where('article_id', '=', articleId)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) {
          throw new GazetteError('GZ_VERSION_CONFLICT', `policy document ${articleId}`, { expectedVersion });
        }
        await db.deleteFrom('policy_document_facets').where('article_id', '=', articleId).execute();
      }
      await refreshListed(db, articleId);
      const facets = facetsOf(fields);
      if (facets.length > 0) {
        await db
          .insertInto('policy_document_facets')
          .values(facets.map((f) => ({ article_id: articleId, site_id: siteId, ...f })))
          .execute();
      }
      return (await get(articleId)) as PolicyDocument;
    },
    async findByIndexNumber(siteId, indexNumber) {
      const row = await db
        .selectFrom('policy_documents')
        .select('article_id')
        .where('site_id', '=', siteId)
        .where('index_number', '=', indexNumber)
        .executeTakeFirst();
      return row?.article_id;
    },
    async listReplacedBy(articleId) {
      const rows = await db
        .selectFrom('policy_documents')
        .selectAll()
        .where('replaced_by', '=', articleId)
        .orderBy('article_id')
        .execute();
      return rows.map(toPolicy);
    },
    async nextSequence(siteId, year) {
      const current = await db
        .selectFrom('policy_index_sequences')
        .select('last')
        .where('site_id', '=', siteId)
        .where('year', '=', year)
        .executeTakeFirst();
      if (current) {
        await db
          .updateTable('policy_index_sequences')
          .set({ last: current.last + 1 })
          .where('site_id', '=', siteId)
          .where('year', '=', year)
          .where('last', '=', current.last)
          .execute();
        return current.last + 1;
      }
      await db.insertInto('policy_index_sequences').values({ site_id: siteId, year, last: 1 }).execute();
      return 1;
    },
    async settings(siteId) {
      const row = await db
        .selectFrom('policy_settings')
        .selectAll()
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        indexPattern: row.index_pattern,
        indexCode: row.index_code,
        themes: JSON.parse(row.themes) as ThemeTree,
        interpretationDays: row.interpretation_days,
      } satisfies PolicySettings;
    },
    async saveSettings(siteId, settings, now) {
      const values = {
        index_pattern: settings.indexPattern,
        index_code: settings.indexCode,
        themes: JSON.stringify(settings.themes),
        interpretation_days: settings.interpretationDays,
        updated_at: now,
      };
      const updated = await db
        .updateTable('policy_settings')
        .set(values)
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) {
        await db
          .insertInto('policy_settings')
          .values({ site_id: siteId, ...values })
          .execute();
      }
    },
    async addRevision(revision, now) {
      await db
        .insertInto('policy_document_revisions')
        .values({
          article_id: revision.articleId,
          version: revision.version,
          fields: JSON.stringify(revision.fields),
          actor_id: revision.actorId,
          actor_name: revision.actorName,
          note: revision.note,
          at: now,
        })
        .execute();
    },
    async listRevisions(articleId) {
      const rows = await db
        .selectFrom('policy_document_revisions')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('version')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        articleId: r.article_id,
        version: r.version,
        fields: JSON.parse(r.fields) as PolicyFields,
        actorName: r.actor_name,
        note: r.note,
        at: r.at,
      }));
    },
    async link(link, siteId, now) {
      await db
        .insertInto('policy_interpretations')
        .values({
          policy_id: link.policyId,
          interpretation_id: link.interpretationId,
          site_id: siteId,
          kind: link.kind,
          created_at: now,
        })
        .execute();
    },
    async unlink(policyId, interpretationId) {
      const result = await db
        .deleteFrom('policy_interpretations')
        .where('policy_id', '=', policyId)
        .where('interpretation_id', '=', interpretationId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async linksOf(articleId) {
      const rows = await db
        .selectFrom('policy_interpretations')
        .selectAll()
        .where((eb) => eb.or([eb('policy_id', '=', articleId), eb('interpretation_id', '=', articleId)]))
        .orderBy('created_at')
        .execute();
      return rows.map((r): InterpretationLink => ({
        policyId: r.policy_id,
        interpretationId: r.interpretation_id,
        kind: r.kind as InterpretationKind,
      }));
    },
    async catalogue(query) {
      const base = listed(query);
      const counted = await base
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .executeTakeFirst();
      const direction = query.order === 'oldest' ? 'asc' : 'desc';
      // The page is chosen on policy_documents' index alone; only its rows are joined with the articles.
      const page = await base
        .select('p.article_id')
        .orderBy('p.published_on', direction)
        .orderBy('p.article_id', direction)
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      const rows = await rowsFor(page.map((r) => r.article_id));
      return { total: Number(counted?.n ?? 0), rows };
    },
    async countedDocuments(siteId) {
      const rows = await db
        .selectFrom('policy_documents')
        .select(['policy_class', 'written_at', 'published_on', 'validity', 'validity_date'])
        .where('site_id', '=', siteId)
        .where('listed', '=', 1)
        .where('policy_class', 'in', ['rule', 'normative'])
        .execute();
      return rows.map((r) => ({
        policyClass: r.policy_class as PolicyClass,
        writtenAt: r.written_at,
        publishedAt: r.published_on,
        validity: r.validity as Validity,
        validityDate: r.validity_date,
      }));
    },
    async facetCounts(siteId, facet) {
      let rows: { value: string | null; n: number | string | bigint }[];
      if (facet === 'theme' || facet === 'issuer') {
        rows = await listed({ siteId })
          .innerJoin('policy_document_facets as f', 'f.article_id', 'p.article_id')
          .where('f.facet', '=', facet)
          .select(['f.value as value', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('f.value')
          .orderBy('f.value')
          .execute();
      } else if (facet === 'genre') {
        rows = await listed({ siteId })
          .where('p.genre', '<>', '')
          .select(['p.genre as value', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('p.genre')
          .orderBy('p.genre')
          .execute();
      } else {
        const year = sql<string>`substr(p.published_on, 1, 4)`;
        rows = await listed({ siteId })
          .where('p.published_on', 'is not', null)
          .select([year.as('value'), (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(year)
          .orderBy(year, 'desc')
          .execute();
      }
      return rows
        .filter((r) => r.value !== null && r.value !== '')
        .map((r): FacetCount => ({ value: r.value as string, count: Number(r.n) }));
    },
  };
}
