/**
 * One realistic sample view of every page type, for theme tests, previews and theme authors.
 *
 * 示例市 is fictional: every name, number, address and text below is invented.
 */
import { displayView } from './display.js';
import type { Theme } from './theme.js';
import type {
  ArticlePage,
  ArticleRowView,
  ColumnPage,
  ErrorPage,
  HomePage,
  LinkView,
  MetaTag,
  NavItemView,
  PageLinkView,
  PageView,
  SeriesPage,
  SitemapPage,
  SiteView,
  TagPage,
} from './view-models.js';

const BASE_URL = 'https://www.shili.example.gov.cn';
const DOMAIN = 'www.shili.example.gov.cn';
const SITE_NAME = '示例市人民政府';
const SITE_CODE = '0000000000';

/** A small QR-like picture (three finder squares), so previews show where a QR code goes. */
const SAMPLE_QR_URL = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21" shape-rendering="crispEdges">' +
    '<rect width="21" height="21" fill="#fff"/>' +
    '<path fill="#000" d="M0 0h7v7H0zM14 0h7v7h-7zM0 14h7v7H0z"/>' +
    '<path fill="#fff" d="M1 1h5v5H1zM15 1h5v5h-5zM1 15h5v5H1z"/>' +
    '<path fill="#000" d="M2 2h3v3H2zM16 2h3v3h-3zM2 16h3v3H2zM9 1h2v2H9zM8 4h3v2H8zM9 8h4v2H9zM14 9h2v3h-2zM17 8h3v2h-3z' +
    'M8 12h2v3H8zM11 11h2v2h-2zM12 14h3v2h-3zM16 13h2v2h-2zM18 16h2v4h-2zM9 17h3v3H9zM14 18h3v2h-3zM1 9h3v2H1zM4 11h2v2H4z"/>' +
    '</svg>',
)}`;

function nav(
  name: string,
  url: string,
  children: readonly NavItemView[] = [],
  current = false,
  external = false,
): NavItemView {
  return { name, url, current, external, children };
}

function siteMeta(): MetaTag[] {
  return [
    { name: 'SiteName', content: SITE_NAME },
    { name: 'SiteDomain', content: DOMAIN },
    { name: 'SiteIDCode', content: SITE_CODE },
  ];
}

function columnMeta(name: string, description: string, keywords: string, type: string): MetaTag[] {
  return [
    ...siteMeta(),
    { name: 'ColumnName', content: name },
    { name: 'ColumnDescription', content: description },
    { name: 'ColumnKeywords', content: keywords },
    { name: 'ColumnType', content: type },
  ];
}

function sampleSite(theme: Theme, currentTop: string | null, currentChild: string | null): SiteView {
  const top = (
    name: string,
    url: string,
    children: readonly NavItemView[] = [],
    external = false,
  ): NavItemView => nav(name, url, children, name === currentTop, external);
  const child = (name: string, url: string): NavItemView => nav(name, url, [], name === currentChild);
  return {
    name: SITE_NAME,
    baseUrl: BASE_URL,
    domain: DOMAIN,
    sponsorName: '示例市人民政府办公室',
    sponsorAddress: '示例省示例市中心区政务大道1号',
    sponsorPhone: '0000-12345678',
    sponsorEmail: 'webmaster@shili.example.gov.cn',
    sponsorPostcode: '000000',
    siteCode: SITE_CODE,
    icpRecord: '示ICP备00000000号-1',
    icpUrl: 'https://beian.miit.gov.cn/',
    policeRecord: '示公网安备00000000000000号',
    policeUrl: 'https://beian.mps.gov.cn/#/query/webSearch?code=00000000000000',
    footerNotice:
      '本网站发布的所有信息均不收取任何费用。如遇到任何以本网站名义收取费用的情况，请向示例市人民政府办公室举报。未经许可，不得复制、镜像本网站原创内容。',
    accounts: [
      { name: '示例发布', kindLabel: '微信公众号', qrUrl: SAMPLE_QR_URL },
      { name: '示例发布', kindLabel: '政务微博', qrUrl: null },
      { name: '示例通', kindLabel: '政务客户端', qrUrl: null },
    ],
    nav: [
      top('新闻中心', '/xwzx/', [
        child('政务要闻', '/xwzx/zwyw/'),
        child('部门动态', '/xwzx/bmdt/'),
        child('区县动态', '/xwzx/qxdt/'),
      ]),
      top('政务公开', '/zwgk/', [
        child('通知公告', '/zwgk/tzgg/'),
        child('政策文件', '/zwgk/zcwj/'),
        child('政策解读', '/zwgk/zcjd/'),
        child('人事信息', '/zwgk/rsxx/'),
      ]),
      top('政务服务', 'https://zwfw.shili.example.gov.cn/', [], true),
      top('互动交流', '/hdjl/', [child('市长信箱', '/hdjl/szxx/'), child('征集调查', '/hdjl/zjdc/')]),
      top('专题专栏', '/ztzl/', [child('优化营商环境', '/ztzl/yshj/'), child('乡村振兴', '/ztzl/xczx/')]),
      top('走进示例', '/zjsl/', [child('市情概况', '/zjsl/sqgk/'), child('历史文化', '/zjsl/lswh/')]),
    ],
    cssUrl: theme.assetUrl('site.css'),
    printCssUrl: theme.assetUrl('print.css'),
    policeIconUrl: theme.assetUrl('police-badge.svg'),
    currentYear: 2025,
  };
}

/** The display of a first-time reader: default preferences, no mourning. */
function sampleDisplay(theme: Theme, template: PageView['template'], path: string) {
  return displayView({ theme, template, path, preferences: undefined, mourning: false });
}

function row(
  title: string,
  url: string,
  date: string,
  time: string,
  column: LinkView,
  summary = '',
  source = SITE_NAME,
): ArticleRowView {
  return {
    title,
    url,
    dateText: date,
    dateIso: `${date}T${time}:00+08:00`,
    summary,
    source,
    columnName: column.name,
    columnUrl: column.url,
  };
}

function articleUrl(columnPath: string, date: string, id: number): string {
  const ymd = date.replaceAll('-', '');
  return `/${columnPath}/${ymd.slice(0, 6)}/t${ymd}_${id}.html`;
}

const ZWYW: LinkView = { name: '政务要闻', url: '/xwzx/zwyw/' };
const BMDT: LinkView = { name: '部门动态', url: '/xwzx/bmdt/' };
const QXDT: LinkView = { name: '区县动态', url: '/xwzx/qxdt/' };
const TZGG: LinkView = { name: '通知公告', url: '/zwgk/tzgg/' };
const ZCWJ: LinkView = { name: '政策文件', url: '/zwgk/zcwj/' };
const ZCJD: LinkView = { name: '政策解读', url: '/zwgk/zcjd/' };
const YSHJ: LinkView = { name: '优化营商环境', url: '/ztzl/yshj/' };

const HOME: LinkView = { name: '首页', url: '/' };

const headlines: readonly ArticleRowView[] = [
  row(
    '市政府召开第二十四次常务会议 研究部署城市更新和防汛备汛工作',
    articleUrl('xwzx/zwyw', '2025-06-18', 1204),
    '2025-06-18',
    '18:30',
    ZWYW,
    '会议听取了全市城市更新行动推进情况汇报，审议通过《示例市老旧小区改造三年行动方案（2025—2027年）》，并对入汛以来的防汛备汛工作作出部署。',
  ),
  row(
    '示例市“一网通办”事项网上可办率达到98.6%',
    articleUrl('xwzx/zwyw', '2025-06-17', 1199),
    '2025-06-17',
    '16:05',
    ZWYW,
  ),
  row(
    '全市重点项目集中开工 总投资超过120亿元',
    articleUrl('xwzx/zwyw', '2025-06-16', 1193),
    '2025-06-16',
    '11:20',
    ZWYW,
  ),
  row(
    '市卫生健康委开展“健康进社区”义诊服务周活动',
    articleUrl('xwzx/bmdt', '2025-06-16', 1190),
    '2025-06-16',
    '09:45',
    BMDT,
  ),
  row(
    '中心区：“15分钟便民生活圈”覆盖全部街道',
    articleUrl('xwzx/qxdt', '2025-06-15', 1186),
    '2025-06-15',
    '15:10',
    QXDT,
  ),
  row(
    '示例市举办2025年高校毕业生就业服务专场招聘会',
    articleUrl('xwzx/bmdt', '2025-06-14', 1181),
    '2025-06-14',
    '10:00',
    BMDT,
  ),
];

const noticeRows: readonly ArticleRowView[] = [
  row(
    '关于2025年端午节假期调整公共服务时间的公告',
    articleUrl('zwgk/tzgg', '2025-06-17', 1201),
    '2025-06-17',
    '09:00',
    TZGG,
  ),
  row(
    '示例市2025年第二批市级重点项目名单公示',
    articleUrl('zwgk/tzgg', '2025-06-13', 1178),
    '2025-06-13',
    '14:30',
    TZGG,
  ),
  row(
    '关于征求《示例市城市绿化管理办法（修订草案征求意见稿）》意见的公告',
    articleUrl('zwgk/tzgg', '2025-06-10', 1165),
    '2025-06-10',
    '10:15',
    TZGG,
  ),
  row(
    '示例市人民政府关于划定禁止燃放烟花爆竹区域的通告',
    articleUrl('zwgk/tzgg', '2025-06-06', 1150),
    '2025-06-06',
    '16:40',
    TZGG,
  ),
  row(
    '2025年示例市事业单位公开招聘工作人员面试公告',
    articleUrl('zwgk/tzgg', '2025-06-03', 1139),
    '2025-06-03',
    '08:50',
    TZGG,
  ),
];

const policyRows: readonly ArticleRowView[] = [
  row(
    '示例市人民政府关于印发示例市老旧小区改造三年行动方案的通知',
    articleUrl('zwgk/zcwj', '2025-06-12', 1170),
    '2025-06-12',
    '17:00',
    ZCWJ,
  ),
  row(
    '示例市人民政府办公室关于进一步促进消费的若干措施',
    articleUrl('zwgk/zcwj', '2025-05-28', 1120),
    '2025-05-28',
    '15:00',
    ZCWJ,
  ),
  row(
    '示例市公共数据开放管理暂行办法',
    articleUrl('zwgk/zcwj', '2025-05-20', 1098),
    '2025-05-20',
    '09:30',
    ZCWJ,
  ),
  row(
    '示例市人民政府关于调整最低工资标准的通知',
    articleUrl('zwgk/zcwj', '2025-05-08', 1062),
    '2025-05-08',
    '11:00',
    ZCWJ,
  ),
];

const interpretationRows: readonly ArticleRowView[] = [
  row(
    '图解：老旧小区改造三年行动方案',
    articleUrl('zwgk/zcjd', '2025-06-13', 1176),
    '2025-06-13',
    '10:00',
    ZCJD,
  ),
  row(
    '一问一答读懂促进消费若干措施',
    articleUrl('zwgk/zcjd', '2025-05-29', 1124),
    '2025-05-29',
    '09:00',
    ZCJD,
  ),
  row(
    '《公共数据开放管理暂行办法》政策解读',
    articleUrl('zwgk/zcjd', '2025-05-21', 1101),
    '2025-05-21',
    '16:20',
    ZCJD,
  ),
];

const businessRows: readonly ArticleRowView[] = [
  row('企业开办实现“一日办结”', articleUrl('ztzl/yshj', '2025-06-11', 1168), '2025-06-11', '14:00', YSHJ),
  row(
    '“政企直通车”今年已帮助企业解决问题312个',
    articleUrl('ztzl/yshj', '2025-06-04', 1143),
    '2025-06-04',
    '10:30',
    YSHJ,
  ),
  row('惠企政策“免申即享”清单发布', articleUrl('ztzl/yshj', '2025-05-26', 1115), '2025-05-26', '15:45', YSHJ),
];

const SERIES_TITLE = '四论推动城市更新见行动';
const SERIES_URL = '/series/chengshi-gengxin/';
const seriesMembers: readonly { title: string; author: string; paragraphs: readonly string[] }[] = [
  {
    title: '以绣花功夫推进老旧小区改造',
    author: '本报评论员',
    paragraphs: [
      '城市是人民的城市。老旧小区改造，一头连着民生冷暖，一头连着城市品质。',
      '改什么、怎么改，要问需于民、问计于民。把加装电梯、管网更新、停车充电等群众最关心的事项列入清单，做到改造前充分征求意见、改造中接受监督、改造后评价效果。',
      '以绣花功夫推进改造，就要精细到一栋楼、一个单元、一段管线，让居民在家门口感受到实实在在的变化。',
    ],
  },
  {
    title: '让城市生命线更安全更可靠',
    author: '本报评论员',
    paragraphs: [
      '供水、排水、燃气、供热管网是城市的“生命线”。生命线安全，是城市更新的底线要求。',
      '要摸清地下管网底数，建立一张图、一本账，对老化管线分类施策、限期更新，把隐患消除在萌芽状态。',
    ],
  },
  {
    title: '在有机更新中留住城市记忆',
    author: '本报评论员',
    paragraphs: [
      '老街巷、老厂房、老字号，承载着一座城市的记忆。城市更新不是大拆大建，而是有机更新、渐进更新。',
      '要坚持保护优先，把历史文化街区和历史建筑保护好、利用好，让老城区既有烟火气，又有新活力。',
    ],
  },
  {
    title: '以共建共治共享凝聚更新合力',
    author: '本报评论员',
    paragraphs: [
      '城市更新是一项系统工程，需要政府、市场、社会和居民共同参与。',
      '要完善居民议事协商机制，用好社区规划师制度，引导社会资本有序参与，形成人人参与、人人尽力、人人享有的良好局面。',
    ],
  },
];

function paragraphs(items: readonly string[]): string {
  return items.map((text) => `<p>${text}</p>`).join('\n');
}

function breadcrumbOf(...items: LinkView[]): LinkView[] {
  return [HOME, ...items];
}

function pageLink(page: number, current: number, url: (n: number) => string): PageLinkView {
  return { kind: 'page', page, url: url(page), current: page === current };
}

function homePage(theme: Theme): HomePage {
  return {
    template: 'home',
    display: sampleDisplay(theme, 'home', '/'),
    site: sampleSite(theme, null, null),
    head: {
      title: SITE_NAME,
      description:
        '示例市人民政府门户网站，发布政务要闻、通知公告、政策文件和政策解读，提供政务服务和互动交流渠道。',
      canonicalUrl: `${BASE_URL}/`,
      meta: siteMeta(),
      hasDescriptionMeta: false,
    },
    breadcrumb: [HOME],
    headlines,
    notices: { name: '通知公告', url: TZGG.url, articles: noticeRows },
    featuredSeries: {
      title: SERIES_TITLE,
      label: '合集',
      url: SERIES_URL,
      dateText: '2025-06-09',
      dateIso: '2025-06-09T08:00:00+08:00',
      leadText:
        '城市更新是提升城市品质、增进民生福祉的重要抓手。《示例日报》连续推出4篇评论员文章，谈如何把城市更新各项任务落到实处。',
      members: seriesMembers.map((member, index) => ({
        name: member.title,
        url: `${SERIES_URL}#part-${index + 1}`,
      })),
    },
    sections: [
      { name: '政策文件', url: ZCWJ.url, articles: policyRows },
      { name: '政策解读', url: ZCJD.url, articles: interpretationRows },
      { name: '优化营商环境', url: YSHJ.url, articles: businessRows },
    ],
  };
}

