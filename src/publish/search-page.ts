import { presentError } from '../render/index.js';
import { MAX_QUERY_CHARS } from '../app/index.js';
import { escapeXml } from './feeds.js';
import type { PageSource } from './pages.js';

/** The static search page's URL; its form sends readers to a Gazette server, or explains there is none. */
export const SEARCH_URL = '/search/';

const MAIN = /(<main\b[^>]*>)[\s\S]*?(<\/main>)/;

/**
 * /search/index.html: the theme's page frame (header, navigation, identity footer, same CSS), rendered from
 * the error page's view, with the panel inside `<main>` replaced: a GET form to `{searchUrl}/search?q=` when a
 * search server is configured, a clear notice with the site map link otherwise.
 */
export async function searchPageFiles(
  source: PageSource,
  searchUrl: string | null,
): Promise<Map<string, string>> {
  return new Map([['/search/index.html', await searchPage(source, searchUrl)]]);
}

async function searchPage(source: PageSource, searchUrl: string | null): Promise<string> {
  const view = presentError(
    { ctx: source.index.ctx, theme: source.theme, now: source.now, path: SEARCH_URL },
    404,
  );
  const frame = await source.theme.render({
    ...view,
    head: { ...view.head, title: `站内搜索 - ${source.index.ctx.site.name}`, description: '站内搜索' },
    breadcrumb: [
      { name: '首页', url: '/' },
      { name: '站内搜索', url: SEARCH_URL },
    ],
  });
  const panel = searchUrl
    ? [
        '<div class="container narrow"><div class="panel">',
        '<h1>站内搜索</h1>',
        `<form class="search-form" role="search" method="get" action="${escapeXml(new URL('/search', searchUrl).href)}">`,
        '<label for="search-q">搜索关键词</label>',
        `<input id="search-q" name="q" type="search" required maxlength="${MAX_QUERY_CHARS}">`,
        '<button class="button" type="submit">搜索</button>',
        '</form>',
        '</div></div>',
      ]
    : [
        '<div class="container narrow"><div class="panel">',
        '<h1>站内搜索</h1>',
        '<p class="error-message">本站为静态发布版本，暂不提供站内搜索。请通过网站地图或栏目导航查找信息。</p>',
        '<ul class="error-links"><li><a class="button" href="/sitemap.html">查看网站地图</a></li></ul>',
        '</div></div>',
      ];
  return frame.replace(MAIN, (_, open: string, close: string) => `${open}\n${panel.join('\n')}\n${close}`);
}
