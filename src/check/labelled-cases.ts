import type { CheckField, CheckInput, CheckOptions } from './types.js';

/** One finding a case must produce: by rule and the text found (or, for metadata, the field). */
export interface ExpectedFinding {
  readonly rule: string;
  readonly excerpt?: string;
  readonly field?: CheckField;
}

/**
 * A labelled case for measuring precision and recall. Every finding of the listed rules that a case does not
 * expect counts as a false positive; every expected finding not produced counts as a miss.
 */
export interface LabelledCase {
  readonly name: string;
  readonly input: CheckInput;
  readonly expected: readonly ExpectedFinding[];
  /** What the caller knows besides the text (e.g. which linked articles are withdrawn). */
  readonly options?: CheckOptions;
}

const text = (name: string, body: string, ...expected: ExpectedFinding[]): LabelledCase => ({
  name,
  input: { text: body },
  expected,
});
const id = (excerpt: string): ExpectedFinding => ({ rule: 'personal-id', excerpt });
const mobile = (excerpt: string): ExpectedFinding => ({ rule: 'mobile-number', excerpt });
const card = (excerpt: string): ExpectedFinding => ({ rule: 'bank-card', excerpt });
const term = (excerpt: string): ExpectedFinding => ({ rule: 'formulation', excerpt });
const leader = (excerpt: string): ExpectedFinding => ({ rule: 'leader-name', excerpt });
const sensitive = (excerpt: string): ExpectedFinding => ({ rule: 'sensitive-word', excerpt });
const meta = (field: CheckField): ExpectedFinding => ({ rule: 'metadata', field });
const mark = (excerpt: string): ExpectedFinding => ({ rule: 'punctuation', excerpt });

/** A complete, correct article; cases override one thing at a time. */
const article: CheckInput = {
  article: true,
  title: '青川市召开2026年第一季度经济运行分析会',
  summary: '会议分析了一季度经济运行情况。',
  bodyHtml: '<p>3月18日，青川市召开经济运行分析会。</p><p><img src="/media/a.jpg" alt="会议现场"></p>',
  source: '青川市人民政府办公室',
  editor: '张雯',
};