function columnPage(theme: Theme): ColumnPage {
  const description = '报道市委、市政府重要会议、重大活动和重点工作进展。';
  const url = (n: number): string => (n === 1 ? ZWYW.url : `${ZWYW.url}index_${n}.html`);
  const summaries = [
    '会议强调，要坚持问需于民，把群众最关心的加装电梯、管网更新等事项作为改造重点。',
    '全市1826个政务服务事项中已有1801项实现网上办理，“零跑腿”事项达到642项。',
    '此次集中开工项目共37个，涵盖先进制造、城市基础设施、社会事业等领域。',
    '',
    '',
  ];
  const articles: ArticleRowView[] = [
    '市政府与示例大学签署战略合作协议',
    '全市安全生产工作会议召开',
    '市领导调研夏粮收购和秋粮播种工作',
    '示例市荣获省级全域旅游示范区称号',
    '示例市召开优化营商环境工作推进会',
    '全市“我为群众办实事”实践活动推进会召开',
  ].map((title, index) => {
    const day = String(28 - index * 2).padStart(2, '0');
    const date = `2025-05-${day}`;
    return row(
      title,
      articleUrl('xwzx/zwyw', date, 1090 - index * 7),
      date,
      '17:30',
      ZWYW,
      summaries[index] ?? '',
    );
  });
  return {
    template: 'column',
    display: sampleDisplay(theme, 'column', url(2)),
    site: sampleSite(theme, '新闻中心', '政务要闻'),
    head: {
      title: `政务要闻 - 第2页 - ${SITE_NAME}`,
      description,
      canonicalUrl: `${BASE_URL}${url(2)}`,
      meta: columnMeta('政务要闻', description, '政务要闻,市政府常务会议,重点工作', '动态要闻'),
      hasDescriptionMeta: false,
    },
    breadcrumb: breadcrumbOf({ name: '新闻中心', url: '/xwzx/' }, ZWYW),
    column: { name: '政务要闻', url: ZWYW.url, kindLabel: '动态要闻', description },
    sideNav: {
      title: '新闻中心',
      items: [nav('政务要闻', ZWYW.url, [], true), nav('部门动态', BMDT.url), nav('区县动态', QXDT.url)],
    },
    articles,
    pagination: {
      page: 2,
      pages: 5,
      total: 93,
      prevUrl: url(1),
      nextUrl: url(3),
      firstUrl: url(1),
      lastUrl: url(5),
      links: [1, 2, 3, 4, 5].map((n) => pageLink(n, 2, url)),
    },
  };
}

