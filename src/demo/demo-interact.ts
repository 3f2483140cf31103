import { randomBytes } from 'node:crypto';
import { createChannel, createDepartment, loadCalendar, type AppDeps } from '../app/index.js';
import {
  computeDeadline,
  formatDate,
  messageNumber,
  nextWorkingDay,
  workingDaysBetween,
  type ChannelKind,
  type Principal,
  type Rating,
} from '../core/index.js';

/**
 * The demo portal's 互动交流: a handling department, the five channels, and letters written for the demo — most
 * answered and shown in 留言选登 with their replies, a few still open in the department's inbox — so that the
 * public pages, the statistics and the inbox show what a running site shows. The writers are invented; their
 * contact data is sealed like a real writer's.
 */

interface DemoChannel {
  readonly kind: ChannelKind;
  readonly name: string;
  readonly intro: string;
}

const CHANNELS: readonly DemoChannel[] = [
  {
    kind: 'leader',
    name: '市长信箱',
    intro: '向市长反映问题、提出意见建议。来信由市政府办公室登记，转有关部门办理。',
  },
  { kind: 'consult', name: '咨询', intro: '咨询政策规定和办事事项。' },
  { kind: 'complaint', name: '投诉', intro: '投诉行政机关及其工作人员的作风、效能问题。' },
  { kind: 'suggestion', name: '建议', intro: '对本市经济社会发展和政府工作提出建议。' },
  {
    kind: 'correction',
    name: '网站纠错',
    intro: '指出本网站的错别字、链接失效、内容过时等问题。',
  },
];

interface DemoLetter {
  readonly channel: ChannelKind;
  readonly daysAgo: number;
  readonly subject: string;
  readonly body: string;
  readonly writer: { readonly name: string; readonly phone: string; readonly email: string };
  readonly wantsPublic: boolean;
  /** Working days to the reply; absent: still open. */
  readonly answerAfter?: number;
  readonly reply?: string;
  readonly rating?: Rating;
}

