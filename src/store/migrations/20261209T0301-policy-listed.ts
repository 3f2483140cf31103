import { sql } from 'kysely';
import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * Whether a policy document is in the public catalogue (`listed`: its article is published and the document is
 * 主动公开), kept on the document itself so that the catalogue's count, order and pages read policy_documents
 * alone through one index per filter, and join the articles only for the rows of the page. The store keeps the
 * flag in the transaction that changes either side (the article's publication, the document's 公开方式).
 */
export const policyListed: GazetteMigration = {
  name: '20261209T0301-policy-listed',
  async up(db: AnyKysely): Promise<void> {
    await db.schema
      .alterTable('policy_documents')
      .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`UPDATE policy_documents SET listed = 1
      WHERE disclosure = 'active'
        AND EXISTS (SELECT 1 FROM articles a WHERE a.id = policy_documents.article_id AND a.status = 'published')`.execute(
      db,
    );
    // The genre and 有效性 indexes served the catalogue only; they are replaced by the listed ones.
    await db.schema.dropIndex('policy_documents_genre_idx').ifExists().execute();
    await db.schema.dropIndex('policy_documents_validity_idx').ifExists().execute();
    await db.schema
      .createIndex('policy_documents_listed_idx')
      .ifNotExists()
      .on('policy_documents')
      .columns(['site_id', 'listed', 'published_on', 'article_id'])
      .execute();
    await db.schema
      .createIndex('policy_documents_listed_genre_idx')
      .ifNotExists()
      .on('policy_documents')
      .columns(['site_id', 'listed', 'genre', 'published_on', 'article_id'])
      .execute();
    await db.schema
      .createIndex('policy_documents_listed_validity_idx')
      .ifNotExists()
      .on('policy_documents')
      .columns(['site_id', 'listed', 'validity', 'published_on', 'article_id'])
      .execute();
  },
};
