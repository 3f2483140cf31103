import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import {
  addDays,
  computeDeadline,
  DELIVERY_METHODS,
  describeDeadline,
  DISCLOSURE_STATE_LABELS,
  DISCLOSURE_WORKING_DAYS,
  GazetteError,
  isIsoDate,
  isValidReason,
  MAX_DISCLOSURE_EXTENSION,
  needsReason,
  nextDisclosureState,
  OPEN_DISCLOSURE_STATES,
  ORGANISATION_TYPES,
  reasonLabel,
  REPLY_TYPE_LABELS,
  REPLY_TYPES,
  REQUESTER_KINDS,
  stepsFrom,
  urgencyOf,
  type ClockPause,
  type Deadline,
  type DeadlineExplanation,
  type DeliveryMethod,
  type DisclosureState,
  type DisclosureStep,
  type OrganisationType,
  type Principal,
  type ReplyType,
  type RequesterKind,
  type ReviewConclusion,
  type Urgency,
  type WorkCalendar,
} from '../core/index.js';
import { loadCalendar, onCalendarChange, todayIn } from './calendar.js';
import type { AppDeps } from './deps.js';
import { guardDepartmentDeletion, isDepartmentMember } from './manage-departments.js';
import { registerRetentionPurge, type PersonalDataVault } from './personal-data.js';
import type {
  DisclosureEvent,
  DisclosurePatch,
  DisclosureRecord,
  DisclosureSettings,
  ReplyAttachment,
} from './ports-disclosure.js';
import type { Store } from './ports.js';
import { audit, principalName, requirePermission, systemPrincipal } from './principal.js';
import { plainText } from './sanitize.js';

/**
 * Requests for disclosure (依申请公开): the public form's submission, the handling department's inbox and its
 * steps (登记, 受理, 补正, 延期, 征求第三方意见, 保密审查, 答复, 办结) with the statutory deadline in working days,
 * the requester's look-up with the 申请编号 and 查询码, and the deletion of personal data after the retention
 * period. The requester's data, description and identity papers are sealed with the key outside the database.
 */

// ---------------------------------------------------------------------------------------------------------
// Submission

/** What the requester sends; the personal part is sealed as a whole. */
export interface RequesterData {
  /** 姓名, or the organisation's name. */
  readonly name: string;
  /** 证件类型 and 证件号码 (a citizen), or the 统一社会信用代码 (an organisation). */
  readonly idType: string;
  readonly idNumber: string;
  /** 联系人 of an organisation. */
  readonly contactPerson: string;
  readonly phone: string;
  readonly email: string;
  readonly address: string;
  readonly postcode: string;
  readonly description: string;
  readonly purpose: string;
}

export interface IdentityUpload {
  readonly filename: string;
  readonly bytes: Uint8Array;
}

export interface DisclosureSubmission extends RequesterData {
  readonly siteId: number;
  readonly requesterKind: RequesterKind;
  readonly organisationType: OrganisationType | null;
  readonly delivery: DeliveryMethod;
  readonly identity: IdentityUpload | null;
}

export const MAX_DESCRIPTION_CHARS = 5000;
export const MAX_IDENTITY_BYTES = 5 * 1024 * 1024;

const invalid = (field: string, zh: string): GazetteError =>
  new GazetteError('GZ_INVALID_INPUT', zh, { field });