const LETTERS: readonly DemoLetter[] = [
  {
    channel: 'leader',
    daysAgo: 58,
    subject: '建议延长市图书馆周末开放时间',
    body: '市长您好！我是一名在青川工作的年轻人，平时只有周末能去市图书馆看书。现在图书馆周六、周日下午5点就闭馆，很多人刚坐下没多久就要离开。能否把周末闭馆时间延长到晚上8点？谢谢！',
    writer: { name: '陈晓东', phone: '13800001001', email: '' },
    wantsPublic: true,
    answerAfter: 9,
    reply:
      '您好！您的建议已转市文化广电旅游局研究办理。经研究，自下月起市图书馆周六、周日开放时间调整为9:00至20:00，自习区和少儿阅览区同步延时，具体安排以市图书馆公告为准。感谢您对公共文化服务的关心和支持。',
    rating: 'satisfied',
  },
  {
    channel: 'consult',
    daysAgo: 40,
    subject: '2027年度城乡居民医保什么时候截止缴费？',
    body: '请问2027年度城乡居民基本医疗保险的集中缴费期到什么时候？家里老人不会用手机，可以到哪里现场缴费？',
    writer: { name: '刘梅', phone: '13900002002', email: 'liumei@example.com' },
    wantsPublic: true,
    answerAfter: 2,
    reply:
      '您好！2027年度城乡居民基本医疗保险集中缴费期截至2026年12月31日。不方便使用手机的老年人，可持身份证或社保卡到户籍所在地乡镇（街道）便民服务中心、社区服务站或合作银行网点现场缴费。咨询电话：12345。',
    rating: 'satisfied',
  },
  {
    channel: 'consult',
    daysAgo: 33,
    subject: '新生儿办理户口登记需要哪些材料？',
    body: '孩子刚出生一个月，想给孩子上户口，请问需要准备哪些材料？父母一方是外市户口可以随母亲落户吗？',
    writer: { name: '赵磊', phone: '13700003003', email: '' },
    wantsPublic: true,
    answerAfter: 3,
    reply:
      '您好！新生儿出生登记需提供《出生医学证明》、父母双方居民身份证和居民户口簿、父母结婚证。新生儿可随父或随母申报常住户口，父母一方为外市户口的，可在本市一方户口所在地派出所办理。目前已开通“出生一件事”网上联办，可在青川政务服务网在线申请。',
    rating: 'basically',
  },
  {
    channel: 'complaint',
    daysAgo: 50,
    subject: '滨江路一工地夜间施工噪音扰民',
    body: '澜滨区滨江路与望川路交叉口附近的工地，最近两周每天晚上11点以后还在施工，搅拌车进出声音很大，周边居民无法休息。希望有关部门尽快处理。',
    writer: { name: '孙建国', phone: '13600004004', email: '' },
    wantsPublic: true,
    answerAfter: 8,
    reply:
      '您好！接到反映后，市住房和城乡建设局会同市生态环境局澜滨分局于当日夜间到现场核查，该项目确有超时施工情况，已责令施工单位立即停止夜间作业并依法立案处理。今后如确需连续施工，须依法办理夜间施工手续并提前公告。欢迎继续监督。',
    rating: 'satisfied',
  },
  {
    channel: 'suggestion',
    daysAgo: 45,
    subject: '建议在滨江公园增设无障碍卫生间',
    body: '我家老人坐轮椅，经常去滨江公园散步，但公园里的公共卫生间都有台阶，轮椅进不去。建议在公园主入口附近增设无障碍卫生间，并在台阶处加装坡道。',
    writer: { name: '周静', phone: '', email: 'zhoujing@example.com' },
    wantsPublic: true,
    answerAfter: 12,
    reply:
      '您好！感谢您的建议。市城市管理局已将滨江公园无障碍设施改造列入明年公园提升计划，拟在主入口及东侧停车场附近各新建一座无障碍卫生间，对现有三处公厕入口加装坡道和扶手。改造期间将设置临时无障碍厕位。',
    rating: 'satisfied',
  },
  {
    channel: 'correction',
    daysAgo: 20,
    subject: '“政务服务”栏目中一个咨询电话打不通',
    body: '网站“政务服务”栏目里不动产登记的咨询电话拨打后提示是空号，请核实更新。',
    writer: { name: '吴昊', phone: '13500006006', email: '' },
    wantsPublic: true,
    answerAfter: 1,
    reply:
      '您好！经核实，该咨询电话已因机构调整停用，网站已更新为不动产登记中心新号码。感谢您对本网站的关注和支持！',
    rating: 'satisfied',
  },
  {
    channel: 'complaint',
    daysAgo: 26,
    subject: '幸福里小区东侧道路路灯长期不亮',
    body: '幸福里小区东侧道路有五六盏路灯已经不亮一个多月了，晚上行人很多，存在安全隐患，希望尽快维修。',
    writer: { name: '郑芳', phone: '13400007007', email: '' },
    wantsPublic: true,
    answerAfter: 5,
    reply:
      '您好！市城市管理局路灯管理所已安排人员对该路段路灯进行检修，故障原因为地下电缆老化，现已更换电缆并恢复照明。如发现路灯故障，也可拨打12345热线报修。',
    rating: 'basically',
  },
  {
    channel: 'consult',
    daysAgo: 15,
    subject: '公交线路调整后老年卡还能免费乘车吗？',
    body: '听说城区公交线路要调整，请问调整后的新线路老年人还能刷老年卡免费乘车吗？',
    writer: { name: '冯秀兰', phone: '13300008008', email: '' },
    wantsPublic: true,
    answerAfter: 2,
    reply:
      '您好！线路调整后，本市65周岁及以上老年人持老年优待卡乘坐城区所有公交线路（含新开线路）继续免费，60至64周岁老年人继续享受半价优惠。',
    rating: 'satisfied',
  },
  {
    channel: 'suggestion',
    daysAgo: 30,
    subject: '建议增加中心城区公共充电桩',
    body: '老城区小区大多没有固定车位，电动汽车充电很难，建议在公共停车场多建一些充电桩。',
    writer: { name: '王志强', phone: '13200009009', email: '' },
    wantsPublic: false,
    answerAfter: 10,
    reply:
      '您好！市发展和改革委员会正在编制充电基础设施建设规划，中心城区公共停车场新建充电桩将优先安排在老旧小区周边，您的建议已纳入规划研究。',
  },
  {
    channel: 'leader',
    daysAgo: 4,
    subject: '关于老旧小区加装电梯补贴的咨询',
    body: '我们小区建于1998年，六层没有电梯，居民想加装电梯。请问市里有没有补贴政策，需要多少户同意？',
    writer: { name: '钱永福', phone: '13100010010', email: '' },
    wantsPublic: true,
  },
  {
    channel: 'consult',
    daysAgo: 1,
    subject: '灵活就业人员怎样参加职工养老保险？',
    body: '我目前是自由职业者，想以灵活就业人员身份参加职工养老保险，请问在哪里办理，缴费基数怎么选？',
    writer: { name: '李娜', phone: '', email: 'lina@example.com' },
    wantsPublic: true,
  },
];

