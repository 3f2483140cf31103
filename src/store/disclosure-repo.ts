import { sql, type Kysely } from 'kysely';
import type { DisclosureCountRow, DisclosurePatch, DisclosureRecord, DisclosureRepo } from '../app/index.js';
import {
  GazetteError,
  type ClockPause,
  type DeliveryMethod,
  type DisclosureState,
  type OrganisationType,
  type ReplyType,
  type RequesterKind,
} from '../core/index.js';
import type { Database } from './schema.js';
import type { DisclosureRequestRow, DisclosureRequestUpdate } from './schema-calendar.js';

const DEFAULT_RETENTION_DAYS = 730;

const json = <T>(text: string | null, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

const toRecord = (row: DisclosureRequestRow): DisclosureRecord => ({
  id: row.id,
  siteId: row.site_id,
  number: row.number,
  queryCodeHash: row.query_code_hash,
  state: row.state as DisclosureState,
  requesterKind: row.requester_kind as RequesterKind,
  organisationType: row.organisation_type as OrganisationType | null,
  delivery: row.delivery as DeliveryMethod,
  sealed: row.sealed,
  submittedAt: row.submitted_at,
  registeredOn: row.registered_on,
  receivedOn: row.received_on,
  pauses: json<ClockPause[]>(row.pauses, []),
  extensionDays: row.extension_days,
  extensionReason: row.extension_reason,
  extensionApprover: row.extension_approver,
  dueOn: row.due_on,
  draftRevision: row.draft_revision,
  replyType: row.reply_type as ReplyType | null,
  replyReason: row.reply_reason,
  replyText: row.reply_text,
  replyAttachments: json(row.reply_attachments, []),
  review: json(row.review, null),
  answeredAt: row.answered_at,
  closedAt: row.closed_at,
  purgeAfter: row.purge_after,
  purgedAt: row.purged_at,
  version: row.version,
  updatedAt: row.updated_at,
});

/** Column values for the fields a patch names. */
function columnsOf(patch: DisclosurePatch): DisclosureRequestUpdate {
  const c: DisclosureRequestUpdate = {};
  if (patch.state !== undefined) c.state = patch.state;
  if (patch.requesterKind !== undefined) c.requester_kind = patch.requesterKind;
  if (patch.organisationType !== undefined) c.organisation_type = patch.organisationType;
  if (patch.delivery !== undefined) c.delivery = patch.delivery;
  if (patch.sealed !== undefined) c.sealed = patch.sealed;
  if (patch.registeredOn !== undefined) c.registered_on = patch.registeredOn;
  if (patch.receivedOn !== undefined) c.received_on = patch.receivedOn;
  if (patch.pauses !== undefined) c.pauses = JSON.stringify(patch.pauses);
  if (patch.extensionDays !== undefined) c.extension_days = patch.extensionDays;
  if (patch.extensionReason !== undefined) c.extension_reason = patch.extensionReason;
  if (patch.extensionApprover !== undefined) c.extension_approver = patch.extensionApprover;
  if (patch.dueOn !== undefined) c.due_on = patch.dueOn;
  if (patch.draftRevision !== undefined) c.draft_revision = patch.draftRevision;
  if (patch.replyType !== undefined) c.reply_type = patch.replyType;
  if (patch.replyReason !== undefined) c.reply_reason = patch.replyReason;
  if (patch.replyText !== undefined) c.reply_text = patch.replyText;
  if (patch.replyAttachments !== undefined) c.reply_attachments = JSON.stringify(patch.replyAttachments);
  if (patch.review !== undefined) c.review = patch.review === null ? null : JSON.stringify(patch.review);
  if (patch.answeredAt !== undefined) c.answered_at = patch.answeredAt;
  if (patch.closedAt !== undefined) c.closed_at = patch.closedAt;
  if (patch.purgeAfter !== undefined) c.purge_after = patch.purgeAfter;
  if (patch.purgedAt !== undefined) c.purged_at = patch.purgedAt;
  return c;
}

export function createDisclosureRepo(db: Kysely<Database>): DisclosureRepo {
  const get = async (id: number) => {
    const row = await db
      .selectFrom('disclosure_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  };

  const counted = (query: ReturnType<typeof base>): Promise<DisclosureCountRow[]> =>
    query
      .select([
        'requester_kind',
        'organisation_type',
        'reply_type',
        'reply_reason',
        sql<number>`count(*)`.as('n'),
      ])
      .groupBy(['requester_kind', 'organisation_type', 'reply_type', 'reply_reason'])
      .execute()
      .then((rows) =>
        rows.map((r) => ({
          requesterKind: r.requester_kind as RequesterKind,
          organisationType: r.organisation_type as OrganisationType | null,
          replyType: r.reply_type as ReplyType | null,
          replyReason: r.reply_reason,
          count: Number(r.n),
        })),
      );
  const base = (siteId: number) =>
    db.selectFrom('disclosure_requests').where('site_id', '=', siteId).where('registered_on', 'is not', null);

  return {
    async settings(siteId) {
      const row = await db
        .selectFrom('disclosure_settings')
        .selectAll()
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      return row
        ? { siteId, departmentId: row.department_id, retentionDays: row.retention_days }
        : { siteId, departmentId: null, retentionDays: DEFAULT_RETENTION_DAYS };
    },
    async saveSettings(settings, now) {
      const values = {
        department_id: settings.departmentId,
        retention_days: settings.retentionDays,
        updated_at: now,
      };
      const done = await db
        .updateTable('disclosure_settings')
        .set(values)
        .where('site_id', '=', settings.siteId)
        .execute();
      if (Number(done[0]?.numUpdatedRows ?? 0) === 0) {
        await db
          .insertInto('disclosure_settings')
          .values({ site_id: settings.siteId, ...values })
          .execute();
      }
    },
    async create(input, now) {
      const { id } = await db
        .insertInto('disclosure_requests')
        .values({
          site_id: input.siteId,
          number: input.number,
          query_code_hash: input.queryCodeHash,
          state: 'submitted',
          requester_kind: input.requesterKind,
          organisation_type: input.organisationType,
          delivery: input.delivery,
          sealed: input.sealed,
          submitted_at: input.submittedAt,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id)) as DisclosureRecord;
    },
    get,
    async getByNumber(number) {
      const row = await db
        .selectFrom('disclosure_requests')
        .selectAll()
        .where('number', '=', number)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async update(id, expectedVersion, patch, now) {
      const done = await db
        .updateTable('disclosure_requests')
        .set({ ...columnsOf(patch), version: expectedVersion + 1, updated_at: now })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) {
        const exists = await get(id);
        throw exists
          ? new GazetteError('GZ_VERSION_CONFLICT', `disclosure request ${id}`, { expectedVersion })
          : new GazetteError('GZ_DISCLOSURE_NOT_FOUND', String(id));
      }
      return (await get(id)) as DisclosureRecord;
    },
    async list(siteId, states, limit) {
      let query = db.selectFrom('disclosure_requests').selectAll().where('site_id', '=', siteId);
      if (states.length > 0) query = query.where('state', 'in', [...states]);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toRecord);
    },
    async listOpen(states) {
      const rows = await db
        .selectFrom('disclosure_requests')
        .selectAll()
        .where('state', 'in', [...states])
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },
    async setDueOn(id, dueOn) {
      await db.updateTable('disclosure_requests').set({ due_on: dueOn }).where('id', '=', id).execute();
    },
    async addEvent(requestId, at, actorName, step, details) {
      await db
        .insertInto('disclosure_events')
        .values({ request_id: requestId, at, actor_name: actorName, step, details: JSON.stringify(details) })
        .execute();
    },
    async events(requestId) {
      const rows = await db
        .selectFrom('disclosure_events')
        .selectAll()
        .where('request_id', '=', requestId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        requestId: r.request_id,
        at: r.at,
        actorName: r.actor_name,
        step: r.step,
        details: json<Record<string, unknown>>(r.details, {}),
      }));
    },
    async addFile(requestId, file, now) {
      await db
        .insertInto('disclosure_files')
        .values({
          request_id: requestId,
          kind: file.kind,
          mime: file.mime,
          size: file.size,
          sealed: file.sealed,
          created_at: now,
        })
        .execute();
    },
    async files(requestId) {
      const rows = await db
        .selectFrom('disclosure_files')
        .selectAll()
        .where('request_id', '=', requestId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        requestId: r.request_id,
        kind: 'identity' as const,
        mime: r.mime,
        size: r.size,
        sealed: r.sealed,
      }));
    },
    async listPurgeable(today, limit) {
      const rows = await db
        .selectFrom('disclosure_requests')
        .selectAll()
        .where('purged_at', 'is', null)
        .where('purge_after', 'is not', null)
        .where('purge_after', '<=', today)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    async purge(id, now) {
      await db.deleteFrom('disclosure_files').where('request_id', '=', id).execute();
      await db
        .updateTable('disclosure_requests')
        .set({ sealed: null, purged_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
    countRegistered(siteId, fromDate, toDate) {
      return counted(base(siteId).where('registered_on', '>=', fromDate).where('registered_on', '<', toDate));
    },
    countOpenAt(siteId, date) {
      return counted(
        base(siteId)
          .where('registered_on', '<', date)
          .where((eb) => eb.or([eb('answered_at', 'is', null), eb('answered_at', '>=', date)])),
      );
    },
    async reportTexts(siteId, year) {
      const row = await db
        .selectFrom('xxgk_report_texts')
        .select('texts')
        .where('site_id', '=', siteId)
        .where('year', '=', year)
        .executeTakeFirst();
      return json<Record<string, string>>(row?.texts ?? null, {});
    },
    async saveReportTexts(siteId, year, texts, now) {
      await db
        .deleteFrom('xxgk_report_texts')
        .where('site_id', '=', siteId)
        .where('year', '=', year)
        .execute();
      await db
        .insertInto('xxgk_report_texts')
        .values({ site_id: siteId, year, texts: JSON.stringify(texts), updated_at: now })
        .execute();
    },
    countAnswered(siteId, fromDate, toDate) {
      return counted(
        base(siteId)
          .where('answered_at', 'is not', null)
          .where('answered_at', '>=', fromDate)
          .where('answered_at', '<', toDate),
      );
    },
  };
}