function articlePage(theme: Theme): ArticlePage {
  const title = '示例市出台老旧小区改造三年行动方案';
  const url = articleUrl('zwgk/zcjd', '2025-06-12', 1171);
  const summary =
    '到2027年底，全市计划改造2000年底前建成的老旧小区326个，惠及居民5.8万户，同步推进加装电梯、管网更新和充电设施建设。';
  const bodyHtml = [
    '<p>近日，市人民政府印发《示例市老旧小区改造三年行动方案（2025—2027年）》（以下简称《方案》），明确了今后三年全市老旧小区改造的目标任务、改造内容和保障措施。</p>',
    '<h2>一、改造范围和目标</h2>',
    '<p>《方案》明确，改造对象为2000年底前建成、失养失修失管、市政配套设施不完善、社会服务设施不健全、居民改造意愿强烈的住宅小区。到2027年底，全市计划改造老旧小区326个，惠及居民5.8万户。</p>',
    '<h2>二、分年度改造计划</h2>',
    '<table><caption>老旧小区改造分年度计划</caption><thead><tr><th scope="col">年度</th><th scope="col">小区数（个）</th><th scope="col">户数（户）</th><th scope="col">加装电梯（部）</th><th scope="col">更新管网（公里）</th><th scope="col">新增充电桩（个）</th></tr></thead>',
    '<tbody><tr><td>2025年</td><td>108</td><td>19200</td><td>160</td><td>85.5</td><td>1200</td></tr>',
    '<tr><td>2026年</td><td>112</td><td>20100</td><td>180</td><td>92.0</td><td>1500</td></tr>',
    '<tr><td>2027年</td><td>106</td><td>18700</td><td>170</td><td>88.3</td><td>1300</td></tr></tbody></table>',
    '<h2>三、改造内容</h2>',
    '<p>改造内容分为基础类、完善类和提升类。基础类重点改造供水、排水、供电、燃气、消防等设施；完善类重点加装电梯、建设停车和充电设施；提升类重点完善养老、托育、助餐等社区服务设施。</p>',
    '<p>市住房和城乡建设局有关负责人表示，改造将坚持“先民生后提升、先地下后地上”，每个小区改造前都要召开居民议事会，改造方案经三分之二以上居民同意后方可实施。详情可查阅<a href="https://zjj.shili.example.gov.cn/">市住房和城乡建设局网站</a>。</p>',
  ].join('\n');
  return {
    template: 'article',
    display: sampleDisplay(theme, 'article', url),
    site: sampleSite(theme, '政务公开', '政策解读'),
    head: {
      title: `${title} - 政策解读 - ${SITE_NAME}`,
      description: summary,
      canonicalUrl: `${BASE_URL}${url}`,
      meta: [
        ...siteMeta(),
        { name: 'ColumnName', content: '政策解读' },
        { name: 'ColumnType', content: '政策解读' },
        { name: 'ArticleTitle', content: title },
        { name: 'PubDate', content: '2025-06-12 17:20' },
        { name: 'ContentSource', content: '示例日报' },
        { name: 'Keywords', content: '老旧小区改造,城市更新,加装电梯' },
        { name: 'Author', content: '李明' },
        { name: 'Description', content: summary },
        { name: 'Image', content: '' },
        { name: 'Url', content: `${BASE_URL}${url}` },
      ],
      hasDescriptionMeta: true,
    },
    breadcrumb: breadcrumbOf({ name: '政务公开', url: '/zwgk/' }, ZCJD, { name: '正文', url }),
    column: ZCJD,
    article: {
      title,
      kicker: '三年改造326个小区 惠及5.8万户居民',
      subtitle: '同步推进加装电梯、管网更新和充电设施建设',
      summary,
      bodyHtml,
      source: '示例日报',
      originalAuthor: '李明 王芳',
      originalTitle: '三年改造326个老旧小区',
      author: '李明',
      editor: '张华',
      dateText: '2025-06-12',
      dateTimeText: '2025-06-12 17:20',
      dateIso: '2025-06-12T17:20:00+08:00',
      url,
      coverUrl: '',
      coverAlt: '',
      showCoverInBody: false,
      viewCount: 1536,
      tags: [
        { name: '城市更新', url: '/tags/城市更新/' },
        { name: '老旧小区改造', url: '/tags/老旧小区改造/' },
        { name: '民生实事', url: '/tags/民生实事/' },
      ],
      attachments: [
        {
          name: '示例市老旧小区改造三年行动方案（2025—2027年）.pdf',
          url: '/media/2025/06/fa-an-2025-2027.pdf',
          typeLabel: 'PDF',
          sizeText: '412.6 KB',
        },
        {
          name: '2025年改造小区名单.xlsx',
          url: '/media/2025/06/ming-dan-2025.xlsx',
          typeLabel: 'Excel',
          sizeText: '38.2 KB',
        },
      ],
    },
    prev: { name: '一问一答读懂促进消费若干措施', url: articleUrl('zwgk/zcjd', '2025-05-29', 1124) },
    next: { name: '图解：老旧小区改造三年行动方案', url: articleUrl('zwgk/zcjd', '2025-06-13', 1176) },
    series: { name: SERIES_TITLE, url: SERIES_URL },
  };
}

