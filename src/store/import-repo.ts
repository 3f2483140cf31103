import type { Kysely } from 'kysely';
import type { ImportRecord, ImportRecordInput, ImportRepo } from '../app/index.js';
import type { Database } from './schema.js';
import type { ImportRow } from './schema-imports.js';

const toRecord = (row: ImportRow): ImportRecord => ({
  id: row.id,
  fingerprint: row.fingerprint,
  siteId: row.site_id,
  contentHash: row.content_hash,
  articleId: row.article_id,
  seriesId: row.series_id,
  memberIds: JSON.parse(row.member_ids) as number[],
  file: row.file,
  importedAt: row.imported_at,
  updatedAt: row.updated_at,
});

export function createImportRepo(db: Kysely<Database>): ImportRepo {
  const getByFingerprint = async (fingerprint: string): Promise<ImportRecord | undefined> => {
    const row = await db
      .selectFrom('imports')
      .selectAll()
      .where('fingerprint', '=', fingerprint)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  };
  return {
    getByFingerprint,
    async save(input: ImportRecordInput, now: string): Promise<ImportRecord> {
      const values = {
        site_id: input.siteId,
        content_hash: input.contentHash,
        article_id: input.articleId,
        series_id: input.seriesId,
        member_ids: JSON.stringify(input.memberIds),
        file: input.file,
        updated_at: now,
      };
      const existing = await getByFingerprint(input.fingerprint);
      if (existing) {
        await db.updateTable('imports').set(values).where('id', '=', existing.id).execute();
      } else {
        await db
          .insertInto('imports')
          .values({ ...values, fingerprint: input.fingerprint, imported_at: now })
          .execute();
      }
      return (await getByFingerprint(input.fingerprint)) as ImportRecord;
    },
  };
}
