import type { Kysely } from 'kysely';
import type {
  CommentPatch,
  Consultation,
  ConsultationComment,
  ConsultationPatch,
  ConsultationRepo,
} from '../app/index.js';
import { DEFAULT_FEEDBACK_DAYS, type CommentStatus, type ConsultationKind } from '../core/index.js';
import type { Database } from './schema.js';
import type {
  ConsultationCommentRow,
  ConsultationCommentsTable,
  ConsultationRow,
  ConsultationsTable,
} from './schema-consultation.js';

const toConsultation = (row: ConsultationRow): Consultation => ({
  id: row.id,
  siteId: row.site_id,
  kind: row.kind as ConsultationKind,
  title: row.title,
  drafter: row.drafter,
  summary: row.summary,
  bodyHtml: row.body_html,
  attachments: JSON.parse(row.attachments) as Consultation['attachments'],
  opensOn: row.opens_on,
  closesOn: row.closes_on,
  feedback: row.feedback,
  feedbackAt: row.feedback_at,
  feedbackById: row.feedback_by_id,
  feedbackByName: row.feedback_by_name,
  withdrawn: Boolean(row.withdrawn),
  createdById: row.created_by_id,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toComment = (row: ConsultationCommentRow): ConsultationComment => ({
  id: row.id,
  consultationId: row.consultation_id,
  siteId: row.site_id,
  displayName: row.display_name,
  contactSealed: row.contact_sealed,
  body: row.body,
  flagged: Boolean(row.flagged),
  flaggedReason: row.flagged_reason,
  status: row.status as CommentStatus,
  moderatedById: row.moderated_by_id,
  moderatedByName: row.moderated_by_name,
  moderatedAt: row.moderated_at,
  moderationNote: row.moderation_note,
  receivedAt: row.received_at,
  version: row.version,
});

type ConsultationUpdate = Partial<Omit<ConsultationsTable, 'id'>>;
type CommentUpdate = Partial<Omit<ConsultationCommentsTable, 'id'>>;

function consultationPatchRow(patch: ConsultationPatch): ConsultationUpdate {
  const row: ConsultationUpdate = {};
  const set = <K extends keyof ConsultationUpdate>(key: K, value: ConsultationUpdate[K] | undefined) => {
    if (value !== undefined) row[key] = value;
  };
  set('kind', patch.kind);
  set('title', patch.title);
  set('drafter', patch.drafter);
  set('summary', patch.summary);
  set('body_html', patch.bodyHtml);
  set('attachments', patch.attachments === undefined ? undefined : JSON.stringify(patch.attachments));
  set('opens_on', patch.opensOn);
  set('closes_on', patch.closesOn);
  set('feedback', patch.feedback);
  set('feedback_at', patch.feedbackAt);
  set('feedback_by_id', patch.feedbackById);
  set('feedback_by_name', patch.feedbackByName);
  set('withdrawn', patch.withdrawn === undefined ? undefined : patch.withdrawn ? 1 : 0);
  return row;
}

function commentPatchRow(patch: CommentPatch): CommentUpdate {
  const row: CommentUpdate = {};
  const set = <K extends keyof CommentUpdate>(key: K, value: CommentUpdate[K] | undefined) => {
    if (value !== undefined) row[key] = value;
  };
  set('status', patch.status);
  set('moderated_by_id', patch.moderatedById);
  set('moderated_by_name', patch.moderatedByName);
  set('moderated_at', patch.moderatedAt);
  set('moderation_note', patch.moderationNote);
  set('contact_sealed', patch.contactSealed);
  return row;
}

export function createConsultationRepo(db: Kysely<Database>): ConsultationRepo {
  const get = async (id: number) => {
    const row = await db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toConsultation(row) : undefined;
  };
  const getComment = async (id: number) => {
    const row = await db
      .selectFrom('consultation_comments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toComment(row) : undefined;
  };
  return {
    async getSettings(siteId) {
      const row = await db
        .selectFrom('consultation_settings')
        .selectAll()
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      return {
        siteId,
        showComments: row ? Boolean(row.show_comments) : true,
        feedbackDays: row?.feedback_days ?? DEFAULT_FEEDBACK_DAYS,
      };
    },
    async setSettings(settings) {
      const values = {
        show_comments: settings.showComments ? 1 : 0,
        feedback_days: settings.feedbackDays,
      };
      await db
        .insertInto('consultation_settings')
        .values({ site_id: settings.siteId, ...values })
        .onConflict((c) => c.column('site_id').doUpdateSet(values))
        .execute();
    },
    async create(input, createdById, now) {
      const { id } = await db
        .insertInto('consultations')
        .values({
          site_id: input.siteId,
          kind: input.kind,
          title: input.title,
          drafter: input.drafter,
          summary: input.summary,
          body_html: input.bodyHtml,
          attachments: JSON.stringify(input.attachments),
          opens_on: input.opensOn,
          closes_on: input.closesOn,
          feedback: '',
          feedback_at: null,
          feedback_by_id: null,
          feedback_by_name: '',
          withdrawn: 0,
          created_by_id: createdById,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id)) as Consultation;
    },
    get,
    async list(siteId) {
      const rows = await db
        .selectFrom('consultations')
        .selectAll()
        .where('site_id', '=', siteId)
        .orderBy('opens_on', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toConsultation);
    },
    async update(id, expectedVersion, patch, now) {
      const result = await db
        .updateTable('consultations')
        .set((eb) => ({ ...consultationPatchRow(patch), updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async addComment(input) {
      const { id } = await db
        .insertInto('consultation_comments')
        .values({
          consultation_id: input.consultationId,
          site_id: input.siteId,
          display_name: input.displayName,
          contact_sealed: input.contactSealed,
          body: input.body,
          flagged: input.flagged ? 1 : 0,
          flagged_reason: input.flaggedReason,
          status: 'pending',
          moderated_by_id: null,
          moderated_by_name: '',
          moderated_at: null,
          moderation_note: '',
          received_at: input.receivedAt,
          version: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await getComment(id)) as ConsultationComment;
    },
    getComment,
    async listComments(consultationId, statuses) {
      let query = db
        .selectFrom('consultation_comments')
        .selectAll()
        .where('consultation_id', '=', consultationId);
      if (statuses) {
        if (statuses.length === 0) return [];
        query = query.where('status', 'in', [...statuses]);
      }
      const rows = await query.orderBy('id').execute();
      return rows.map(toComment);
    },
    async updateComment(id, expectedVersion, patch) {
      const result = await db
        .updateTable('consultation_comments')
        .set((eb) => ({ ...commentPatchRow(patch), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async commentCounts(siteId) {
      const rows = await db
        .selectFrom('consultation_comments')
        .select(['consultation_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('site_id', '=', siteId)
        .groupBy(['consultation_id', 'status'])
        .execute();
      const byId = new Map<
        number,
        { consultationId: number; total: number; pending: number; approved: number; rejected: number }
      >();
      for (const row of rows) {
        const counts = byId.get(row.consultation_id) ?? {
          consultationId: row.consultation_id,
          total: 0,
          pending: 0,
          approved: 0,
          rejected: 0,
        };
        const n = Number(row.n);
        counts.total += n;
        if (row.status === 'pending' || row.status === 'approved' || row.status === 'rejected') {
          counts[row.status] += n;
        }
        byId.set(row.consultation_id, counts);
      }
      return [...byId.values()];
    },
    async listContactsToPurge(siteId, before, limit) {
      const rows = await db
        .selectFrom('consultation_comments')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('contact_sealed', '<>', '')
        .where('received_at', '<', before)
        .limit(limit)
        .execute();
      return rows.map(toComment);
    },
  };
}
