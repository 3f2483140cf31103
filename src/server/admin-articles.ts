import { z } from 'zod';
import {
  approveArticle,
  archiveArticle,
  createArticle,
  listArticlesForAdmin,
  listUrgentCorrections,
  reviewUrgentCorrection,
  publishArticle,
  readArticleForAdmin,
  rejectArticle,
  restoreArticle,
  scheduleArticle,
  submitArticle,
  unscheduleArticle,
  updateArticle,
  withdrawArticle,
  listArticleAuthors,
  MAX_BULK,
  runBulkAction,
  type BulkAction,
} from '../app/index.js';
import { ARTICLE_STATUSES } from '../core/index.js';
import { defineRoute, type AdminRoute } from './admin-route.js';
import { publicError } from './error-mapping.js';
import { id, isoTime, text, version } from './schemas.js';

const idParams = z.object({ id }).strict();

export const articleFields = {
  columnId: id,
  title: text(200).min(1),
  kicker: text(200).optional(),
  subtitle: text(200).optional(),
  summary: text(1000).optional(),
  bodyHtml: text(2_000_000),
  source: text(200).optional(),
  originalAuthor: text(200).optional(),
  originalTitle: text(300).optional(),
  author: text(200).optional(),
  editor: text(200).optional(),
  coverUrl: text(2000).optional(),
  coverAlt: text(300).optional(),
  /** Print the cover above the body too; off when absent. */
  showCoverInBody: z.boolean().optional(),
  tags: z.array(text(32)).max(20).optional(),
};

/** Files of the site's media library, in the order they are listed under the article. */
const attachments = z
  .array(z.object({ url: text(2000).min(1), name: text(200) }).strict())
  .max(50)
  .optional();
const createBody = z.object({ siteId: id, attachments, ...articleFields }).strict();
/** `urgent` (紧急更正 of a published article) goes online at once, with a `reason`, reviewed afterwards. */
const updateBody = z
  .object({
    version: id,
    minor: z.boolean().optional(),
    urgent: z.boolean().optional(),
    reason: text(2000).optional(),
    attachments,
    ...articleFields,
  })
  .strict();
const urgentListQuery = z.object({ siteId: id, reviewed: z.enum(['1', 'true']).optional() }).strict();
const urgentReviewBody = z.object({ note: text(2000).optional() }).strict();
const versioned = z.object({ version: id.optional() }).strict();
const withComment = z.object({ version: id.optional(), comment: text(2000) }).strict();
// Approving, signing off and scheduling are decisions about a text: the version the person saw is required.
const withOptionalComment = z.object({ version, comment: text(2000).optional() }).strict();
const withReason = z.object({ version: id.optional(), reason: text(2000) }).strict();
/** Publishing despite block findings of the checks: each finding's key, and why (audited). */
const override = z
  .object({ reason: text(500), acknowledged: z.array(text(500)).max(200) })
  .strict()
  .optional();
const publishBody = z
  .object({
    override,
    version,
    at: isoTime.optional(),
    reason: text(2000).optional(),
    /** 签发意见 */
    comment: text(2000).optional(),
  })
  .strict();
const scheduleBody = z.object({ version, at: isoTime, override, comment: text(2000).optional() }).strict();

const listQuery = z
  .object({
    siteId: id,
    columnId: id.optional(),
    status: z.enum(ARTICLE_STATUSES).optional(),
    authorId: id.optional(),
    title: text(100).optional(),
    q: text(100).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    sort: z.enum(['updated', 'published']).optional(),
    page: z.string().max(8).optional(),
    cursor: z.string().max(200).optional(),
    waitingForMe: z.enum(['1', 'true']).optional(),
  })
  .strict();

const bulkBody = z
  .object({
    siteId: id,
    action: z.enum(['publish', 'withdraw', 'move', 'delete']),
    articles: z.array(z.object({ id, version }).strict()).min(1).max(MAX_BULK),
    /** 签发意见 (publish) */
    comment: text(2000).optional(),
    /** 撤稿原因 (withdraw, required) */
    reason: text(2000).optional(),
    /** The column to move to (move, required) */
    columnId: id.optional(),
  })
  .strict()
  .refine((body) => body.action !== 'move' || body.columnId !== undefined, {
    message: 'columnId is required to move',
    path: ['columnId'],
  });

const siteQuery = z.object({ siteId: id }).strict();

const tag = 'articles';