const DEPARTMENT = '市人民政府办公室（政民互动）';

/** The day `workingDays` working days after `from` (day 1 is the first working day after it). */
function afterWorkingDays(calendar: Awaited<ReturnType<typeof loadCalendar>>, from: string, days: number) {
  let day = from;
  for (let i = 0; i < days; i += 1) day = nextWorkingDay(calendar, day);
  return day;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Adds the channels and letters to the demo site, inside the demo's transaction. Letters need the personal-data
 * vault (contact data is sealed); without one the channels are made and no letter is.
 */
export async function loadDemoInteraction(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  columnId: number,
  now: string,
): Promise<{ channels: number; letters: number }> {
  const department = await createDepartment(deps, principal, { siteId, name: DEPARTMENT });
  const channelIds = new Map<ChannelKind, number>();
  for (const c of CHANNELS) {
    const channel = await createChannel(deps, principal, {
      siteId,
      kind: c.kind,
      name: c.name,
      intro: c.intro,
      departmentId: department.id,
      columnId,
    });
    channelIds.set(c.kind, channel.id);
  }
  const vault = deps.personalData;
  if (!vault) return { channels: CHANNELS.length, letters: 0 };
  const calendar = await loadCalendar(deps.store);
  const today = formatDate(now);
  let letters = 0;
  for (const letter of LETTERS) {
    const channel = await deps.store.interact.getChannel(channelIds.get(letter.channel) as number);
    if (!channel) continue;
    const receivedAt = new Date(Date.parse(now) - letter.daysAgo * DAY_MS).toISOString();
    const receivedOn = formatDate(receivedAt);
    const number = messageNumber(receivedOn, randomBytes(6));
    // Nobody follows a demo letter: no 查询码 is issued, and the stored hash matches none.
    const codeHash = randomBytes(32).toString('hex');
    const message = await deps.store.interact.addMessage(
      {
        siteId,
        channelId: channel.id,
        number,
        codeHash,
        subject: letter.subject,
        body: letter.body,
        wantsPublic: channel.allowPublic && letter.wantsPublic,
        contactSealed: vault.seal({ ...letter.writer, address: '' }, `interact:${number}`),
        hasEmail: letter.writer.email !== '',
        held: false,
        heldReason: '',
        attachments: [],
        departmentId: department.id,
        receivedAt,
        receivedOn,
        deadlineDays: channel.deadlineDays,
        dueOn: computeDeadline({ receivedOn, workingDays: channel.deadlineDays }, calendar).dueOn,
      },
      receivedAt,
    );
    await deps.store.interact.addEvent({
      messageId: message.id,
      at: receivedAt,
      actorId: null,
      actorName: '留言人',
      action: 'received',
      note: '',
    });
    letters += 1;
    if (letter.answerAfter === undefined || letter.reply === undefined) continue;
    const answeredOn = afterWorkingDays(calendar, receivedOn, letter.answerAfter);
    if (answeredOn > today) continue;
    const answeredAt = `${answeredOn}T08:30:00.000Z`;
    await deps.store.interact.updateMessage(
      message.id,
      message.version,
      {
        status: 'answered',
        replyText: letter.reply,
        replyByName: DEPARTMENT,
        replyDepartment: DEPARTMENT,
        reviewLevel: 1,
        approvals: [{ level: 1, userId: null, name: '审核人', at: answeredAt }],
        answeredAt,
        answeredOn,
        workingDaysTaken: workingDaysBetween(calendar, receivedOn, answeredOn),
        published: message.wantsPublic,
        ...(letter.rating ? { rating: letter.rating, ratedAt: answeredAt } : {}),
      },
      answeredAt,
    );
    await deps.store.interact.addEvent({
      messageId: message.id,
      at: answeredAt,
      actorId: null,
      actorName: DEPARTMENT,
      action: 'publish',
      note: '答复已发布',
    });
  }
  return { channels: CHANNELS.length, letters };
}
