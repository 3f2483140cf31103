/**
 * Requests for disclosure (依申请公开) under the 政府信息公开条例 (2019): who asks, the steps of handling,
 * the statutory reply types with the sub-reasons of the national annual-report form (政府信息公开工作年度报告
 * 格式, table 三), and which step is possible in which state. Pure: the use cases decide with it.
 */

/** 申请人类型, as the annual report counts them: a natural person, or an organisation of one of five kinds. */
export const REQUESTER_KINDS = ['citizen', 'organisation'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

export const ORGANISATION_TYPES = [
  'business',
  'research',
  'public-welfare',
  'legal-service',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Readonly<Record<OrganisationType, string>> = {
  business: '商业企业',
  research: '科研机构',
  'public-welfare': '社会公益组织',
  'legal-service': '法律服务机构',
  other: '其他',
};

/** How the requester wants the information (条例 第二十九条: 获取信息的方式、途径). */
export const DELIVERY_METHODS = ['online', 'email', 'post', 'pickup'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const DELIVERY_LABELS: Readonly<Record<DeliveryMethod, string>> = {
  online: '网上查询答复',
  email: '电子邮件',
  post: '邮寄',
  pickup: '当面领取',
};

/** 答复类型: the six outcomes of table 三 of the annual-report form. */
export const REPLY_TYPES = ['disclose', 'partial', 'refuse', 'unavailable', 'not-handled', 'other'] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];

export const REPLY_TYPE_LABELS: Readonly<Record<ReplyType, string>> = {
  disclose: '予以公开',
  partial: '部分公开',
  refuse: '不予公开',
  unavailable: '无法提供',
  'not-handled': '不予处理',
  other: '其他处理',
};

/** The sub-reasons of the annual-report form for the four reply types that need one, in the form's order. */
export const REPLY_REASONS = {
  refuse: [
    ['state-secret', '属于国家秘密'],
    ['prohibited-by-law', '其他法律行政法规禁止公开'],
    ['three-securities', '危及“三安全一稳定”'],
    ['third-party-rights', '保护第三方合法权益'],
    ['internal-affairs', '属于三类内部事务信息'],
    ['process-information', '属于四类过程性信息'],
    ['enforcement-file', '属于行政执法案卷'],
    ['inquiry-matter', '属于行政查询事项'],
  ],
  unavailable: [
    ['not-held', '本机关不掌握相关政府信息'],
    ['needs-creating', '没有现成信息需要另行制作'],
    ['still-unclear', '补正后申请内容仍不明确'],
  ],
  'not-handled': [
    ['petition', '信访举报投诉类申请'],
    ['repeated', '重复申请'],
    ['publication', '要求提供公开出版物'],
    ['mass-repeated', '无正当理由大量反复申请'],
    ['confirm-or-reissue', '要求行政机关确认或重新出具已获取信息'],
  ],
  other: [
    ['no-correction', '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['unpaid-fee', '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
    ['other', '其他'],
  ],
} as const satisfies Partial<Record<ReplyType, readonly (readonly [string, string])[]>>;

export type ReasonedReplyType = keyof typeof REPLY_REASONS;

export function needsReason(type: ReplyType): type is ReasonedReplyType {
  return type in REPLY_REASONS;
}

export function reasonLabel(type: ReplyType, reason: string | null): string | null {
  if (!reason || !needsReason(type)) return null;
  const entry = (REPLY_REASONS[type] as readonly (readonly [string, string])[]).find(
    ([code]) => code === reason,
  );
  return entry ? entry[1] : null;
}

export function isValidReason(type: ReplyType, reason: string | null): boolean {
  if (!needsReason(type)) return reason === null || reason === '';
  return reasonLabel(type, reason) !== null;
}

/**
 * The state of a request:
 * - `submitted`: arrived through the form, not yet registered;
 * - `registered`: 登记 — the receipt is confirmed; the clock runs from this day (条例 第三十一条);
 * - `accepted`: 受理 — the office is working on it;
 * - `correction`: 补正 — the requester was asked to complete the request; the clock starts anew on the day the
 *   completed request arrives (条例 第三十条);
 * - `consulting`: 征求第三方意见 — the clock stands still until the answer is recorded (条例 第三十二条);
 * - `answered`: the reply is given (after the confidentiality review);
 * - `closed`: 办结.
 */
export const DISCLOSURE_STATES = [
  'submitted',
  'registered',
  'accepted',
  'correction',
  'consulting',
  'answered',
  'closed',
] as const;
export type DisclosureState = (typeof DISCLOSURE_STATES)[number];

export const DISCLOSURE_STATE_LABELS: Readonly<Record<DisclosureState, string>> = {
  submitted: '待登记',
  registered: '已登记',
  accepted: '已受理',
  correction: '待补正',
  consulting: '征求第三方意见中',
  answered: '已答复',
  closed: '已办结',
};

export const DISCLOSURE_STEPS = [
  'register',
  'accept',
  'request-correction',
  'receive-correction',
  'extend',
  'consult',
  'consultation-answered',
  'review',
  'answer',
  'close',
] as const;
export type DisclosureStep = (typeof DISCLOSURE_STEPS)[number];

/** Where each step may start from, and where it leads. */
const TRANSITIONS: Readonly<
  Record<DisclosureStep, { from: readonly DisclosureState[]; to: DisclosureState | null }>
> = {
  register: { from: ['submitted'], to: 'registered' },
  accept: { from: ['registered'], to: 'accepted' },
  'request-correction': { from: ['registered', 'accepted'], to: 'correction' },
  'receive-correction': { from: ['correction'], to: 'accepted' },
  extend: { from: ['registered', 'accepted', 'consulting'], to: null },
  consult: { from: ['accepted'], to: 'consulting' },
  'consultation-answered': { from: ['consulting'], to: 'accepted' },
  // The confidentiality review of the drafted reply: the state stays, the review is recorded.
  review: { from: ['registered', 'accepted'], to: null },
  answer: { from: ['registered', 'accepted'], to: 'answered' },
  // A request left without its 补正 past the time given may be closed as 其他处理 through `answer`.
  close: { from: ['answered'], to: 'closed' },
};

/** The state after `step`, or null when the step is not possible in `state`. */
export function nextDisclosureState(state: DisclosureState, step: DisclosureStep): DisclosureState | null {
  const rule = TRANSITIONS[step];
  if (!rule.from.includes(state)) return null;
  return rule.to ?? state;
}

export function stepsFrom(state: DisclosureState): DisclosureStep[] {
  return DISCLOSURE_STEPS.filter((step) => TRANSITIONS[step].from.includes(state));
}

/** States whose deadline runs (or stands still) and is shown in the inbox. */
export const OPEN_DISCLOSURE_STATES: readonly DisclosureState[] = ['registered', 'accepted', 'consulting'];

/** The statutory time limit and its one extension (条例 第三十三条). */
export const DISCLOSURE_WORKING_DAYS = 20;
export const MAX_DISCLOSURE_EXTENSION = 20;

/** The inbox marks a request due within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;

/** Urgency of an open deadline for the inbox. */
export type Urgency = 'overdue' | 'due-soon' | 'running' | 'paused';

export function urgencyOf(daysLeft: number, paused: boolean): Urgency {
  if (daysLeft < 0) return 'overdue';
  if (paused) return 'paused';
  return daysLeft <= DUE_SOON_WORKING_DAYS ? 'due-soon' : 'running';
}

/** 保密审查 conclusions. */
export const REVIEW_CONCLUSIONS = ['pass', 'fail'] as const;
export type ReviewConclusion = (typeof REVIEW_CONCLUSIONS)[number];