/** The article endpoints of the admin API: one use case each; the use cases check permissions. */
export const articleRoutes = [
  defineRoute({
    method: 'GET',
    url: '/articles',
    tag,
    summary:
      'List articles the signed-in user may see, 20 at a time: filters (column and below, status, author, title words, q: words each found in the title or the body, from/to on the sort field), sort=updated|published; pass nextCursor back as cursor for the next 20 (fast at any depth), or page=N',
    query: listQuery,
    handler: ({ deps, principal, query }) => {
      const { from, to, waitingForMe, ...rest } = query;
      return listArticlesForAdmin(deps, principal, {
        ...stripUndefined(rest),
        ...(from !== undefined ? { from: new Date(from).toISOString() } : {}),
        ...(to !== undefined ? { to: new Date(to).toISOString() } : {}),
        waitingForMe: waitingForMe !== undefined,
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/articles/authors',
    tag,
    summary:
      'The people who wrote the site’s articles ({ id, name }, by display name), for the author filter',
    query: siteQuery,
    handler: ({ deps, principal, query }) => listArticleAuthors(deps, principal, query.siteId),
  }),
  defineRoute({
    method: 'POST',
    url: '/articles/bulk',
    tag,
    summary:
      'A bulk action on up to 100 articles of the list ({ id, version } each): publish (签发, optional comment), withdraw (撤稿, reason required), move (移动栏目, columnId), delete (删除草稿: drafts never submitted). Each article goes through the single action’s rules and audit; the answer counts what succeeded and what was refused, with each refusal’s error',
    body: bulkBody,
    handler: async ({ deps, principal, body }) => {
      const action: BulkAction =
        body.action === 'publish'
          ? { type: 'publish', ...(body.comment !== undefined ? { comment: body.comment } : {}) }
          : body.action === 'withdraw'
            ? { type: 'withdraw', reason: body.reason ?? '' }
            : body.action === 'move'
              ? { type: 'move', columnId: body.columnId ?? 0 }
              : { type: 'delete' };
      const outcome = await runBulkAction(deps, principal, body.siteId, action, body.articles);
      return {
        succeeded: outcome.succeeded,
        refused: outcome.refused,
        results: outcome.results.map((result) =>
          result.ok ? result : { id: result.id, ok: false, ...publicError(result.error).body.error },
        ),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/articles',
    tag,
    summary: 'Create a draft (the body HTML is sanitised before it is stored)',
    body: createBody,
    status: 201,
    handler: async ({ deps, principal, body }) => {
      const { siteId, attachments: files, ...draft } = body;
      const article = await createArticle(deps, principal, siteId, stripUndefined(draft), files ?? []);
      return readArticleForAdmin(deps, principal, article.id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/articles/:id',
    tag,
    summary: 'An article with its review history and the actions the user may take',
    params: idParams,
    handler: ({ deps, principal, params }) => readArticleForAdmin(deps, principal, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/articles/:id',
    tag,
    summary: 'Save new content; 409 GZ_VERSION_CONFLICT when someone else saved meanwhile',
    params: idParams,
    body: updateBody,
    handler: async ({ deps, principal, params, body }) => {
      const { version, minor, urgent, reason, attachments: files, ...draft } = body;
      await updateArticle(deps, principal, params.id, version, stripUndefined(draft), {
        minor: minor === true,
        ...(urgent === true ? { urgent: true, reason: reason ?? '' } : {}),
        ...(files ? { attachments: files } : {}),
      });
      return readArticleForAdmin(deps, principal, params.id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/urgent-corrections',
    tag,
    summary:
      '紧急更正 awaiting review afterwards (reviewed=1: every one), for 终审 reviewers and publishers of the site',
    query: urgentListQuery,
    handler: async ({ deps, principal, query }) => ({
      items: await listUrgentCorrections(deps, principal, query.siteId, query.reviewed !== undefined),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/urgent-corrections/:id/review',
    tag,
    summary:
      'Record the review afterwards of an urgent correction, by someone other than its maker (audited)',
    params: idParams,
    body: urgentReviewBody,
    handler: ({ deps, principal, params, body }) =>
      reviewUrgentCorrection(deps, principal, params.id, body.note ?? ''),
  }),
  action('submit', 'Submit a draft for review (初审)', versioned, (d, p, i, b) =>
    submitArticle(d, p, i, b.version),
  ),
  action('approve', 'Approve at the awaited review level', withOptionalComment, (d, p, i, b) =>
    approveArticle(d, p, i, b.comment ?? '', b.version),
  ),
  action(
    'reject',
    'Send back to the author with a comment (required: 400 GZ_REASON_REQUIRED without one)',
    withComment,
    (d, p, i, b) => rejectArticle(d, p, i, b.comment, b.version),
  ),
  action(
    'publish',
    '签发: publish now with an optional 签发意见 `comment` (an earlier `at` is back-dating: permission and reason required)',
    publishBody,
    (d, p, i, b) =>
      publishArticle(
        d,
        p,
        i,
        {
          ...(b.at !== undefined ? { at: b.at } : {}),
          ...(b.reason !== undefined ? { reason: b.reason } : {}),
          ...(b.comment !== undefined ? { comment: b.comment } : {}),
        },
        b.version,
        b.override,
      ),
  ),
  action(
    'schedule',
    '定时签发: publish at a later time, with an optional 签发意见 `comment`',
    scheduleBody,
    (d, p, i, b) => scheduleArticle(d, p, i, b.at, b.version, b.override, b.comment),
  ),
  action('unschedule', 'Cancel a scheduled publication', versioned, (d, p, i, b) =>
    unscheduleArticle(d, p, i, b.version),
  ),
  action('withdraw', '撤稿: take down with a reason (the URL answers 410)', withReason, (d, p, i, b) =>
    withdrawArticle(d, p, i, b.reason, b.version),
  ),
  action('restore', 'Put a withdrawn article back at its original URL and date', versioned, (d, p, i, b) =>
    restoreArticle(d, p, i, b.version),
  ),
  action('archive', 'Archive a published or withdrawn article', versioned, (d, p, i, b) =>
    archiveArticle(d, p, i, b.version),
  ),
] as const;

type ActionRun<B> = (
  deps: Parameters<typeof submitArticle>[0],
  principal: Parameters<typeof submitArticle>[1],
  id: number,
  body: B,
) => Promise<unknown>;

function action<B>(
  name: string,
  summary: string,
  body: z.ZodType<B>,
  run: ActionRun<B>,
): AdminRoute<B, unknown, { id: number }> {
  return defineRoute({
    method: 'POST',
    url: `/articles/:id/${name}`,
    tag,
    summary,
    params: idParams,
    body,
    handler: async ({ deps, principal, params, body: input }) => {
      await run(deps, principal, params.id, input);
      return readArticleForAdmin(deps, principal, params.id);
    },
  });
}

/** zod gives `undefined` for absent optional fields; exactOptionalPropertyTypes wants them absent. */
export function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
