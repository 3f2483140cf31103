import { z } from 'zod';
import {
  approveArticle,
  archiveArticle,
  createArticle,
  listArticlesForAdmin,
  publishArticle,
  readArticleForAdmin,
  rejectArticle,
  restoreArticle,
  scheduleArticle,
  submitArticle,
  unscheduleArticle,
  updateArticle,
  withdrawArticle,
  loadVisibleArticle,
} from '../app/index.js';
import { ARTICLE_STATUSES } from '../core/index.js';
import { defineRoute, type AdminRoute } from './admin-route.js';
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
const updateBody = z
  .object({ version: id, minor: z.boolean().optional(), attachments, ...articleFields })
  .strict();
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
  })
  .strict();
const scheduleBody = z.object({ version, at: isoTime, override }).strict();

const listQuery = z
  .object({
    siteId: id,
    columnId: id.optional(),
    status: z.enum(ARTICLE_STATUSES).optional(),
    authorId: id.optional(),
    title: text(100).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    sort: z.enum(['updated', 'published']).optional(),
    page: z.string().max(8).optional(),
    cursor: z.string().max(200).optional(),
    waitingForMe: z.enum(['1', 'true']).optional(),
  })
  .strict();

const tag = 'articles';

/** The article endpoints of the admin API: one use case each; the use cases check permissions. */
export const articleRoutes = [
  defineRoute({
    method: 'GET',
    url: '/articles',
    tag,
    summary:
      'List articles the signed-in user may see, 20 at a time: filters (column and below, status, author, title words, from/to on the sort field), sort=updated|published; pass nextCursor back as cursor for the next 20 (fast at any depth), or page=N',
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
      const { version, minor, attachments: files, ...draft } = body;
      await loadVisibleArticle(deps.store, principal, params.id);
      await updateArticle(deps, principal, params.id, version, stripUndefined(draft), {
        minor: minor === true,
        ...(files ? { attachments: files } : {}),
      });
      return readArticleForAdmin(deps, principal, params.id);
    },
  }),
  action('submit', 'Submit a draft for review (初审)', versioned, (d, p, i, b) =>
    submitArticle(d, p, i, b.version),
  ),
  action('approve', 'Approve at the awaited review level', withOptionalComment, (d, p, i, b) =>
    approveArticle(d, p, i, b.comment ?? '', b.version),
  ),
  action('reject', 'Send back to the author with a comment', withComment, (d, p, i, b) =>
    rejectArticle(d, p, i, b.comment, b.version),
  ),
  action(
    'publish',
    '签发: publish now (an earlier `at` is back-dating: permission and reason required)',
    publishBody,
    (d, p, i, b) =>
      publishArticle(
        d,
        p,
        i,
        {
          ...(b.at !== undefined ? { at: b.at } : {}),
          ...(b.reason !== undefined ? { reason: b.reason } : {}),
        },
        b.version,
        b.override,
      ),
  ),
  action('schedule', 'Publish at a later time', scheduleBody, (d, p, i, b) =>
    scheduleArticle(d, p, i, b.at, b.version, b.override),
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
      // Someone else's draft answers 404, exactly as a missing one does.
      await loadVisibleArticle(deps.store, principal, params.id);
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
