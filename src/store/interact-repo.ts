import type { Kysely } from 'kysely';
import {
  DEFAULT_RETENTION_DAYS,
  type Channel,
  type InteractRepo,
  type Message,
  type MessagePatch,
} from '../app/index.js';
import type { ChannelKind, InvalidKind, MessageStatus, Rating } from '../core/index.js';
import type { Database } from './schema.js';
import type { InteractChannelRow, InteractMessageRow, InteractMessagesTable } from './schema-interact.js';

const toChannel = (row: InteractChannelRow): Channel => ({
  id: row.id,
  siteId: row.site_id,
  kind: row.kind as ChannelKind,
  name: row.name,
  intro: row.intro,
  departmentId: row.department_id,
  columnId: row.column_id,
  deadlineDays: row.deadline_days,
  allowPublic: Boolean(row.allow_public),
  fields: JSON.parse(row.fields) as Channel['fields'],
  enabled: Boolean(row.enabled),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toMessage = (row: InteractMessageRow): Message => ({
  id: row.id,
  siteId: row.site_id,
  channelId: row.channel_id,
  number: row.number,
  codeHash: row.code_hash,
  subject: row.subject,
  body: row.body,
  wantsPublic: Boolean(row.wants_public),
  contactSealed: row.contact_sealed,
  hasEmail: Boolean(row.has_email),
  held: Boolean(row.held),
  heldReason: row.held_reason,
  attachments: JSON.parse(row.attachments) as Message['attachments'],
  departmentId: row.department_id,
  assigneeId: row.assignee_id,
  status: row.status as MessageStatus,
  receivedAt: row.received_at,
  receivedOn: row.received_on,
  deadlineDays: row.deadline_days,
  dueOn: row.due_on,
  replyText: row.reply_text,
  replyById: row.reply_by_id,
  replyByName: row.reply_by_name,
  replyDepartment: row.reply_department,
  reviewLevel: row.review_level,
  approvals: JSON.parse(row.approvals) as Message['approvals'],
  answeredAt: row.answered_at,
  answeredOn: row.answered_on,
  workingDaysTaken: row.working_days_taken,
  published: Boolean(row.published),
  invalidKind: row.invalid_kind as InvalidKind | null,
  invalidReason: row.invalid_reason,
  rating: row.rating as Rating | null,
  ratedAt: row.rated_at,
  contactPurgedAt: row.contact_purged_at,
  version: row.version,
  updatedAt: row.updated_at,
});

const channelRow = (input: Omit<Channel, 'id' | 'createdAt' | 'updatedAt'>) => ({
  site_id: input.siteId,
  kind: input.kind,
  name: input.name,
  intro: input.intro,
  department_id: input.departmentId,
  column_id: input.columnId,
  deadline_days: input.deadlineDays,
  allow_public: input.allowPublic ? 1 : 0,
  fields: JSON.stringify(input.fields),
  enabled: input.enabled ? 1 : 0,
});

type MessageUpdate = Partial<Omit<InteractMessagesTable, 'id'>>;

function patchRow(patch: MessagePatch): MessageUpdate {
  const row: MessageUpdate = {};
  const set = <K extends keyof MessageUpdate>(key: K, value: MessageUpdate[K] | undefined) => {
    if (value !== undefined) row[key] = value;
  };
  set('department_id', patch.departmentId);
  set('assignee_id', patch.assigneeId);
  set('status', patch.status);
  set('reply_text', patch.replyText);
  set('reply_by_id', patch.replyById);
  set('reply_by_name', patch.replyByName);
  set('reply_department', patch.replyDepartment);
  set('review_level', patch.reviewLevel);
  set('approvals', patch.approvals === undefined ? undefined : JSON.stringify(patch.approvals));
  set('answered_at', patch.answeredAt);
  set('answered_on', patch.answeredOn);
  set('working_days_taken', patch.workingDaysTaken);
  set('published', patch.published === undefined ? undefined : patch.published ? 1 : 0);
  set('invalid_kind', patch.invalidKind);
  set('invalid_reason', patch.invalidReason);
  set('rating', patch.rating);
  set('rated_at', patch.ratedAt);
  set('due_on', patch.dueOn);
  set('held', patch.held === undefined ? undefined : patch.held ? 1 : 0);
  set('contact_sealed', patch.contactSealed);
  set('contact_purged_at', patch.contactPurgedAt);
  return row;
}

export function createInteractRepo(db: Kysely<Database>): InteractRepo {
  const getChannel = async (id: number) => {
    const row = await db.selectFrom('interact_channels').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toChannel(row) : undefined;
  };
  const getMessage = async (id: number) => {
    const row = await db.selectFrom('interact_messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toMessage(row) : undefined;
  };
  return {
    async getSettings(siteId) {
      const row = await db
        .selectFrom('interact_settings')
        .selectAll()
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      return { siteId, retentionDays: row?.retention_days ?? DEFAULT_RETENTION_DAYS };
    },
    async setSettings(settings) {
      await db
        .insertInto('interact_settings')
        .values({ site_id: settings.siteId, retention_days: settings.retentionDays })
        .onConflict((c) => c.column('site_id').doUpdateSet({ retention_days: settings.retentionDays }))
        .execute();
    },
    async listChannels(siteId) {
      const rows = await db
        .selectFrom('interact_channels')
        .selectAll()
        .where('site_id', '=', siteId)
        .orderBy('id')
        .execute();
      return rows.map(toChannel);
    },
    getChannel,
    async createChannel(input, now) {
      const { id } = await db
        .insertInto('interact_channels')
        .values({ ...channelRow(input), created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await getChannel(id)) as Channel;
    },
    async updateChannel(id, input, now) {
      await db
        .updateTable('interact_channels')
        .set({ ...channelRow(input), updated_at: now })
        .where('id', '=', id)
        .execute();
      return (await getChannel(id)) as Channel;
    },
    async addMessage(input, now) {
      const { id } = await db
        .insertInto('interact_messages')
        .values({
          site_id: input.siteId,
          channel_id: input.channelId,
          number: input.number,
          code_hash: input.codeHash,
          subject: input.subject,
          body: input.body,
          wants_public: input.wantsPublic ? 1 : 0,
          contact_sealed: input.contactSealed,
          has_email: input.hasEmail ? 1 : 0,
          held: input.held ? 1 : 0,
          held_reason: input.heldReason,
          attachments: JSON.stringify(input.attachments),
          department_id: input.departmentId,
          status: 'received',
          received_at: input.receivedAt,
          received_on: input.receivedOn,
          deadline_days: input.deadlineDays,
          due_on: input.dueOn,
          assignee_id: null,
          reply_text: '',
          reply_by_id: null,
          reply_by_name: '',
          reply_department: '',
          review_level: 0,
          approvals: '[]',
          answered_at: null,
          answered_on: null,
          working_days_taken: null,
          published: 0,
          invalid_kind: null,
          invalid_reason: '',
          rating: null,
          rated_at: null,
          contact_purged_at: null,
          version: 1,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await getMessage(id)) as Message;
    },
    getMessage,
    async getMessageByNumber(number) {
      const row = await db
        .selectFrom('interact_messages')
        .selectAll()
        .where('number', '=', number)
        .executeTakeFirst();
      return row ? toMessage(row) : undefined;
    },
    async listMessages(filter) {
      let query = db.selectFrom('interact_messages').selectAll().where('site_id', '=', filter.siteId);
      if (filter.departmentIds) {
        if (filter.departmentIds.length === 0) return [];
        query = query.where('department_id', 'in', [...filter.departmentIds]);
      }
      if (filter.channelId !== undefined) query = query.where('channel_id', '=', filter.channelId);
      if (filter.statuses) {
        if (filter.statuses.length === 0) return [];
        query = query.where('status', 'in', [...filter.statuses]);
      }
      const rows = await query
        .orderBy('due_on')
        .orderBy('id')
        .limit(filter.limit ?? 500)
        .execute();
      return rows.map(toMessage);
    },
    async updateMessage(id, expectedVersion, patch, now) {
      const result = await db
        .updateTable('interact_messages')
        .set((eb) => ({ ...patchRow(patch), updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async addEvent(event) {
      await db
        .insertInto('interact_events')
        .values({
          message_id: event.messageId,
          at: event.at,
          actor_id: event.actorId,
          actor_name: event.actorName,
          action: event.action,
          note: event.note,
        })
        .execute();
    },
    async listEvents(messageId) {
      const rows = await db
        .selectFrom('interact_events')
        .selectAll()
        .where('message_id', '=', messageId)
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        messageId: row.message_id,
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        note: row.note,
      }));
    },
    async listPublished(siteId, channelId, offset, limit) {
      let query = db
        .selectFrom('interact_messages')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('published', '=', 1);
      if (channelId !== null) query = query.where('channel_id', '=', channelId);
      const rows = await query
        .orderBy('answered_at', 'desc')
        .orderBy('id', 'desc')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map(toMessage);
    },
    async listContactsToPurge(siteId, before, limit) {
      const rows = await db
        .selectFrom('interact_messages')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('contact_purged_at', 'is', null)
        .where('status', 'in', ['answered', 'invalid'])
        .where('received_at', '<', before)
        .limit(limit)
        .execute();
      return rows.map(toMessage);
    },
    async listOpen() {
      const rows = await db
        .selectFrom('interact_messages')
        .selectAll()
        .where('status', 'not in', ['answered', 'invalid'])
        .execute();
      return rows.map(toMessage);
    },
  };
}
