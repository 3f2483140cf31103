import { z } from 'zod';
import {
  checkDraft,
  previewDraft,
  readArticlePreview,
  type ArticlePreview,
  type AppDeps,
} from '../app/index.js';
import { CHECKED_FIELDS, type CheckedField } from '../core/index.js';
import { presentArticle, type Theme } from '../render/index.js';
import { articleFields, stripUndefined } from './admin-articles.js';
import { defineRoute, type AnyAdminRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const NOINDEX = 'noindex, nofollow, noarchive';

/** Renders a preview with the public theme and presenter, marked so that no search engine keeps it. */
async function renderPreview(deps: AppDeps, theme: Theme, preview: ArticlePreview): Promise<string> {
  const { ctx, data } = preview;
  const path = data.article.path ?? `/${data.column.path}/`;
  const view = presentArticle({ ctx, theme, now: deps.clock.now(), path }, data);
  return theme.render({
    ...view,
    head: { ...view.head, meta: [...view.head.meta, { name: 'robots', content: NOINDEX }] },
  });
}

const previewBody = z.object({ siteId: id, ...articleFields }).strict();

/** What the checks read: the checked fields as the editor has them, every one optional. */
const checksBody = z
  .object(articleFields)
  .pick(
    Object.fromEntries(CHECKED_FIELDS.map((field) => [field, true] as const)) as Record<CheckedField, true>,
  )
  .partial()
  // An empty title is something to report, not bad input.
  .extend({ siteId: id, title: text(200).optional() })
  .strict();

/** Preview (the public page, exactly) and the content checks, for the editor. */
export function previewRoutes(theme: Theme): readonly AnyAdminRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/articles/:id/preview',
      tag: 'articles',
      summary:
        'text/html: the article exactly as its public page shows it (same theme), in any state the user may see; marked noindex. For an iframe src',
      params: z.object({ id }).strict(),
      handler: async ({ deps, principal, params, reply }) => {
        const html = await renderPreview(deps, theme, await readArticlePreview(deps, principal, params.id));
        return reply.type('text/html; charset=utf-8').header('x-robots-tag', NOINDEX).send(html);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/preview',
      tag: 'articles',
      summary:
        'text/html: unsaved content (the create-article fields) as its public page would show it, cleaned exactly as saving cleans it; marked noindex. For iframe srcdoc',
      body: previewBody,
      handler: async ({ deps, principal, body, reply }) => {
        const { siteId, ...draft } = body;
        const preview = await previewDraft(deps, principal, siteId, stripUndefined(draft));
        const html = await renderPreview(deps, theme, preview);
        return reply.type('text/html; charset=utf-8').header('x-robots-tag', NOINDEX).send(html);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/checks',
      tag: 'articles',
      summary:
        '校对: run the content checks over the fields as the editor has them (nothing is saved). Each finding: rule, severity (block|warn), confidence, message (中文), messageEn, field, start/end (offsets into the plain text of the field; for body into bodyText), excerpt, suggestion, key (for a publish override)',
      body: checksBody,
      handler: ({ deps, principal, body }) => {
        const { siteId, ...draft } = body;
        return checkDraft(deps, principal, siteId, stripUndefined(draft));
      },
    }),
  ];
}
