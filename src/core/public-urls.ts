/**
 * The URL table of a public site: which page a path names, and its parameters. Pure, shared by the server's
 * public routes and the static build, so both answer the same paths with the same pages; which host serves
 * which site is decided before this (the site context), never here.
 *
 * | path                               | page                                    |
 * | ---------------------------------- | --------------------------------------- |
 * | `/`                                | home                                    |
 * | `/sitemap.html`                    | site map                                |
 * | `/series/{slug}/`                  | a series                                |
 * | `/tags/{tag}/`, `…/page/{n}/`      | a tag's list (page n of its archive)    |
 * | `…{anything}.html`                 | an article (at the path it was given)   |
 * | `/{column path}/`, `…/page/{n}/`   | a column's list                         |
 */
export type PublicPage =
  | { readonly kind: 'home' }
  | { readonly kind: 'sitemap' }
  | { readonly kind: 'series'; readonly slug: string }
  | { readonly kind: 'tag'; readonly tag: string; readonly page: string | undefined }
  | { readonly kind: 'article'; readonly path: string }
  | { readonly kind: 'column'; readonly columnPath: string; readonly page: string | undefined }
  | { readonly kind: 'none' };

const SERIES = /^\/series\/([^/]+)\/$/;
const TAG = /^\/tags\/([^/]+)\/(?:page\/([^/]+)\/)?$/;
const COLUMN = /^\/(.+?)\/(?:page\/([^/]+)\/)?$/;

/** The page a decoded path (no query) names; `none` for a path of no page's shape. */
export function publicPageOf(path: string): PublicPage {
  if (path === '/') return { kind: 'home' };
  if (path === '/sitemap.html') return { kind: 'sitemap' };
  const series = SERIES.exec(path);
  if (series?.[1]) return { kind: 'series', slug: series[1] };
  const tag = TAG.exec(path);
  if (tag?.[1]) return { kind: 'tag', tag: tag[1], page: tag[2] };
  if (path.endsWith('.html')) return { kind: 'article', path };
  const column = COLUMN.exec(path);
  if (column?.[1]) return { kind: 'column', columnPath: column[1], page: column[2] };
  return { kind: 'none' };
}