function cleanLine(value: string, field: string, label: string, max: number, required: boolean): string {
  const text = plainText(value ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (required && text === '') throw invalid(field, `请填写${label}`);
  if ([...text].length > max) throw invalid(field, `${label}不超过${max}个字`);
  return text;
}

function cleanBlock(value: string, field: string, label: string, max: number, required: boolean): string {
  const text = plainText(value ?? '')
    .replace(/\r\n?/g, '\n')
    .trim();
  if (required && text === '') throw invalid(field, `请填写${label}`);
  if ([...text].length > max) throw invalid(field, `${label}不超过${max}个字`);
  return text;
}

/** The identity paper's type by its first bytes: JPEG, PNG or PDF only. */
export function identityMime(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  return null;
}

/** Checks and normalises a submission; every refusal names its field in Chinese. */
export function cleanSubmission(
  input: DisclosureSubmission,
): DisclosureSubmission & { identityMime: string } {
  if (!REQUESTER_KINDS.includes(input.requesterKind)) throw invalid('requesterKind', '请选择申请人类型');
  const organisationType = input.requesterKind === 'organisation' ? input.organisationType : null;
  if (
    input.requesterKind === 'organisation' &&
    !ORGANISATION_TYPES.includes(organisationType as OrganisationType)
  ) {
    throw invalid('organisationType', '请选择法人或其他组织的类型');
  }
  if (!DELIVERY_METHODS.includes(input.delivery)) throw invalid('delivery', '请选择获取信息的方式');
  const organisation = input.requesterKind === 'organisation';
  const data: RequesterData = {
    name: cleanLine(input.name, 'name', organisation ? '名称' : '姓名', 100, true),
    idType: cleanLine(input.idType, 'idType', '证件类型', 20, !organisation),
    idNumber: cleanLine(input.idNumber, 'idNumber', organisation ? '统一社会信用代码' : '证件号码', 40, true),
    contactPerson: cleanLine(input.contactPerson, 'contactPerson', '联系人', 50, organisation),
    phone: cleanLine(input.phone, 'phone', '联系电话', 30, true),
    email: cleanLine(input.email, 'email', '电子邮箱', 100, input.delivery === 'email'),
    address: cleanLine(input.address, 'address', '通信地址', 200, input.delivery === 'post'),
    postcode: cleanLine(input.postcode, 'postcode', '邮政编码', 10, false),
    description: cleanBlock(
      input.description,
      'description',
      '所需政府信息的内容描述',
      MAX_DESCRIPTION_CHARS,
      true,
    ),
    purpose: cleanBlock(input.purpose, 'purpose', '用途', 1000, false),
  };
  if (!/^[0-9+\-() ]{5,30}$/.test(data.phone)) throw invalid('phone', '联系电话只能包含数字、空格和 + - ( )');
  if (data.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(data.email)) {
    throw invalid('email', '电子邮箱格式不正确');
  }
  if (data.postcode !== '' && !/^\d{6}$/.test(data.postcode))
    throw invalid('postcode', '邮政编码应为6位数字');
  if (!input.identity || input.identity.bytes.length === 0) {
    throw invalid('identity', '请上传身份证明（身份证件或营业执照等的照片或扫描件）');
  }
  if (input.identity.bytes.length > MAX_IDENTITY_BYTES) {
    throw invalid('identity', `身份证明文件不超过${MAX_IDENTITY_BYTES / 1024 / 1024}MB`);
  }
  const mime = identityMime(input.identity.bytes);
  if (!mime) throw invalid('identity', '身份证明只接受 JPG、PNG 图片或 PDF 文件');
  return { ...input, ...data, organisationType, identityMime: mime };
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const randomText = (length: number): string =>
  Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

const hashCode = (code: string): string => createHash('sha256').update(code.toUpperCase()).digest('hex');

function vaultOf(deps: AppDeps): PersonalDataVault {
  if (!deps.personalData) throw new GazetteError('GZ_PERSONAL_DATA_KEY', 'no personal-data vault');
  return deps.personalData;
}

const sealContext = (number: string) => `disclosure:${number}`;
const fileContext = (number: string) => `disclosure-file:${number}`;

export interface SubmittedRequest {
  /** 申请编号: the date and random characters; tells nothing of how many requests there are. */
  readonly number: string;
  /** 查询码: shown once; only its hash is kept. */
  readonly queryCode: string;
  /** The latest reply date if the request is registered today. */
  readonly latestReplyOn: string;
}

/**
 * Takes a request from the public form: checks it, seals the personal part and the identity paper, and stores
 * it with its number in one transaction (nothing is kept if anything fails). The anti-abuse checks are the
 * route's, before this.
 */
export async function submitDisclosureRequest(
  deps: AppDeps,
  input: DisclosureSubmission,
): Promise<SubmittedRequest> {
  const clean = cleanSubmission(input);
  const vault = vaultOf(deps);
  const now = deps.clock.now();
  const today = todayIn(now);
  const number = `${today.replaceAll('-', '')}${randomText(6)}`;
  const queryCode = randomText(8);
  const data: RequesterData = {
    name: clean.name,
    idType: clean.idType,
    idNumber: clean.idNumber,
    contactPerson: clean.contactPerson,
    phone: clean.phone,
    email: clean.email,
    address: clean.address,
    postcode: clean.postcode,
    description: clean.description,
    purpose: clean.purpose,
  };
  const identity = clean.identity as IdentityUpload;
  const sealedFile = vault.seal(
    {
      filename: plainText(identity.filename).slice(0, 100),
      base64: Buffer.from(identity.bytes).toString('base64'),
    },
    fileContext(number),
  );
  const principal = systemPrincipal('public-form');
  return deps.store.transaction(async (store) => {
    if (!(await store.sites.get(clean.siteId)))
      throw new GazetteError('GZ_SITE_NOT_FOUND', String(clean.siteId));
    const record = await store.disclosure.create(
      {
        siteId: clean.siteId,
        number,
        queryCodeHash: hashCode(queryCode),
        requesterKind: clean.requesterKind,
        organisationType: clean.organisationType,
        delivery: clean.delivery,
        sealed: vault.seal(data, sealContext(number)),
        submittedAt: now,
      },
      now,
    );
    await store.disclosure.addFile(
      record.id,
      { kind: 'identity', mime: clean.identityMime, size: identity.bytes.length, sealed: sealedFile },
      now,
    );
    await store.disclosure.addEvent(record.id, now, '申请人', 'submit', {});
    await audit(store, principal, now, {
      action: 'disclosure.submit',
      targetType: 'disclosure-request',
      targetId: number,
      siteId: clean.siteId,
      result: 'ok',
      summary: {
        requesterKind: clean.requesterKind,
        organisationType: clean.organisationType,
        delivery: clean.delivery,
      },
    });
    const calendar = await loadCalendar(store);
    const latest = computeDeadline({ receivedOn: today, workingDays: DISCLOSURE_WORKING_DAYS }, calendar);
    return { number, queryCode, latestReplyOn: latest.dueOn };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Deadlines

/** The deadline of a request whose clock runs or stands still; null before 登记, during 补正 and once answered. */
export function deadlineOf(record: DisclosureRecord, calendar: WorkCalendar, today: string): Deadline | null {
  if (!record.receivedOn || !OPEN_DISCLOSURE_STATES.includes(record.state)) return null;
  return computeDeadline(
    {
      receivedOn: record.receivedOn,
      workingDays: DISCLOSURE_WORKING_DAYS,
      pauses: record.pauses,
      extensions: record.extensionDays,
    },
    calendar,
    today,
  );
}

/** Recomputes the stored due date of every open request on a changed calendar; one audit record. */
async function recomputeDisclosureDeadlines(
  store: Store,
  calendar: WorkCalendar,
  context: { principal: Principal; now: string; reason: string },
) {
  const today = todayIn(context.now);
  const open = await store.disclosure.listOpen(OPEN_DISCLOSURE_STATES);
  const changed: { id: string; from: string; to: string }[] = [];
  for (const record of open) {
    const dueOn = deadlineOf(record, calendar, today)?.dueOn ?? null;
    if (dueOn !== record.dueOn) {
      await store.disclosure.setDueOn(record.id, dueOn);
      changed.push({ id: record.number, from: record.dueOn ?? '', to: dueOn ?? '' });
      await store.disclosure.addEvent(record.id, context.now, principalName(context.principal), 'recompute', {
        from: record.dueOn,
        to: dueOn,
        reason: context.reason,
      });
    }
  }
  await audit(store, context.principal, context.now, {
    action: 'disclosure.deadlines-recomputed',
    targetType: 'disclosure-request',
    targetId: '*',
    siteId: null,
    result: 'ok',
    summary: { reason: context.reason, recomputed: open.length, changed },
  });
  return { recomputed: open.length, changed };
}

onCalendarChange('disclosure-requests', recomputeDisclosureDeadlines);

// ---------------------------------------------------------------------------------------------------------
// Who handles

/** Members of the site's handling department (the system too). Everyone else: `GZ_FORBIDDEN`. */
async function requireHandler(
  store: Store,
  principal: Principal,
  siteId: number,
): Promise<DisclosureSettings> {
  const settings = await store.disclosure.settings(siteId);
  if (principal.kind === 'system') return settings;
  if (
    settings.departmentId === null ||
    !(await isDepartmentMember(store, principal, settings.departmentId))
  ) {
    throw new GazetteError('GZ_FORBIDDEN', 'disclosure.handle');
  }
  return settings;
}

async function requireRecord(store: Store, id: number): Promise<DisclosureRecord> {
  const record = await store.disclosure.get(id);
  if (!record) throw new GazetteError('GZ_DISCLOSURE_NOT_FOUND', String(id));
  return record;
}

export interface DisclosureSettingsView extends DisclosureSettings {
  readonly departments: readonly { readonly id: number; readonly name: string }[];
}

export async function readDisclosureSettings(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<DisclosureSettingsView> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  const settings = await deps.store.disclosure.settings(siteId);
  const departments = (await deps.store.departments.listBySite(siteId)).map((d) => ({
    id: d.id,
    name: d.name,
  }));
  return { ...settings, departments };
}

/** Sets the handling department and the retention period (site administrators). Audited. */
export function saveDisclosureSettings(
  deps: AppDeps,
  principal: Principal,
  input: { siteId: number; departmentId: number | null; retentionDays: number },
): Promise<DisclosureSettingsView> {
  if (!Number.isInteger(input.retentionDays) || input.retentionDays < 30 || input.retentionDays > 3650) {
    throw invalid('retentionDays', '个人信息保存期限应为30至3650天');
  }
  return deps.store.transaction(async (store) => {
    await requirePermission(store, principal, 'site.settings', { siteId: input.siteId });
    if (input.departmentId !== null) {
      const department = await store.departments.get(input.departmentId);
      if (!department || department.siteId !== input.siteId)
        throw invalid('departmentId', '请选择本站点的部门');
    }
    const before = await store.disclosure.settings(input.siteId);
    const now = deps.clock.now();
    await store.disclosure.saveSettings(input, now);
    await audit(store, principal, now, {
      action: 'disclosure.settings',
      targetType: 'site',
      targetId: String(input.siteId),
      siteId: input.siteId,
      result: 'ok',
      summary: {
        departmentId: { from: before.departmentId, to: input.departmentId },
        retentionDays: { from: before.retentionDays, to: input.retentionDays },
      },
    });
    const departments = (await store.departments.listBySite(input.siteId)).map((d) => ({
      id: d.id,
      name: d.name,
    }));
    return { ...input, departments };
  });
}

guardDepartmentDeletion(async (store, department) => {
  const settings = await store.disclosure.settings(department.siteId);
  if (settings.departmentId === department.id) {
    throw invalid('id', '该部门正在办理依申请公开，请先在依申请公开设置中更换办理部门');
  }
});

// ---------------------------------------------------------------------------------------------------------
// The inbox

export interface InboxRow {
  readonly id: number;
  readonly number: string;
  readonly state: DisclosureState;
  readonly stateLabel: string;
  readonly requesterKind: RequesterKind;
  readonly organisationType: OrganisationType | null;
  /** The first words of the description. */
  readonly excerpt: string;
  readonly submittedAt: string;
  readonly receivedOn: string | null;
  readonly dueOn: string | null;
  /** 第 N 个工作日. */
  readonly dayNumber: number | null;
  readonly daysLeft: number | null;
  readonly urgency: Urgency | null;
  readonly paused: boolean;
}

/** Open requests first by urgency (overdue, then fewest days left), then those waiting, then the finished. */
const STATE_ORDER: Readonly<Record<DisclosureState, number>> = {
  registered: 0,
  accepted: 0,
  consulting: 0,
  submitted: 1,
  correction: 2,
  answered: 3,
  closed: 4,
};

function openSealed<T>(vault: PersonalDataVault, record: DisclosureRecord): T | null {
  return record.sealed === null ? null : vault.open<T>(record.sealed, sealContext(record.number));
}

export async function listDisclosureInbox(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  filter: { readonly states?: readonly DisclosureState[] } = {},
): Promise<{ items: InboxRow[]; today: string }> {
  await requireHandler(deps.store, principal, siteId);
  const vault = vaultOf(deps);
  const today = todayIn(deps.clock.now());
  const calendar = await loadCalendar(deps.store);
  const records = await deps.store.disclosure.list(siteId, filter.states ?? [], 500);
  const items = records.map((record): InboxRow => {
    const deadline = deadlineOf(record, calendar, today);
    const daysLeft = deadline ? deadline.daysLeft(today) : null;
    const description = openSealed<RequesterData>(vault, record)?.description ?? '';
    return {
      id: record.id,
      number: record.number,
      state: record.state,
      stateLabel: DISCLOSURE_STATE_LABELS[record.state],
      requesterKind: record.requesterKind,
      organisationType: record.organisationType,
      excerpt: [...description].slice(0, 40).join(''),
      submittedAt: record.submittedAt,
      receivedOn: record.receivedOn,
      dueOn: deadline?.dueOn ?? null,
      dayNumber: deadline ? deadline.dayNumber(today) : null,
      daysLeft,
      urgency: deadline && daysLeft !== null ? urgencyOf(daysLeft, deadline.paused) : null,
      paused: deadline?.paused ?? false,
    };
  });
  items.sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
      a.submittedAt.localeCompare(b.submittedAt),
  );
  return { items, today };
}

export interface DisclosureDetail {
  readonly request: Omit<DisclosureRecord, 'queryCodeHash' | 'sealed'>;
  readonly stateLabel: string;
  /** The requester's data; null once purged. */
  readonly requester: RequesterData | null;
  readonly identityFiles: readonly { readonly id: number; readonly mime: string; readonly size: number }[];
  readonly events: readonly DisclosureEvent[];
  readonly deadline: {
    readonly dueOn: string;
    readonly dayNumber: number;
    readonly daysLeft: number;
    readonly urgency: Urgency;
    readonly paused: boolean;
    readonly explanation: DeadlineExplanation;
    readonly text: string;
  } | null;
  readonly steps: readonly DisclosureStep[];
  readonly replyTypeLabel: string | null;
  readonly replyReasonLabel: string | null;
}

/** The record without its query code hash and its sealed part. */
function withoutSecrets(record: DisclosureRecord): DisclosureDetail['request'] {
  const copy: { -readonly [K in keyof DisclosureRecord]?: DisclosureRecord[K] } = { ...record };
  delete copy.queryCodeHash;
  delete copy.sealed;
  return copy as DisclosureDetail['request'];
}

/** One request for its handler, with the requester's data opened. Reading personal data is audited. */
export async function readDisclosureRequest(
  deps: AppDeps,
  principal: Principal,
  id: number,
): Promise<DisclosureDetail> {
  const record = await requireRecord(deps.store, id);
  await requireHandler(deps.store, principal, record.siteId);
  const vault = vaultOf(deps);
  const now = deps.clock.now();
  const today = todayIn(now);
  const deadline = deadlineOf(record, await loadCalendar(deps.store), today);
  const files = await deps.store.disclosure.files(id);
  await deps.store.transaction((store) =>
    audit(store, principal, now, {
      action: 'disclosure.read',
      targetType: 'disclosure-request',
      targetId: record.number,
      siteId: record.siteId,
      result: 'ok',
      summary: {},
    }),
  );
  return {
    request: withoutSecrets(record),
    stateLabel: DISCLOSURE_STATE_LABELS[record.state],
    requester: openSealed<RequesterData>(vault, record),
    identityFiles: files.map((f) => ({ id: f.id, mime: f.mime, size: f.size })),
    events: await deps.store.disclosure.events(id),
    deadline: deadline
      ? {
          dueOn: deadline.dueOn,
          dayNumber: deadline.dayNumber(today),
          daysLeft: deadline.daysLeft(today),
          urgency: urgencyOf(deadline.daysLeft(today), deadline.paused),
          paused: deadline.paused,
          explanation: deadline.explanation,
          text: describeDeadline(deadline),
        }
      : null,
    steps: stepsFrom(record.state),
    replyTypeLabel: record.replyType ? REPLY_TYPE_LABELS[record.replyType] : null,
    replyReasonLabel: record.replyType ? reasonLabel(record.replyType, record.replyReason) : null,
  };
}

/** The identity paper of a request, opened, for its handler. Audited. */
export async function readIdentityFile(
  deps: AppDeps,
  principal: Principal,
  requestId: number,
  fileId: number,
): Promise<{ filename: string; mime: string; bytes: Buffer }> {
  const record = await requireRecord(deps.store, requestId);
  await requireHandler(deps.store, principal, record.siteId);
  const file = (await deps.store.disclosure.files(requestId)).find((f) => f.id === fileId);
  if (!file) throw new GazetteError('GZ_DISCLOSURE_NOT_FOUND', `${requestId}/${fileId}`);
  const opened = vaultOf(deps).open<{ filename: string; base64: string }>(
    file.sealed,
    fileContext(record.number),
  );
  await deps.store.transaction((store) =>
    audit(store, principal, deps.clock.now(), {
      action: 'disclosure.read-identity',
      targetType: 'disclosure-request',
      targetId: record.number,
      siteId: record.siteId,
      result: 'ok',
      summary: { fileId },
    }),
  );
  return { filename: opened.filename, mime: file.mime, bytes: Buffer.from(opened.base64, 'base64') };
}

// ---------------------------------------------------------------------------------------------------------
// Steps

export type DisclosureCommand =
  | { readonly step: 'register'; readonly receivedOn?: string | undefined }
  | { readonly step: 'accept' }
  | { readonly step: 'request-correction'; readonly note: string }
  | { readonly step: 'receive-correction'; readonly receivedOn: string }
  | { readonly step: 'extend'; readonly days: number; readonly reason: string; readonly approverRole: string }
  | { readonly step: 'consult'; readonly on: string; readonly note: string }
  | { readonly step: 'consultation-answered'; readonly on: string; readonly note: string }
  | {
      readonly step: 'review';
      readonly replyType: ReplyType;
      readonly replyReason: string | null;
      readonly replyText: string;
      readonly attachments: readonly ReplyAttachment[];
      readonly conclusion: ReviewConclusion;
      readonly note: string;
    }
  | { readonly step: 'answer' }
  | { readonly step: 'close' };

function dateNotAfterToday(value: string, today: string, field: string): string {
  if (!isIsoDate(value)) throw invalid(field, '日期格式应为 YYYY-MM-DD');
  if (value > today) throw invalid(field, '日期不能晚于今天');
  return value;
}

/** The patch and the event details of a step, or a refusal naming the field. */
function planStep(
  record: DisclosureRecord,
  command: DisclosureCommand,
  settings: DisclosureSettings,
  now: string,
): { patch: DisclosurePatch; details: Record<string, unknown> } {
  const today = todayIn(now);
  switch (command.step) {
    case 'register': {
      const receivedOn = dateNotAfterToday(command.receivedOn ?? today, today, 'receivedOn');
      if (receivedOn < todayIn(record.submittedAt)) throw invalid('receivedOn', '收到日期不能早于提交日期');
      return { patch: { registeredOn: receivedOn, receivedOn }, details: { receivedOn } };
    }
    case 'accept':
      return { patch: {}, details: {} };
    case 'request-correction': {
      const note = cleanBlock(command.note, 'note', '补正告知内容', 2000, true);
      return { patch: {}, details: { note } };
    }
    case 'receive-correction': {
      const receivedOn = dateNotAfterToday(command.receivedOn, today, 'receivedOn');
      // 条例 第三十条: the time limit runs from the day the completed request arrives; a new clock.
      return {
        patch: { receivedOn, pauses: [], extensionDays: 0, extensionReason: '', extensionApprover: '' },
        details: { receivedOn, restarted: true },
      };
    }
    case 'extend': {
      if (record.extensionDays > 0) throw invalid('days', '答复期限只能延长一次');
      if (!Number.isInteger(command.days) || command.days < 1 || command.days > MAX_DISCLOSURE_EXTENSION) {
        throw invalid('days', `延长期限为1至${MAX_DISCLOSURE_EXTENSION}个工作日`);
      }
      const reason = cleanBlock(command.reason, 'reason', '延期理由', 1000, true);
      const approverRole = cleanLine(command.approverRole, 'approverRole', '批准人职务', 50, true);
      return {
        patch: { extensionDays: command.days, extensionReason: reason, extensionApprover: approverRole },
        details: { days: command.days, reason, approverRole },
      };
    }
    case 'consult': {
      const on = dateNotAfterToday(command.on, today, 'on');
      if (record.receivedOn && on < record.receivedOn)
        throw invalid('on', '征求意见日期不能早于收到申请日期');
      const note = cleanBlock(command.note, 'note', '第三方及征求意见事项', 1000, true);
      return { patch: { pauses: [...record.pauses, { from: on, to: null }] }, details: { on, note } };
    }
    case 'consultation-answered': {
      const on = dateNotAfterToday(command.on, today, 'on');
      const open = record.pauses.find((p) => p.to === null);
      if (!open) throw new GazetteError('GZ_DISCLOSURE_STEP', 'no open consultation');
      if (on < open.from) throw invalid('on', '收到意见日期不能早于征求意见日期');
      const note = cleanBlock(command.note, 'note', '第三方意见', 2000, false);
      const pauses: ClockPause[] = record.pauses.map((p) => (p === open ? { from: p.from, to: on } : p));
      return { patch: { pauses }, details: { on, note } };
    }
    case 'review': {
      if (!REPLY_TYPES.includes(command.replyType)) throw invalid('replyType', '请选择答复类型');
      const reason = needsReason(command.replyType) ? command.replyReason : null;
      if (!isValidReason(command.replyType, reason)) {
        throw invalid('replyReason', `“${REPLY_TYPE_LABELS[command.replyType]}”须选择具体理由`);
      }
      const replyText = cleanBlock(command.replyText, 'replyText', '答复内容', 20000, true);
      const attachments = checkAttachments(command.attachments);
      if (command.conclusion !== 'pass' && command.conclusion !== 'fail') {
        throw invalid('conclusion', '请选择保密审查结论');
      }
      const note = cleanBlock(command.note, 'note', '审查意见', 1000, command.conclusion === 'fail');
      const draftRevision = record.draftRevision + 1;
      return {
        patch: {
          draftRevision,
          replyType: command.replyType,
          replyReason: reason,
          replyText,
          replyAttachments: attachments,
          review: { by: '', at: now, conclusion: command.conclusion, note, draftRevision },
        },
        details: { replyType: command.replyType, replyReason: reason, conclusion: command.conclusion, note },
      };
    }
    case 'answer': {
      const review = record.review;
      if (!review || review.conclusion !== 'pass' || review.draftRevision !== record.draftRevision) {
        throw new GazetteError('GZ_DISCLOSURE_STEP', '答复前须对答复内容进行保密审查并通过', {
          field: 'review',
        });
      }
      return {
        patch: { answeredAt: now },
        details: { replyType: record.replyType, replyReason: record.replyReason },
      };
    }
    case 'close': {
      const purgeAfter = addDays(today, settings.retentionDays);
      return { patch: { closedAt: now, purgeAfter }, details: { purgeAfter } };
    }
  }
}

/** Reply attachments are files of the site's media library, named by their URL. */
function checkAttachments(attachments: readonly ReplyAttachment[]): ReplyAttachment[] {
  if (attachments.length > 20) throw invalid('attachments', '附件不超过20个');
  const checked: ReplyAttachment[] = [];
  for (const attachment of attachments) {
    const name = cleanLine(attachment.name, 'attachments', '附件名称', 200, true);
    if (!/^\/media\/[A-Za-z0-9/_.-]{1,300}$/.test(attachment.url)) {
      throw invalid('attachments', '附件须为本站媒体库中的文件');
    }
    checked.push({ name, url: attachment.url });
  }
  return checked;
}

const STEP_LABELS: Readonly<Record<DisclosureStep | 'submit' | 'recompute' | 'purge', string>> = {
  submit: '提交申请',
  register: '登记',
  accept: '受理',
  'request-correction': '告知补正',
  'receive-correction': '收到补正',
  extend: '延期答复',
  consult: '征求第三方意见',
  'consultation-answered': '收到第三方意见',
  review: '保密审查',
  answer: '答复',
  close: '办结',
  recompute: '日历调整，期限重算',
  purge: '个人信息已按期删除',
};

export const disclosureStepLabel = (step: string): string =>
  (STEP_LABELS as Record<string, string>)[step] ?? step;

/**
 * Takes one step on a request, for a member of the handling department: the state changes as the domain allows,
 * the deadline is recomputed, the step is recorded on the request and in the audit log, in one transaction.
 * `version` is the version the handler saw (two handlers acting at once: one wins, the other is told).
 */
export function actOnDisclosureRequest(
  deps: AppDeps,
  principal: Principal,
  id: number,
  version: number,
  command: DisclosureCommand,
): Promise<DisclosureDetail> {
  return deps.store
    .transaction(async (store) => {
      const record = await requireRecord(store, id);
      const settings = await requireHandler(store, principal, record.siteId);
      const next = nextDisclosureState(record.state, command.step);
      if (next === null) {
        throw new GazetteError(
          'GZ_DISCLOSURE_STEP',
          `${disclosureStepLabel(command.step)}：${DISCLOSURE_STATE_LABELS[record.state]}`,
        );
      }
      const now = deps.clock.now();
      const { patch, details } = planStep(record, command, settings, now);
      const actor = principalName(principal);
      const withActor: DisclosurePatch =
        patch.review !== undefined && patch.review !== null
          ? { ...patch, review: { ...patch.review, by: actor } }
          : patch;
      const merged = { ...record, ...withActor, state: next };
      const dueOn = deadlineOf(merged, await loadCalendar(store), todayIn(now))?.dueOn ?? null;
      await store.disclosure.update(id, version, { ...withActor, state: next, dueOn }, now);
      await store.disclosure.addEvent(id, now, actor, command.step, details);
      await audit(store, principal, now, {
        action: `disclosure.${command.step}`,
        targetType: 'disclosure-request',
        targetId: record.number,
        siteId: record.siteId,
        result: 'ok',
        summary: { from: record.state, to: next, ...details, dueOn },
      });
    })
    .then(() => readDisclosureRequest(deps, principal, id));
}

// ---------------------------------------------------------------------------------------------------------
// The requester's look-up

export interface PublicDisclosureStatus {
  readonly number: string;
  readonly stateLabel: string;
  readonly submittedOn: string;
  readonly receivedOn: string | null;
  readonly dueOn: string | null;
  readonly steps: readonly { readonly label: string; readonly on: string }[];
  readonly reply: {
    readonly typeLabel: string;
    readonly reasonLabel: string | null;
    readonly text: string;
    readonly attachments: readonly ReplyAttachment[];
    readonly answeredOn: string;
  } | null;
}

const sameHash = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The status of a request for whoever holds its number and query code: no personal data, the same refusal for
 * a wrong number and a wrong code. Rate limits are the route's.
 */
export async function lookUpDisclosureRequest(
  deps: AppDeps,
  siteId: number,
  number: string,
  queryCode: string,
): Promise<PublicDisclosureStatus> {
  const cleanNumber = number.trim().toUpperCase();
  const record = /^[0-9A-Z]{6,32}$/.test(cleanNumber)
    ? await deps.store.disclosure.getByNumber(cleanNumber)
    : undefined;
  const hash = hashCode(queryCode.trim());
  if (!record || record.siteId !== siteId || !sameHash(record.queryCodeHash, hash)) {
    throw new GazetteError('GZ_DISCLOSURE_LOOKUP', '', { field: 'queryCode' });
  }
  const now = deps.clock.now();
  const today = todayIn(now);
  const deadline = deadlineOf(record, await loadCalendar(deps.store), today);
  const events = await deps.store.disclosure.events(record.id);
  const answered = record.answeredAt !== null && record.replyType !== null;
  return {
    number: record.number,
    stateLabel: DISCLOSURE_STATE_LABELS[record.state],
    submittedOn: todayIn(record.submittedAt),
    receivedOn: record.receivedOn,
    dueOn: deadline?.dueOn ?? null,
    steps: events
      .filter((e) => e.step !== 'review' && e.step !== 'recompute')
      .map((e) => ({ label: disclosureStepLabel(e.step), on: todayIn(e.at) })),
    reply:
      answered && record.replyType
        ? {
            typeLabel: REPLY_TYPE_LABELS[record.replyType],
            reasonLabel: reasonLabel(record.replyType, record.replyReason),
            text: record.replyText,
            attachments: record.replyAttachments,
            answeredOn: todayIn(record.answeredAt ?? now),
          }
        : null,
  };
}

/** The public calculator: the latest reply date for a request sent today, and how it was counted. */
export async function disclosureCalculator(
  deps: AppDeps,
): Promise<{ today: string; dueOn: string; text: string }> {
  const today = todayIn(deps.clock.now());
  const deadline = computeDeadline(
    { receivedOn: today, workingDays: DISCLOSURE_WORKING_DAYS },
    await loadCalendar(deps.store),
  );
  return { today, dueOn: deadline.dueOn, text: describeDeadline(deadline) };
}

// ---------------------------------------------------------------------------------------------------------
// Retention

/** Deletes the personal data and identity papers of requests closed longer ago than the site's retention period. */
export async function purgeDisclosurePersonalData(deps: AppDeps, now: string): Promise<number> {
  const today = todayIn(now);
  const principal = systemPrincipal('retention');
  let purged = 0;
  for (;;) {
    const batch = await deps.store.disclosure.listPurgeable(today, 100);
    if (batch.length === 0) return purged;
    for (const record of batch) {
      await deps.store.transaction(async (store) => {
        await store.disclosure.purge(record.id, now);
        await store.disclosure.addEvent(record.id, now, principalName(principal), 'purge', {});
        await audit(store, principal, now, {
          action: 'disclosure.purge',
          targetType: 'disclosure-request',
          targetId: record.number,
          siteId: record.siteId,
          result: 'ok',
          summary: { closedAt: record.closedAt, purgeAfter: record.purgeAfter },
        });
      });
      purged += 1;
    }
  }
}

registerRetentionPurge({ name: 'disclosure-requests', run: purgeDisclosurePersonalData });