function seriesPage(theme: Theme): SeriesPage {
  const lead =
    '城市更新是提升城市品质、增进民生福祉的重要抓手。《示例日报》连续推出4篇“推动城市更新见行动”评论员文章，谈如何把城市更新各项任务落到实处。';
  return {
    template: 'series',
    display: sampleDisplay(theme, 'series', SERIES_URL),
    site: sampleSite(theme, '专题专栏', null),
    head: {
      title: `合集｜${SERIES_TITLE} - ${SITE_NAME}`,
      description: lead,
      canonicalUrl: `${BASE_URL}${SERIES_URL}`,
      meta: [
        ...siteMeta(),
        { name: 'ArticleTitle', content: SERIES_TITLE },
        { name: 'PubDate', content: '2025-06-09 08:00' },
        { name: 'ContentSource', content: '示例日报' },
        { name: 'Description', content: lead },
        { name: 'Url', content: `${BASE_URL}${SERIES_URL}` },
      ],
      hasDescriptionMeta: true,
    },
    breadcrumb: breadcrumbOf({ name: '专题专栏', url: '/ztzl/' }, { name: SERIES_TITLE, url: SERIES_URL }),
    series: {
      title: SERIES_TITLE,
      label: '合集',
      leadHtml: `<p>${lead}</p>`,
      source: '《示例日报》',
      editor: '赵敏',
      dateText: '2025-06-09',
      dateIso: '2025-06-09T08:00:00+08:00',
      url: SERIES_URL,
      members: seriesMembers.map((member, index) => ({
        anchor: `part-${index + 1}`,
        title: member.title,
        url: articleUrl('ztzl/csgx', `2025-06-0${index + 5}`, 1150 + index),
        author: member.author,
        bodyHtml: paragraphs(member.paragraphs),
      })),
    },
  };
}

