import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { HtmlValidate } from 'html-validate';
import { displayView } from './display.js';
import { breakHintedHtml } from './line-breaks.js';
import { loadTheme } from './theme.js';
import type { Theme } from './theme.js';
import { sampleViews } from '../../test/fixtures/sample-views.js';
import type {
  ArticlePage,
  ColumnPage,
  ErrorPage,
  HomePage,
  PageView,
  SeriesPage,
  SitemapPage,
  TagPage,
} from './view-models.js';

const theme: Theme = loadTheme(new URL('../../themes/default', import.meta.url).pathname);

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Titles are the documents' own titles, which must be shown unaltered (reprint rule); a long official
    // title plus the site name routinely passes 70 characters.
    'long-title': 'off',
  },
});

type Template = PageView['template'];
type ViewOf<T extends Template> = Extract<PageView, { template: T }>;

function sample<T extends Template>(template: T, pick: (view: ViewOf<T>) => boolean = () => true): ViewOf<T> {
  const found = sampleViews(theme).find(
    (view): view is ViewOf<T> => view.template === template && pick(view as ViewOf<T>),
  );
  if (!found) throw new Error(`no sample view for ${template}`);
  return found;
}

async function expectValid(html: string, label: string): Promise<void> {
  const report = await validator.validateString(html);
  const messages = report.results.flatMap((result) =>
    result.messages.map((m) => `${label} ${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
  );
  expect(messages).toEqual([]);
  expect(report.valid).toBe(true);
}

/** Text of every match of a capture group, in document order. */
/** A label and its value on the article's meta line. */
function infoPair(label: string, valueHtml: string): string {
  return `<span class="info-key">${label}：</span><span class="info-value">${valueHtml}</span>`;
}

function all(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((m) => m[1] ?? '');
}

function section(html: string, startMarker: string, endMarker: string): string {
  const start = html.indexOf(startMarker);
  expect(start, `missing ${startMarker}`).toBeGreaterThanOrEqual(0);
  const end = html.indexOf(endMarker, start);
  expect(end, `missing ${endMarker}`).toBeGreaterThan(start);
  return html.slice(start, end);
}

describe('default theme', () => {
  const rendered = new Map<PageView, string>();

  beforeAll(async () => {
    for (const view of sampleViews(theme)) rendered.set(view, await theme.render(view));
  });

  it('has a sample of every page type, including 404 and 410', () => {
    const kinds = [...rendered.keys()].map((v) =>
      v.template === 'error' ? `error-${v.status}` : v.template,
    );
    expect(kinds).toEqual([
      'home',
      'column',
      'article',
      'article',
      'series',
      'tag',
      'sitemap',
      'error-404',
      'error-410',
    ]);
  });

  it('renders every sample as valid HTML', async () => {
    for (const [view, html] of rendered) await expectValid(html, view.template);
  });

  it('serves its assets at hashed URLs', () => {
    for (const name of ['site.css', 'print.css', 'police-badge.svg']) {
      const url = theme.assetUrl(name);
      expect(url).toMatch(/^\/assets\/[\w-]+\.[0-9a-f]{10}\.\w+$/);
      expect(theme.asset(url)?.body.length).toBeGreaterThan(100);
    }
    expect(theme.asset(theme.assetUrl('police-badge.svg'))?.contentType).toBe('image/svg+xml');
  });

  it('gives every page the document head, landmarks and the skip link', () => {
    for (const [view, html] of rendered) {
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/i); // no preference: no classes
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toContain(`<title>${escapeHtml(view.head.title)}</title>`);
      expect(html).toContain(`<link rel="canonical" href="${escapeHtml(view.head.canonicalUrl)}">`);
      expect(html).toContain(`<link rel="stylesheet" href="${view.site.cssUrl}">`);
      expect(html).toContain(`<link rel="stylesheet" href="${view.site.printCssUrl}" media="print">`);
      expect(all(html, /<meta name="description" content="([^"]*)"/gi)).toHaveLength(1);
      expect(html).toContain('<a class="skip-link" href="#main">跳到主要内容</a>');
      expect(html).toContain('<main id="main"');
      expect(html).toMatch(/<header class="site-header">/);
      expect(html).toContain('<nav class="main-nav" aria-label="主导航">');
      expect(html).toMatch(/<footer class="site-footer">/);
    }
  });

  it('prints every portal meta tag in order, with content', () => {
    for (const [view, html] of rendered) {
      const names = all(html, /<meta name="([A-Z][A-Za-z]+)" content="[^"]*">/g);
      expect(names).toEqual(view.head.meta.map((tag) => tag.name));
      expect(names.slice(0, 3)).toEqual(['SiteName', 'SiteDomain', 'SiteIDCode']);
      for (const tag of view.head.meta) {
        expect(html).toContain(`<meta name="${tag.name}" content="${escapeHtml(tag.content)}">`);
      }
    }
    const article = html(sample('article'));
    expect(article).toContain('<meta name="ArticleTitle" content="示例市出台老旧小区改造三年行动方案">');
    expect(article).toContain('<meta name="PubDate" content="2025-06-12 17:20">');
    // The page-specific Description replaces the generic one: only one description per document.
    expect(article).toMatch(/<meta name="Description" content="到2027年底/);
    expect(article).not.toContain('<meta name="description"');
    expect(html(sample('column'))).toContain('<meta name="ColumnName" content="政务要闻">');
  });

  it('shows the identity footer on every page', () => {
    for (const [view, html] of rendered) {
      const footer = section(html, '<footer class="site-footer">', '</footer>');
      const site = view.site;
      expect(footer).toContain(`主办单位：</span>${site.sponsorName}`);
      expect(footer).toContain(`地址：</span><span class="footer-value">${site.sponsorAddressHtml}</span>`);
      expect(site.sponsorAddressHtml.replaceAll('<wbr>', '')).toBe(site.sponsorAddress);
      expect(footer).toContain(`邮编：</span><span class="footer-value">${site.sponsorPostcode}</span>`);
      expect(footer).toContain(`电话：</span><span class="footer-value">${site.sponsorPhone}</span>`);
      expect(footer).toContain(
        `<a class="footer-value" href="mailto:${site.sponsorEmail}">${site.sponsorEmailHtml}</a>`,
      );
      expect(site.sponsorEmailHtml.replaceAll('<wbr>', '')).toBe(site.sponsorEmail);
      expect(footer).toContain(`网站标识码：</span><span class="footer-value">${site.siteCode}</span>`);
      expect(footer).toContain(
        `<a class="footer-value" href="${site.icpUrl}" rel="external noopener">${site.icpRecordHtml}</a>`,
      );
      expect(footer).toContain(`href="${escapeHtml(site.policeUrl)}"`);
      expect(footer).toContain(`<img class="police-icon" src="${site.policeIconUrl}" alt=""`);
      expect(footer).toContain(site.policeRecord);
      expect(footer).toContain(escapeHtml(site.footerNotice));
      expect(footer).toContain('<a href="/sitemap.html">网站地图</a>');
      expect(footer).toContain(`© ${site.currentYear} ${site.name}`);
      for (const account of site.accounts) {
        expect(footer).toContain(`<span class="account-name">${account.name}</span>`);
        expect(footer).toContain(`<span class="account-kind">${account.kindLabel}</span>`);
      }
      expect(footer).toContain('alt="示例发布微信公众号二维码"');
    }
  });

  it('renders the navigation with children, current items and external hints', () => {
    const page = html(sample('column'));
    const nav = section(page, '<nav class="main-nav"', '</nav>');
    expect(nav).toContain('<details class="nav-menu">');
    expect(nav).toContain('<summary class="nav-toggle">栏目导航</summary>');
    expect(nav).toContain('<a class="nav-link" href="/">首页</a>');
    expect(nav).toContain('<a class="nav-link" href="/xwzx/" aria-current="true">新闻中心</a>');
    expect(nav).toContain('<a class="nav-sub-link" href="/xwzx/zwyw/" aria-current="true">政务要闻</a>');
    expect(nav).toMatch(
      /href="https:\/\/zwfw\.shili\.example\.gov\.cn\/" rel="external noopener">政务服务<span class="visually-hidden">（外部链接）<\/span>/,
    );
    expect(nav).not.toContain('target=');
    expect(html(sample('home'))).toContain('<a class="nav-link" href="/" aria-current="page">首页</a>');
  });

  it('keeps remembered header fragments exact: another nav or site name renders anew', async () => {
    const view = sample('column');
    const first = await theme.render(view);
    expect(await theme.render(view)).toBe(first);
    const renamed: PageView = {
      ...view,
      site: {
        ...view.site,
        name: '另一个市人民政府',
        nav: view.site.nav.map((item) => ({ ...item, name: `${item.name}栏目`, current: false })),
      },
    };
    const page = await theme.render(renamed);
    const nav = section(page, '<nav class="main-nav"', '</nav>');
    expect(nav).toContain('<a class="nav-link" href="/xwzx/">新闻中心栏目</a>');
    expect(nav).toContain('<li class="nav-item has-sub">');
    expect(page).toContain('<span class="site-name">另一个市人民政府</span>');
    expect(section(page, '<footer class="site-footer">', '</footer>')).toContain('另一个市人民政府');
    // The first view still gets its own bytes back.
    expect(await theme.render(view)).toBe(first);
  });

  it('refuses a fragment whose partial is not named by a quoted string', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-theme-'));
    for (const sub of ['templates', 'layouts', 'partials']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'templates', 'home.liquid'), '{% fragment name, site: site %}');
    const broken = loadTheme(dir);
    return expect(broken.render(sample('home'))).rejects.toThrow(/quoted string/);
  });

  it('renders the breadcrumb with the current page last and unlinked', () => {
    const crumbs = section(
      html(sample('article')),
      '<nav class="breadcrumb" aria-label="当前位置">',
      '</nav>',
    );
    expect(all(crumbs, /<li>(.*?)<\/li>/g)).toEqual([
      '<a href="/">首页</a>',
      '<a href="/zwgk/">政务公开</a>',
      '<a href="/zwgk/zcjd/">政策解读</a>',
      '<span aria-current="page">正文</span>',
    ]);
    expect(html(sample('home'))).not.toContain('aria-label="当前位置"');
  });

  it('shows a date on every list row', () => {
    for (const [view, page] of rendered) {
      if (view.template !== 'column' && view.template !== 'tag' && view.template !== 'home') continue;
      const rows = all(page, /<li class="row">([\s\S]*?)<\/li>/g);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows)
        expect(row).toMatch(/<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00">\d{4}-\d\d-\d\d<\/time>/);
    }
  });

  it('renders the home page: lead story, notices, featured series and column blocks', () => {
    const view = sample('home');
    const page = html(view);
    const lead = view.headlines[0];
    expect(page).toContain(`<h3 class="lead-title"><a href="${lead?.url}">${lead?.title}</a></h3>`);
    expect(all(page, /<a class="row-title" href="[^"]+">([^<]+)<\/a>/g)).toEqual(
      expect.arrayContaining(view.headlines.slice(1).map((row) => row.title)),
    );
    expect(page).toContain('<h2 class="block-title" id="notices-title">通知公告</h2>');
    expect(page).toContain('<p class="label">合集</p>');
    expect(page).toContain('四论推动城市更新见行动</a></h2>');
    for (const section of view.sections) {
      expect(page).toContain(
        `<a class="more" href="${section.url}">更多<span class="visually-hidden">${section.name}</span></a>`,
      );
    }
    expect(page).not.toContain('<script');
  });

  it('renders column pagination: first, prev, numbers, next, last, current page and totals', () => {
    const page = html(sample('column'));
    const pager = section(page, '<nav class="pagination" aria-label="分页">', '</nav>');
    expect(pager).toContain('<a href="/xwzx/zwyw/">首页</a>');
    expect(pager).toContain('<a href="/xwzx/zwyw/" rel="prev">上一页</a>');
    expect(pager).toContain('<a href="/xwzx/zwyw/index_2.html" aria-current="page">2</a>');
    expect(pager).toContain('<a href="/xwzx/zwyw/index_3.html" rel="next">下一页</a>');
    expect(pager).toContain('<a href="/xwzx/zwyw/index_5.html">尾页</a>');
    expect(all(pager, /<li class="pager-num"><a [^>]*>(\d+)<\/a><\/li>/g)).toEqual(['1', '2', '3', '4', '5']);
    expect(all(pager, /aria-current="page"/g)).toHaveLength(1);
    expect(pager).toContain('共 93 条 第 2/5 页');
    expect(page).toContain('<h1>政务要闻</h1>');
    expect(page).toContain('<nav class="side-nav" aria-labelledby="side-nav-title">');
    expect(page).toContain('<p class="row-summary">');
  });

  it('renders gaps, disabled ends and an empty column', async () => {
    const base = sample('column');
    const url = (n: number): string => `/xwzx/zwyw/index_${n}.html`;
    const last: ColumnPage = {
      ...base,
      pagination: {
        page: 12,
        pages: 12,
        total: 233,
        prevUrl: url(11),
        nextUrl: null,
        firstUrl: '/xwzx/zwyw/',
        lastUrl: url(12),
        links: [
          { kind: 'page', page: 1, url: '/xwzx/zwyw/', current: false },
          { kind: 'gap', page: 0, url: '', current: false },
          ...[10, 11, 12].map((n) => ({ kind: 'page' as const, page: n, url: url(n), current: n === 12 })),
        ],
      },
    };
    const lastHtml = await theme.render(last);
    await expectValid(lastHtml, 'column-last');
    expect(lastHtml).toContain('<li class="pager-gap"><span>…</span></li>');
    expect(lastHtml).toContain('<span class="pager-off">下一页</span>');
    expect(lastHtml).toContain('<span class="pager-off">尾页</span>');
    expect(lastHtml).toContain('共 233 条 第 12/12 页');

    const empty: ColumnPage = {
      ...base,
      articles: [],
      pagination: {
        page: 1,
        pages: 1,
        total: 0,
        prevUrl: null,
        nextUrl: null,
        firstUrl: '/x/',
        lastUrl: '/x/',
        links: [],
      },
    };
    const emptyHtml = await theme.render(empty);
    await expectValid(emptyHtml, 'column-empty');
    expect(emptyHtml).toContain('本栏目暂无信息');
    expect(emptyHtml).not.toContain('aria-label="分页"');
  });

  it('renders the article: kicker, title, subtitle, info line, font switch, body, attachments, tags, editor', () => {
    const view = sample('article');
    const page = html(view);
    const a = view.article;
    const order = [
      `<p class="kicker">${a.kicker}</p>`,
      `<h1 class="article-title" id="article-title" data-read-aloud-text>${a.title}</h1>`,
      `<p class="subtitle">${a.subtitle}</p>`,
      infoPair('信息来源', a.sourceHtml),
      `发布时间：</span><time class="info-value" datetime="${a.dateIso}">${a.dateTimeText}</time>`,
      infoPair('作者', a.authorHtml),
      infoPair('原作者', a.originalAuthorHtml),
      infoPair('原标题', a.originalTitleHtml),
      '<p class="font-size">',
      '<div class="summary-box">',
      '<div class="article-body" data-read-aloud-text>',
      '<h2 id="attachments-title">附件</h2>',
      `（责任编辑：${a.editor}）`,
    ];
    const positions = order.map((needle) => {
      const at = page.indexOf(needle);
      expect(at, needle).toBeGreaterThan(0);
      return at;
    });
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(page).toContain(a.bodyHtml);
    // 字号 are links that set a cookie and come back here; the current size is marked.
    const back = encodeURIComponent(a.url);
    expect(page).toContain(
      `<a class="font-size-link" href="/_prefs?fs=m&amp;back=${back}" rel="nofollow" aria-current="true"><span class="visually-hidden">字号</span>中</a>`,
    );
    for (const size of ['l', 's']) expect(page).toContain(`href="/_prefs?fs=${size}&amp;back=${back}"`);
    // Read-aloud is for elder mode only: no script and no button for everyone else.
    expect(page).not.toContain('read-aloud.js');
    expect(page).not.toContain('data-read-aloud ');
    for (const file of a.attachments) {
      expect(page).toContain(
        `<a href="${file.url}">${file.name}</a> <span class="file-info">（${file.typeLabel}，${file.sizeText}）</span>`,
      );
    }
    for (const tag of a.tags)
      expect(page).toContain(`<a class="tag" href="${tag.url}" rel="tag">${tag.name}</a>`);
    expect(page).toContain(`<a href="${view.prev?.url}" rel="prev">${view.prev?.name}</a>`);
    expect(page).toContain(`<a href="${view.next?.url}" rel="next">${view.next?.name}</a>`);
    expect(page).toContain(`本文收录于：<a href="${view.series?.url}">${view.series?.name}</a>`);
  });

  it('leaves out what an article does not have', async () => {
    const base = sample('article');
    const bare: ArticlePage = {
      ...base,
      article: {
        ...base.article,
        kicker: '',
        subtitle: '',
        summary: '',
        author: '',
        originalAuthor: '',
        originalTitle: '',
        editor: '',
        coverUrl: '/media/2025/06/cover.jpg',
        coverAlt: '改造后的小区外景',
        showCoverInBody: true,
        tags: [],
        attachments: [],
      },
      prev: null,
      next: null,
      series: null,
    };
    const page = await theme.render(bare);
    await expectValid(page, 'article-bare');
    for (const absent of [
      'class="kicker"',
      'class="subtitle"',
      '作者：',
      '原作者',
      '原标题',
      'summary-box',
      '附件',
      '标签：',
      '责任编辑',
      '本文收录于',
    ]) {
      expect(page, absent).not.toContain(absent);
    }
    expect(all(page, /(没有了)/g)).toHaveLength(2);
    expect(page).toContain('<img src="/media/2025/06/cover.jpg" alt="改造后的小区外景">');
    // Without the editor's 在正文顶部显示封面图 the cover is for lists and the home page only.
    const listsOnly = await theme.render({ ...bare, article: { ...bare.article, showCoverInBody: false } });
    expect(listsOnly).not.toContain('class="cover"');
    expect(listsOnly).not.toContain('<img src="/media/2025/06/cover.jpg"');
  });

  it('escapes text fields and keeps only ...Html fields raw', async () => {
    const base = sample('article');
    const hostile: ArticlePage = {
      ...base,
      head: {
        ...base.head,
        title: '<script>alert(1)</script>',
        meta: [{ name: 'ArticleTitle', content: '"><script>x</script>' }],
      },
      article: {
        ...base.article,
        title: '<script>alert("t")</script>',
        source: '<b>来源</b>',
        sourceHtml: breakHintedHtml('<b>来源</b>'),
        bodyHtml: '<p>正文<strong>加粗</strong></p>',
      },
    };
    const page = await theme.render(hostile);
    // The one script is the theme's own (打印, 复制链接); nothing of the text became a script.
    expect(page.match(/<script\b[^>]*>/g)).toEqual([
      `<script src="${theme.assetUrl('article-tools.js')}" defer>`,
    ]);
    expect(page).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(page).toContain('&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;');
    expect(page).toContain('content="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(page.replaceAll('<wbr>', '')).toContain(infoPair('信息来源', '&#60;b&#62;来源&#60;/b&#62;'));
    expect(page).toContain('<p>正文<strong>加粗</strong></p>');
    await expectValid(page, 'article-hostile');
  });

  it('renders the series: label, title, table of contents and member sections in order', () => {
    const view: SeriesPage = sample('series');
    const page = html(view);
    const s = view.series;
    expect(s.members).toHaveLength(4);
    expect(page).toContain(`<p class="label">${s.label}</p>`);
    expect(page).toContain(
      `<h1 class="article-title" id="series-title" data-read-aloud-text>${s.title}</h1>`,
    );
    expect(page).toContain(infoPair('信息来源', s.sourceHtml));
    expect(page).toContain(
      `发布时间：</span><time class="info-value" datetime="${s.dateIso}">${s.dateText}</time>`,
    );
    expect(page).toContain(s.leadHtml);
    const toc = section(page, '<nav class="toc" id="toc" aria-labelledby="toc-title">', '</nav>');
    expect(all(toc, /<a href="#([^"]+)">/g)).toEqual(s.members.map((m) => m.anchor));
    expect(all(page, /<section class="series-member" id="([^"]+)"/g)).toEqual(s.members.map((m) => m.anchor));
    for (const member of s.members) {
      expect(page).toContain(`aria-labelledby="${member.anchor}-title"`);
      expect(page).toContain(member.bodyHtml);
      expect(page).toContain(`<a class="member-link" href="${member.url}">单篇阅读`);
    }
    expect(all(page, /(<a href="#toc">返回目录<\/a>)/g)).toHaveLength(s.members.length);
    expect(page.indexOf(`编辑：${s.editor}`)).toBeGreaterThan(page.lastIndexOf('返回目录'));
  });

  it('renders the tag page and the sitemap', () => {
    const tag: TagPage = sample('tag');
    const tagHtml = html(tag);
    expect(tagHtml).toContain(`<h1>标签：${tag.tag}</h1>`);
    expect(tagHtml).toContain('共 4 条 第 1/1 页');
    expect(tagHtml).toContain('<a class="row-column" href="/zwgk/zcjd/">政策解读</a>');

    const map: SitemapPage = sample('sitemap');
    const mapHtml = html(map);
    expect(mapHtml).toContain('<h1>网站地图</h1>');
    expect(mapHtml).toContain(
      '<a class="sitemap-link" href="/xwzx/zwyw/">政务要闻</a> <span class="sitemap-count">93 条</span>',
    );
    expect(mapHtml).toMatch(
      /<a class="sitemap-top" href="\/xwzx\/">新闻中心<\/a> <span class="sitemap-count">1342 条<\/span>\n<ul>/,
    );
    for (const s of map.series) expect(mapHtml).toContain(`<a href="${s.url}">${s.name}</a>`);
  });

  it('renders error pages, keeping the record of a withdrawn item', () => {
    const notFound: ErrorPage = sample('error', (v) => v.status === 404);
    const gone: ErrorPage = sample('error', (v) => v.status === 410);
    const notFoundHtml = html(notFound);
    expect(notFoundHtml).toContain(`<h1>${notFound.heading}</h1>`);
    expect(notFoundHtml).toContain(notFound.message);
    expect(notFoundHtml).not.toContain('撤稿记录');
    const goneHtml = html(gone);
    expect(goneHtml).toContain('<p class="error-code">410</p>');
    expect(goneHtml).toContain(`<dd>${gone.withdrawn?.title}</dd>`);
    expect(goneHtml).toContain(`<dd>${gone.withdrawn?.dateText}</dd>`);
    expect(goneHtml).toContain(`<dd>${gone.withdrawn?.reason}</dd>`);
    for (const page of [notFoundHtml, goneHtml]) {
      expect(page).toContain('<a class="button" href="/">返回首页</a>');
      expect(page).toContain('href="/sitemap.html">查看网站地图</a>');
    }
  });

  it('offers elder mode, high contrast and the site map in every page header, coming back to the page', () => {
    for (const [view, page] of rendered) {
      const header = section(page, '<header class="site-header">', '</header>');
      expect(header, view.template).toContain('<nav class="header-tools" aria-label="长者模式与无障碍">');
      expect(header).toContain(
        `href="${escapeHtml(view.display.elderToggleUrl)}" rel="nofollow">长者模式</a>`,
      );
      expect(header).toContain(
        `href="${escapeHtml(view.display.contrastToggleUrl)}" rel="nofollow">高对比度</a>`,
      );
      expect(view.display.elderToggleUrl).toMatch(/^\/_prefs\?elder=1&back=%2F/);
      expect(page).toContain(`<link rel="icon" href="${view.display.faviconUrl}" type="image/svg+xml">`);
    }
  });

  it('turns preferences and the mourning setting into classes on <html>, and reads articles aloud in elder mode', async () => {
    const view = sample('article');
    const display = displayView({
      theme,
      template: 'article',
      path: view.article.url,
      preferences: { elder: true, contrast: true, fontSize: 'l' },
      mourning: true,
    });
    const page = await theme.render({ ...view, display });
    await expectValid(page, 'article-elder');
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN" class="elder hc fs-l mourning">/);
    expect(page).toContain('rel="nofollow">退出长者模式</a>');
    expect(page).toContain('rel="nofollow">标准配色</a>');
    expect(page).toContain(`<script src="${theme.assetUrl('read-aloud.js')}" defer></script>`);
    expect(page).toContain('<button type="button" class="read-aloud" data-read-aloud');
    expect(page).toMatch(/href="\/_prefs\?fs=l&amp;back=[^"]+" rel="nofollow" aria-current="true">/);
    // Lists have nothing to read aloud.
    const list = await theme.render({
      ...sample('column'),
      display: { ...display, readAloudScriptUrl: '', articleToolsScriptUrl: '', formGuardScriptUrl: '' },
    });
    expect(list).not.toContain('<script');
  });

  it('links stylesheet url() references to the hashed sibling assets', () => {
    const css = theme.asset(theme.assetUrl('site.css'))?.body.toString('utf8') ?? '';
    expect(css).toContain(`url('${theme.assetUrl('cursor-arrow.svg')}')`);
    expect(css).not.toMatch(/url\(['"]?cursor-arrow\.svg/);
  });

  it('renders a home page without notices, series or sections', async () => {
    const base: HomePage = sample('home');
    const page = await theme.render({ ...base, notices: null, featuredSeries: null, sections: [] });
    await expectValid(page, 'home-minimal');
    expect(page).not.toContain('notices-title');
    expect(page).not.toContain('series-card');
  });

  function html(view: PageView): string {
    const found = [...rendered].find(([v]) => v.template === view.template && sameStatus(v, view));
    if (!found) throw new Error(`not rendered: ${view.template}`);
    return found[1];
  }
});

function sameStatus(a: PageView, b: PageView): boolean {
  return a.template !== 'error' || b.template !== 'error' || a.status === b.status;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&#34;')
    .replaceAll("'", '&#39;');
}