export const LABELLED_CASES: readonly LabelledCase[] = [
  // personal-id: positives
  text(
    'ID in a list of winners',
    '获奖人：张三，身份证号11010519491231002X，奖金已发放。',
    id('11010519491231002X'),
  ),
  text('ID with a lower-case x', '身份证：11010519491231002x', id('11010519491231002x')),
  text(
    'ID with a digit check character',
    '经办人李四（440301199003074511）到场办理。',
    id('440301199003074511'),
  ),
  text(
    'two IDs in one table row',
    '王五 510107198511152329 赵六 320583200012290084',
    id('510107198511152329'),
    id('320583200012290084'),
  ),
  text(
    'ID born on 29 February of a leap year',
    '申请人身份证号码：150102201202290037。',
    id('150102201202290037'),
  ),
  text(
    'ID in full-width digits',
    '证件号：６５０１０２１９７８０６０５１２３９',
    id('６５０１０２１９７８０６０５１２３９'),
  ),
  // personal-id: look-alikes
  text('18 digits with a bad check character', '身份证号110105194912310021（示例）'),
  text('masked ID', '身份证号11**************02X已核验。'),
  text('ID-like number with month 13', '编号110105194913310021的记录。'),
  text('ID-like number with 30 February', '110105202402301235'),
  text('ID inside a longer digit run', '流水1101051949123100291234'),
  text('ID glued to letters', 'ABC11010519491231002X'),
  text('unified social credit code', '统一社会信用代码：91150100MA0N2XXX1K'),
  text('order number of 18 digits', '订单号202403181234567890已发货。'),

  // mobile-number: positives
  text('mobile after 联系电话', '联系电话：13812345678，欢迎咨询。', mobile('13812345678')),
  text('mobile with hyphens', '咨询电话138-1234-5678（工作日）。', mobile('138-1234-5678')),
  text('mobile with spaces', '联系人：刘女士 139 8765 4321', mobile('139 8765 4321')),
  text('mobile starting 19', '请拨打19912345678报名。', mobile('19912345678')),
  text('mobile starting 15 in a sentence', '举报人王某（手机15047123456）反映', mobile('15047123456')),
  text('two mobiles', '张老师18647112233，李老师17704711234。', mobile('18647112233'), mobile('17704711234')),
  text('mobile in full-width digits', '手机：１３９１２３４５６７８', mobile('１３９１２３４５６７８')),
  text('mobile followed by 号码 label', '请拨13612345678号码咨询。', mobile('13612345678')),
  // mobile-number: look-alikes
  text('masked mobile', '联系电话：138****1234。'),
  text('service line 12345', '有问题请拨打12345政务服务便民热线。'),
  text('bank service line 95588', '工商银行客服95588。'),
  text('400 line', '服务热线400-810-8888。'),
  text('landline with area code', '联系电话：0471-6601234。'),
  text('landline 8 digits', '电话：66012345，传真：66012346。'),
  text('order number with a mobile-like head', '订单号：13812345678，请妥善保存。'),
  text('document number with 编号', '编号13912345678的设备已报废。'),
  text('ICP filing number', '蒙ICP备13812345678号'),
  text('serial 第…号', '第13812345678号公告'),
  text('12-digit number', '项目代码为138123456789。'),
  text('date-time stamp', '更新时间20240318103015。'),
  text('money figure', '总投资13812345678元。'),
  text('count of visits', '累计访问量13812345678次。'),
  text('numbers in a decimal', '比例为0.13812345678。'),
  text('part of a longer hyphenated number', '合同号 2024-138-1234-5678-01'),
  text('number starting 12', '号码12812345678不是手机号段。'),
  text('No. label', 'No.15812345678'),

  // bank-card: positives
  text(
    '19-digit UnionPay card',
    '收款账号：6217000001234567891，开户行：农业银行。',
    card('6217000001234567891'),
  ),
  text('16-digit Visa test card', '卡号4111111111111111', card('4111111111111111')),
  text('card grouped by spaces', '银行卡号 6222 0212 3456 7894', card('6222 0212 3456 7894')),
  text('card grouped by hyphens', '账号6212-2600-0012-3456。', card('6212-2600-0012-3456')),
  text(
    '19-digit card grouped with a last group of 3',
    '6222 0212 3456 7890 128',
    card('6222 0212 3456 7890 128'),
  ),
  text('17-digit card', '补贴发放账户62284800123456782。', card('62284800123456782')),
  text('Mastercard test number', '5500000000000004', card('5500000000000004')),
  // bank-card: look-alikes
  text('19 digits failing Luhn', '账号6222021234567890129。'),
  text('19 digits failing Luhn (2)', '卡号6217000001234567892'),
  text('order number passing Luhn but a date prefix', '订单2024031812345679已完成。'),
  text('order number starting 2 passing Luhn', '交易流水2024031812345679'),
  text('masked card', '卡号6217 **** **** 7891'),
  text('masked card (bank style)', '621700*********7891'),
  text('20-digit run', '62170000012345678912'),
  text('valid resident ID is not a card', '身份证11010519491231002X', id('11010519491231002X')),
  text('public security filing number', '蒙公网安备15010202151600号'),
  text('card number after 编号 label', '资产编号4111111111111111'),

  // numeric look-alikes common on government pages: none is personal data
  text('document number', '青政办发〔2026〕12号'),
  text('date written as digits', '发布日期：20240318'),
  text('ICP number with a suffix', '京ICP备05070218号-1'),
  text('public security record', '京公网安备 11010502030143号'),
  text('site identification code', '网站标识码1500000001'),
  text('ISBN', 'ISBN 978-7-01-012345-6'),
  text('social credit code', '统一社会信用代码 11150100011530548K'),
  text('timestamp in milliseconds', '1710748800000'),
  text('hotline list', '12345、12315、12369、95598、400-800-1234、800-810-8888'),
  text('statistics with a long figure', '全市生产总值13812345678万元，增长5.2%。'),
  text('phone range with hyphen is a serial', '编号范围13812345678-13812345699'),
  text('masked ID in a notice', '公示：王某，身份证号15**************37。'),
  text(
    'notice with a real mobile and masked ID',
    '公示：王某，身份证号15**************37，联系电话18647112233。',
    mobile('18647112233'),
  ),
  {
    name: 'image alt text is checked too',
    input: { bodyHtml: '<p><img src="/a.jpg" alt="市攻府大楼"></p>' },
    expected: [{ rule: 'formulation', excerpt: '攻府', field: 'imageAlt' }],
  },

  text('country name typo 共合国', '《中华人民共合国政府信息公开条例》', term('中华人民共合国')),
  text('country name typo 共和过', '依据中华人民共和过宪法', term('中华人民共和过')),
  text('扫黑险恶', '深入推进扫黑险恶常态化', term('扫黑险恶')),
  text('攻府', '市攻府办公室印发通知', term('攻府')),
  text('人民检查院', '青川市人民检查院召开会议', term('人民检查院')),
  text('检查院 for the procuratorate', '区检查院依法提起公诉', term('检查院')),
  text('价值观 typo', '培育和践行社会主义核心价直观', term('社会主义核心价直观')),
  text('两个维护 typo', '坚决做到“两个唯护”', term('两个唯护')),
  text('两个确立 typo', '深刻领悟“两个确力”的决定性意义', term('两个确力')),
  text('新质生产力 typo', '因地制宜发展新质生产利', term('新质生产利')),
  text('thought typo', '以习近平新时代中国特色社会注意思想为指导', term('习近平新时代中国特色社会注意思想')),
  text('人大 typo', '市人民代表大汇常务委员会', term('人民代表大汇')),
  text('马克斯主义', '坚持马克斯主义基本原理', term('马克斯主义')),
  text('自冶区', '内蒙古自冶区人民政府', term('自冶区')),
  text('中国共产党 typo', '中国共铲党成立一百周年', term('中国共铲党')),
  text('以人民为中心 typo', '坚持以人民未中心的发展思想', term('以人民未中心')),
  text('一带一路 typo', '高质量共建“一代一路”', term('一代一路')),
  text('top leader name slip', '习进平总书记指出', term('习进平')),
  text('牢记史命', '不忘初心、牢记史命', term('牢记史命')),
  text('政冶 slip', '讲政冶、顾大局', term('政冶')),
  text('中国试现代化', '以中国试现代化全面推进强国建设', term('中国试现代化')),
  // formulation: look-alikes
  text('行政冶金 is 行政 + 冶金', '冶金行业的行政冶金标准'),
  text('correct new formulations', '全过程人民民主，人类命运共同体，中国式现代化，乡村振兴，省政府办公厅'),
  text('correct country name', '中华人民共和国成立七十七周年'),
  text('检查院内 is 检查 + 院内', '检查院内消防设施是否完好'),
  text('检查院落 and 检查院校', '逐户检查院落卫生，检查院校食堂'),
  text('correct procuratorate', '最高人民检察院、青川市人民检察院'),
  text('进攻府城 in a history article', '起义军进攻府城，围攻府衙'),
  text('correct formulations', '坚定拥护“两个确立”、坚决做到“两个维护”，发展新质生产力，坚持以人民为中心'),
  text('correct thought', '习近平新时代中国特色社会主义思想'),
  text('核心价值关键 is 价值 + 关键', '践行社会主义核心价值关键在于落细落小'),
  text('correct 扫黑除恶', '常态化开展扫黑除恶斗争'),
  text('correct 自治区', '内蒙古自治区'),

  // leader-name (the fictional 青川市 sample list; the measurement day is 2026-11-28)
  text('misspelt name after a title', '市委书记林旺川主持召开常务会议', leader('林旺川')),
  text('misspelt mayor', '市委副书记、市长苏青源出席', leader('苏青源')),
  text('outdated title', '市长林望川调研春耕', leader('市长林望川')),
  text('correct names and titles', '市委书记林望川、市长苏清源出席会议'),
  text('look-alike name of someone else', '种粮大户林旺川介绍经验'),
  text('deputy title is another office', '副市长林望川（2020年）'),

  // sensitive-word
  text('sample sensitive word', '这是一个敏感词测试样例。', sensitive('敏感词测试样例')),
  text('sensitive word inside an allowed term', '这是非敏感词测试样例。'),
  text('no sensitive word', '春回大地，万物竞长。'),
  text(
    'sensitive word twice',
    '敏感词测试样例和敏感词测试样例',
    sensitive('敏感词测试样例'),
    sensitive('敏感词测试样例'),
  ),

  // metadata
  { name: 'complete article', input: article, expected: [] },
  { name: 'source missing', input: { ...article, source: '' }, expected: [meta('source')] },
  { name: 'editor missing', input: { ...article, editor: ' ' }, expected: [meta('editor')] },
  {
    name: 'reprint without original author and title',
    input: { ...article, source: '内蒙古日报' },
    expected: [meta('originalAuthor'), meta('originalTitle')],
  },
  {
    name: 'reprint with original title only',
    input: { ...article, source: '新华社', originalTitle: '春耕正当时' },
    expected: [meta('originalAuthor')],
  },
  {
    name: 'complete reprint',
    input: { ...article, source: '青川日报', originalAuthor: '记者 周航', originalTitle: '冬日开工忙' },
    expected: [],
  },
  {
    name: 'department as source is not a reprint',
    input: { ...article, source: '青川市医疗保障局' },
    expected: [],
  },
  {
    name: 'a cooperative (…社) is not an outlet',
    input: { ...article, source: '青川市供销合作社' },
    expected: [],
  },
  {
    name: 'the power grid (…电网) is not an outlet',
    input: { ...article, source: '国家电网' },
    expected: [],
  },
  {
    name: 'a news site is an outlet',
    input: { ...article, source: '人民网', originalAuthor: '记者 王某' },
    expected: [meta('originalTitle')],
  },
  {
    name: 'own site name as source is not a reprint',
    input: { ...article, source: '青川政府网' },
    expected: [],
  },
  {
    name: 'image without alt',
    input: {
      ...article,
      bodyHtml: '<p>现场</p><p><img src="/media/b.jpg"></p><p><img src="/c.jpg" alt="图"></p>',
    },
    expected: [meta('images')],
  },
  {
    name: 'cover without alt',
    input: { ...article, coverUrl: '/media/cover.jpg', coverAlt: '' },
    expected: [meta('images')],
  },
  {
    name: 'empty heading',
    input: { ...article, bodyHtml: '<h2> </h2><p>正文</p><h3>一、总体要求</h3>' },
    expected: [meta('headings')],
  },
  { name: 'plain text has no metadata to miss', input: { text: '春回大地。' }, expected: [] },
  // internal-link: links to the site's own articles, looked up by the caller
  ...linkCases(),
  // punctuation: half-width marks between Chinese characters, from old pages and the wrong input mode
  text('comma in an imported editorial', '春回大地,万物竞长。', mark(',')),
  text('comma after a closing quote', '拥护“两个确立”,做到“两个维护”。', mark(',')),
  text('semicolon between clauses', '加快发展新质生产力;强化高质量发展的基础支撑。', mark(';')),
  text('colon after a label', '编辑:席瑞', mark(':')),
  text(
    'two commas in a sentence',
    '今年全国两会上,政府工作报告在民生领域,部署了一系列举措。',
    mark(','),
    mark(','),
  ),
  // punctuation: negatives
  text('thousands separator', '共投入资金1,200万元。'),
  text('time of day', '会议于08:30开始，17:30结束。'),
  text('ratio', '男女比例为3:2。'),
  text('inside a URL', '详见http://www.example.gov.cn/zwgk/通知,公告页面。'),
  text('English text', 'Qingchuan, Sichuan: a city in China.'),
  text('full-width marks already', '春回大地，万物竞长；编辑：席瑞。'),
];