function tagPage(theme: Theme): TagPage {
  const tag = '城市更新';
  const url = `/tags/${tag}/`;
  return {
    template: 'tag',
    display: sampleDisplay(theme, 'tag', url),
    site: sampleSite(theme, null, null),
    head: {
      title: `标签：${tag} - ${SITE_NAME}`,
      description: `带有“${tag}”标签的信息`,
      canonicalUrl: `${BASE_URL}${url}`,
      meta: siteMeta(),
      hasDescriptionMeta: false,
    },
    breadcrumb: breadcrumbOf({ name: `标签：${tag}`, url }),
    tag,
    articles: [
      row(
        '图解：老旧小区改造三年行动方案',
        articleUrl('zwgk/zcjd', '2025-06-13', 1176),
        '2025-06-13',
        '10:00',
        ZCJD,
      ),
      row(
        '示例市出台老旧小区改造三年行动方案',
        articleUrl('zwgk/zcjd', '2025-06-12', 1171),
        '2025-06-12',
        '17:20',
        ZCJD,
      ),
      row(
        '示例市人民政府关于印发示例市老旧小区改造三年行动方案的通知',
        articleUrl('zwgk/zcwj', '2025-06-12', 1170),
        '2025-06-12',
        '17:00',
        ZCWJ,
      ),
      row(
        '中心区：“15分钟便民生活圈”覆盖全部街道',
        articleUrl('xwzx/qxdt', '2025-06-15', 1186),
        '2025-06-15',
        '15:10',
        QXDT,
      ),
    ],
    pagination: {
      page: 1,
      pages: 1,
      total: 4,
      prevUrl: null,
      nextUrl: null,
      firstUrl: url,
      lastUrl: url,
      links: [{ kind: 'page', page: 1, url, current: true }],
    },
  };
}

function sitemapPage(theme: Theme): SitemapPage {
  const node = (
    name: string,
    url: string,
    kindLabel: string,
    count: number,
    children: SitemapPage['columns'] = [],
    external = false,
  ): SitemapPage['columns'][number] => ({ name, url, kindLabel, count, external, children });
  return {
    template: 'sitemap',
    display: sampleDisplay(theme, 'sitemap', '/sitemap.html'),
    site: sampleSite(theme, null, null),
    head: {
      title: `网站地图 - ${SITE_NAME}`,
      description: `${SITE_NAME}门户网站全部栏目`,
      canonicalUrl: `${BASE_URL}/sitemap.html`,
      meta: siteMeta(),
      hasDescriptionMeta: false,
    },
    breadcrumb: breadcrumbOf({ name: '网站地图', url: '/sitemap.html' }),
    columns: [
      node('新闻中心', '/xwzx/', '动态要闻', 1342, [
        node('政务要闻', ZWYW.url, '动态要闻', 93),
        node('部门动态', BMDT.url, '动态要闻', 812),
        node('区县动态', QXDT.url, '动态要闻', 437),
      ]),
      node('政务公开', '/zwgk/', '通知公告', 615, [
        node('通知公告', TZGG.url, '通知公告', 264),
        node('政策文件', ZCWJ.url, '政策文件', 187),
        node('政策解读', ZCJD.url, '政策解读', 96),
        node('人事信息', '/zwgk/rsxx/', '通知公告', 68),
      ]),
      node('政务服务', 'https://zwfw.shili.example.gov.cn/', '外链', 0, [], true),
      node('互动交流', '/hdjl/', '单页', 0, [
        node('市长信箱', '/hdjl/szxx/', '单页', 0),
        node('征集调查', '/hdjl/zjdc/', '通知公告', 12),
      ]),
      node('专题专栏', '/ztzl/', '专题专栏', 58, [
        node('优化营商环境', YSHJ.url, '专题专栏', 41),
        node('乡村振兴', '/ztzl/xczx/', '专题专栏', 17),
      ]),
      node('走进示例', '/zjsl/', '单页', 2, [
        node('市情概况', '/zjsl/sqgk/', '单页', 1),
        node('历史文化', '/zjsl/lswh/', '单页', 1),
      ]),
    ],
    series: [
      { name: SERIES_TITLE, url: SERIES_URL },
      { name: '2025年示例市政府工作报告解读', url: '/series/gzbg-2025/' },
    ],
  };
}