function linkCases(): LabelledCase[] {
  const gone = '/zwgk/tzgg/202603/t20260302_41.html';
  const missing = '/xwzx/zwyw/202601/t20260105_9999.html';
  const live = '/xwzx/zwyw/202611/t20261120_88.html';
  const options: CheckOptions = {
    siteBaseUrl: 'https://www.qingchuan.example.gov.cn',
    deadLinks: new Map([
      [gone, 'withdrawn'],
      [missing, 'missing'],
    ]),
  };
  const withBody = (bodyHtml: string) => ({ ...article, bodyHtml });
  const link = (excerpt: string): ExpectedFinding => ({ rule: 'internal-link', excerpt });
  return [
    {
      name: 'link to a withdrawn notice',
      input: withBody(`<p>详见<a href="${gone}">原通知</a>。</p>`),
      expected: [link('原通知')],
      options,
    },
    {
      name: 'link to an article that does not exist',
      input: withBody(`<p>参阅<a href="${missing}">此前报道</a>。</p>`),
      expected: [link('此前报道')],
      options,
    },
    {
      name: 'absolute link to the site itself, withdrawn',
      input: withBody(
        `<p><a href="https://www.qingchuan.example.gov.cn${gone}?from=home#top">通知全文</a></p>`,
      ),
      expected: [link('通知全文')],
      options,
    },
    {
      name: 'link to a live article',
      input: withBody(`<p>详见<a href="${live}">相关报道</a>。</p>`),
      expected: [],
      options,
    },
    {
      name: 'same path on another site is not ours',
      input: withBody(`<p><a href="https://www.other.example.gov.cn${gone}">外站通知</a></p>`),
      expected: [],
      options,
    },
    {
      name: 'link to a column page, not an article',
      input: withBody('<p><a href="/zwgk/tzgg/">通知公告</a></p>'),
      expected: [],
      options,
    },
  ];
}