function errorPage(theme: Theme, status: 404 | 410): ErrorPage {
  const base = {
    template: 'error' as const,
    display: sampleDisplay(theme, 'error', '/xwzx/zwyw/202506/t20250699_1.html'),
    site: sampleSite(theme, null, null),
    breadcrumb: [HOME],
  };
  if (status === 404) {
    return {
      ...base,
      head: {
        title: `页面不存在 - ${SITE_NAME}`,
        description: '您访问的页面不存在',
        canonicalUrl: `${BASE_URL}/xwzx/zwyw/202506/t20250699_1.html`,
        meta: siteMeta(),
        hasDescriptionMeta: false,
      },
      status,
      heading: '页面不存在',
      message: '您访问的页面不存在或地址有误，请检查网址，或从首页、网站地图查找所需信息。',
      withdrawn: null,
    };
  }
  return {
    ...base,
    head: {
      title: `信息已撤回 - ${SITE_NAME}`,
      description: '该信息已撤回',
      canonicalUrl: `${BASE_URL}${articleUrl('zwgk/tzgg', '2025-05-15', 1077)}`,
      meta: siteMeta(),
      hasDescriptionMeta: false,
    },
    status,
    heading: '该信息已撤回',
    message: '您访问的信息已由发布单位撤回，不再公开。以下为该信息的发布记录。',
    withdrawn: {
      title: '关于市民中心二期工程施工期间临时交通管制的通告',
      dateText: '2025-05-15',
      reason: '工程工期调整，通告内容已由 2025年6月3日 发布的新通告替代。',
    },
  };
}

/** One sample view of every page type: home, column (page 2 of 5), article, series, tag, sitemap, 404 and 410. */
export function sampleViews(theme: Theme): PageView[] {
  return [
    homePage(theme),
    columnPage(theme),
    articlePage(theme),
    seriesPage(theme),
    tagPage(theme),
    sitemapPage(theme),
    errorPage(theme, 404),
    errorPage(theme, 410),
  ];
}
