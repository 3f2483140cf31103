import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  CHANNEL_KINDS,
  computeDeadline,
  DEFAULT_DEADLINE_DAYS,
  describeDeadline,
  formatDate,
  GazetteError,
  INVALID_KINDS,
  isOpenStatus,
  MESSAGE_NUMBER,
  messageNumber,
  normaliseCode,
  overdueMark,
  QUERY_CODE,
  RATINGS,
  base32,
  workingDaysBetween,
  type ChannelKind,
  type Deadline,
  type InvalidKind,
  type OverdueMark,
  type Permission,
  type Principal,
  type Rating,
  type WorkCalendar,
} from '../core/index.js';
import { sensitiveWordRule } from '../check/index.js';
import type { Submission } from './anti-abuse.js';
import { loadCalendar, onCalendarChange } from './calendar.js';
import { afterCommit, type AppDeps } from './deps.js';
import { checkOptionsFor } from './manage-check-terms.js';
import { isDepartmentMember } from './manage-departments.js';
import { registerRetentionPurge } from './personal-data.js';
import type {
  Approval,
  Channel,
  ChannelInput,
  Contact,
  Message,
  MessageEvent,
  MessagePatch,
} from './ports-interact.js';
import type { Store } from './ports.js';
import { audit, permissionsFor, principalName, requirePermission } from './principal.js';

/** Longest subject and text of a letter, in characters. */
export const MESSAGE_LIMITS = { subject: 60, body: 3000, name: 30, address: 100, reply: 10_000 } as const;

// eslint-disable-next-line no-control-regex -- control characters (but line breaks and tabs) are what this removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/g;

/** Text as a person typed it, without control characters; kept as text (escaped wherever it is shown). */
export const cleanText = (text: string): string => text.replace(CONTROL, '').replace(/\r\n?/g, '\n').trim();
export const oneLine = (text: string): string => cleanText(text).replace(/\s+/g, ' ');
/** Characters as people count them (a character outside the BMP is one). */
export const length = (text: string): number => [...text].length;

const invalid = (field: string, detail: string) => new GazetteError('GZ_INVALID_INPUT', detail, { field });

const hashOf = (number: string, code: string): string =>
  createHash('sha256').update(`${number}:${code}`).digest('hex');

// ---------------------------------------------------------------------------------------------- channels

export interface ChannelCommand {
  readonly siteId: number;
  readonly kind: ChannelKind;
  readonly name: string;
  readonly intro?: string | undefined;
  readonly departmentId: number;
  readonly columnId: number;
  readonly deadlineDays?: number | undefined;
  readonly allowPublic?: boolean | undefined;
  readonly fields?: { readonly [K in keyof Channel['fields']]?: boolean | undefined } | undefined;
  readonly enabled?: boolean | undefined;
}

async function cleanChannel(store: Store, command: ChannelCommand): Promise<ChannelInput> {
  if (!CHANNEL_KINDS.includes(command.kind)) throw invalid('kind', `one of ${CHANNEL_KINDS.join(', ')}`);
  const name = oneLine(command.name);
  if (length(name) < 2 || length(name) > 20) throw invalid('name', 'a channel name has 2 to 20 characters');
  const department = await store.departments.get(command.departmentId);
  if (!department || department.siteId !== command.siteId) {
    throw new GazetteError('GZ_DEPARTMENT_NOT_FOUND', String(command.departmentId), {
      field: 'departmentId',
    });
  }
  const column = await store.columns.get(command.columnId);
  if (!column || column.siteId !== command.siteId) {
    throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(command.columnId), { field: 'columnId' });
  }
  const deadlineDays = command.deadlineDays ?? DEFAULT_DEADLINE_DAYS[command.kind];
  if (!Number.isInteger(deadlineDays) || deadlineDays < 1 || deadlineDays > 60) {
    throw invalid('deadlineDays', 'a reply deadline is 1 to 60 working days');
  }
  const intro = cleanText(command.intro ?? '');
  if (length(intro) > 500) throw invalid('intro', 'an introduction has at most 500 characters');
  return {
    siteId: command.siteId,
    kind: command.kind,
    name,
    intro,
    departmentId: command.departmentId,
    columnId: command.columnId,
    deadlineDays,
    allowPublic: command.allowPublic ?? true,
    fields: {
      phone: command.fields?.phone ?? true,
      email: command.fields?.email ?? true,
      address: command.fields?.address ?? false,
    },
    enabled: command.enabled ?? true,
  };
}

/** A site's channels; anyone may list the enabled ones (the public form), managers see all. */
export async function listChannels(deps: AppDeps, siteId: number): Promise<Channel[]> {
  return deps.store.interact.listChannels(siteId);
}

/** Every channel of a site, enabled or not, for those who manage the site's settings. */
export async function manageChannels(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<Channel[]> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  return deps.store.interact.listChannels(siteId);
}

export function createChannel(
  deps: AppDeps,
  principal: Principal,
  command: ChannelCommand,
): Promise<Channel> {
  return afterCommit(deps, async (store) => {
    await requirePermission(store, principal, 'site.settings', { siteId: command.siteId });
    const now = deps.clock.now();
    const channel = await store.interact.createChannel(await cleanChannel(store, command), now);
    await audit(store, principal, now, {
      action: 'interact.channel.create',
      targetType: 'interact-channel',
      targetId: String(channel.id),
      siteId: channel.siteId,
      result: 'ok',
      summary: { name: channel.name, kind: channel.kind, deadlineDays: channel.deadlineDays },
    });
    return channel;
  });
}

export function updateChannel(
  deps: AppDeps,
  principal: Principal,
  id: number,
  command: Omit<ChannelCommand, 'siteId'>,
): Promise<Channel> {
  return afterCommit(deps, async (store) => {
    const existing = await store.interact.getChannel(id);
    if (!existing) throw new GazetteError('GZ_CHANNEL_NOT_FOUND', String(id));
    await requirePermission(store, principal, 'site.settings', { siteId: existing.siteId });
    const now = deps.clock.now();
    const channel = await store.interact.updateChannel(
      id,
      await cleanChannel(store, { ...command, siteId: existing.siteId }),
      now,
    );
    await audit(store, principal, now, {
      action: 'interact.channel.update',
      targetType: 'interact-channel',
      targetId: String(id),
      siteId: channel.siteId,
      result: 'ok',
      summary: { name: channel.name, deadlineDays: channel.deadlineDays, enabled: channel.enabled },
    });
    return channel;
  });
}

/** Days after closing a letter that its writer's contact data is kept (the site's setting). */
export function setRetentionDays(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  retentionDays: number,
): Promise<void> {
  if (!Number.isInteger(retentionDays) || retentionDays < 30 || retentionDays > 3650) {
    throw invalid('retentionDays', 'keep contact data 30 to 3650 days');
  }
  return afterCommit(deps, async (store) => {
    await requirePermission(store, principal, 'site.settings', { siteId });
    await store.interact.setSettings({ siteId, retentionDays });
    await audit(store, principal, deps.clock.now(), {
      action: 'interact.settings',
      targetType: 'site',
      targetId: String(siteId),
      siteId,
      result: 'ok',
      summary: { retentionDays },
    });
  });
}

// ---------------------------------------------------------------------------------------------- the public form

export interface LetterForm {
  readonly name: string;
  readonly phone: string;
  readonly email: string;
  readonly address: string;
  readonly subject: string;
  readonly body: string;
  readonly wantsPublic: boolean;
  readonly consent: boolean;
}

export interface LetterReceipt {
  readonly number: string;
  /** Shown once: only its hash is kept. */
  readonly code: string;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly held: boolean;
}

/** What the public forms accept as a phone number and as an email address. */
export const PHONE = /^[0-9+()\- ]{5,20}$/;
export const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

function cleanLetter(form: LetterForm): { contact: Contact; subject: string; body: string } {
  const name = oneLine(form.name);
  const phone = oneLine(form.phone);
  const email = oneLine(form.email).toLowerCase();
  const address = oneLine(form.address);
  const subject = oneLine(form.subject);
  const body = cleanText(form.body);
  if (length(body) > MESSAGE_LIMITS.body) {
    throw new GazetteError('GZ_PAYLOAD_TOO_LARGE', `at most ${MESSAGE_LIMITS.body} characters`, {
      field: 'body',
    });
  }
  if (length(name) > MESSAGE_LIMITS.name)
    throw invalid('name', `a name has at most ${MESSAGE_LIMITS.name} characters`);
  if (phone !== '' && !PHONE.test(phone)) throw invalid('phone', 'a phone number has 5 to 20 digits');
  if (email !== '' && (email.length > 100 || !EMAIL.test(email)))
    throw invalid('email', 'not an email address');
  if (phone === '' && email === '') throw invalid('phone', 'leave a phone number or an email address');
  if (length(address) > MESSAGE_LIMITS.address)
    throw invalid('address', 'an address has at most 100 characters');
  if (length(subject) < 2 || length(subject) > MESSAGE_LIMITS.subject) {
    throw invalid('subject', `a subject has 2 to ${MESSAGE_LIMITS.subject} characters`);
  }
  if (length(body) < 5) throw invalid('body', 'the letter needs at least 5 characters');
  if (form.wantsPublic && !form.consent) throw invalid('consent', 'publication needs your consent');
  return { contact: { name, phone, email, address }, subject, body };
}

/**
 * A letter from the public form: the anti-abuse checks (challenge, honeypot, rate limits), the content checks
 * (a letter with sensitive words is held for a person, never dropped), the deadline on the working-day
 * calendar, the contact data sealed. Returns the 留言编号 and the 查询码 (shown once).
 */
export async function submitLetter(
  deps: AppDeps,
  channelId: number,
  form: LetterForm,
  guard: Submission,
): Promise<LetterReceipt> {
  if (!deps.antiAbuse) throw new GazetteError('GZ_SERVER_BUSY', 'no anti-abuse guard');
  if (!deps.personalData) throw new GazetteError('GZ_PERSONAL_DATA_KEY', 'no personal-data vault');
  // The form's own checks first (a mistake costs no turn), then the guard before any database read, so that a
  // flood from one address is refused from memory.
  const cleaned = cleanLetter(form);
  await deps.antiAbuse.admit({ ...guard, bucket: `interact:${channelId}` });
  const channel = await deps.store.interact.getChannel(channelId);
  if (!channel || !channel.enabled) throw new GazetteError('GZ_CHANNEL_NOT_FOUND', String(channelId));
  const now = deps.clock.now();
  const receivedOn = formatDate(now);
  const site = await deps.store.sites.get(channel.siteId);
  const options = await checkOptionsFor(deps.store, site, now);
  const findings = [
    ...sensitiveWordRule.scan(cleaned.subject, options),
    ...sensitiveWordRule.scan(cleaned.body, options),
  ];
  const calendar = await loadCalendar(deps.store);
  const deadline = computeDeadline({ receivedOn, workingDays: channel.deadlineDays }, calendar);
  const code = base32(randomBytes(10));
  const vault = deps.personalData;
  return afterCommit(deps, async (store) => {
    // A number taken already (one in a billion a day) gets a new one.
    let number = messageNumber(receivedOn, randomBytes(6));
    while (await store.interact.getMessageByNumber(number))
      number = messageNumber(receivedOn, randomBytes(6));
    const held = findings.length > 0;
    const message = await store.interact.addMessage(
      {
        siteId: channel.siteId,
        channelId: channel.id,
        number,
        codeHash: hashOf(number, code),
        subject: cleaned.subject,
        body: cleaned.body,
        wantsPublic: channel.allowPublic && form.wantsPublic && form.consent,
        contactSealed: vault.seal(cleaned.contact, `interact:${number}`),
        hasEmail: cleaned.contact.email !== '',
        held,
        heldReason: held ? findings.map((f) => f.excerpt).join('、') : '',
        attachments: [],
        departmentId: channel.departmentId,
        receivedAt: now,
        receivedOn,
        deadlineDays: channel.deadlineDays,
        dueOn: deadline.dueOn,
      },
      now,
    );
    await store.interact.addEvent({
      messageId: message.id,
      at: now,
      actorId: null,
      actorName: '留言人',
      action: 'received',
      note: held ? '内容检查发现敏感词，待人工处理' : '',
    });
    await store.audit.append(
      {
        action: 'interact.message.receive',
        targetType: 'interact-message',
        targetId: String(message.id),
        siteId: channel.siteId,
        result: 'ok',
        actorId: null,
        actorName: 'public',
        ip: '',
        summary: { number, channel: channel.name, held },
      },
      now,
    );
    return { number, code, receivedOn, dueOn: deadline.dueOn, held };
  });
}

/** What the writer sees with the 留言编号 and 查询码: the letter, where it stands, and the reply once published. */
export interface LetterStatus {
  readonly number: string;
  readonly channelName: string;
  readonly subject: string;
  readonly body: string;
  readonly status: Message['status'];
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly answered: boolean;
  readonly replyText: string;
  readonly replyDepartment: string;
  readonly answeredOn: string | null;
  readonly invalidReason: string;
  readonly rating: Rating | null;
  readonly published: boolean;
}

/** Look-ups one address may make in 10 minutes: enough for a person, too few to guess a 查询码. */
export const LOOKUP_LIMIT = { limit: 30, windowSeconds: 600 } as const;

async function findByCode(deps: AppDeps, number: string, code: string, address: string): Promise<Message> {
  if (deps.antiAbuse) await deps.antiAbuse.limit(`lookup:${address}`, LOOKUP_LIMIT);
  const wanted = normaliseCode(number);
  const given = normaliseCode(code);
  const message =
    MESSAGE_NUMBER.test(wanted) && QUERY_CODE.test(given)
      ? await deps.store.interact.getMessageByNumber(wanted)
      : undefined;
  // The same answer for an unknown number and a wrong code: neither tells whether the number exists.
  const expected = Buffer.from(message?.codeHash ?? '0'.repeat(64), 'hex');
  const actual = Buffer.from(hashOf(wanted, given), 'hex');
  if (!message || !timingSafeEqual(expected, actual)) throw new GazetteError('GZ_MESSAGE_LOOKUP');
  return message;
}

export async function lookupLetter(
  deps: AppDeps,
  number: string,
  code: string,
  address: string,
): Promise<LetterStatus> {
  const message = await findByCode(deps, number, code, address);
  const channel = await deps.store.interact.getChannel(message.channelId);
  const answered = message.status === 'answered';
  return {
    number: message.number,
    channelName: channel?.name ?? '',
    subject: message.subject,
    body: message.body,
    status: message.status,
    receivedOn: message.receivedOn,
    dueOn: message.dueOn,
    answered,
    replyText: answered ? message.replyText : '',
    replyDepartment: answered ? message.replyDepartment : '',
    answeredOn: message.answeredOn,
    invalidReason: message.status === 'invalid' ? message.invalidReason : '',
    rating: message.rating,
    published: message.published,
  };
}

/** The writer rates the reply (满意 / 基本满意 / 不满意), once it is answered; a later rating replaces it. */
export async function rateLetter(
  deps: AppDeps,
  number: string,
  code: string,
  rating: Rating,
  address: string,
): Promise<LetterStatus> {
  if (!RATINGS.includes(rating)) throw invalid('rating', `one of ${RATINGS.join(', ')}`);
  const message = await findByCode(deps, number, code, address);
  if (message.status !== 'answered') throw new GazetteError('GZ_MESSAGE_STEP', 'not answered yet');
  await afterCommit(deps, async (store) => {
    const now = deps.clock.now();
    if (!(await store.interact.updateMessage(message.id, message.version, { rating, ratedAt: now }, now))) {
      throw new GazetteError('GZ_MESSAGE_CHANGED');
    }
    await store.interact.addEvent({
      messageId: message.id,
      at: now,
      actorId: null,
      actorName: '留言人',
      action: 'rated',
      note: rating,
    });
  });
  return lookupLetter(deps, number, code, address);
}

// ---------------------------------------------------------------------------------------------- handling

/** Who may do what to one letter: handle (department member), review at its level, publish, manage the site. */
interface Abilities {
  readonly handle: boolean;
  readonly review: boolean;
  readonly publish: boolean;
  readonly manage: boolean;
  /** Reviews or publishes the channel's column at some level: may follow a reply in review and after. */
  readonly oversee: boolean;
}

async function abilitiesOn(store: Store, principal: Principal, message: Message): Promise<Abilities> {
  const channel = await store.interact.getChannel(message.channelId);
  const permissions = await permissionsFor(store, principal, {
    siteId: message.siteId,
    columnId: channel?.columnId ?? null,
  });
  const has = (permission: Permission) => permissions === 'all' || permissions.has(permission);
  return {
    handle: await isDepartmentMember(store, principal, message.departmentId),
    review:
      message.status === 'reviewing' &&
      message.reviewLevel >= 1 &&
      message.reviewLevel <= 3 &&
      has(`article.review-${message.reviewLevel}` as Permission),
    publish: has('article.publish'),
    manage: has('site.settings'),
    oversee: (['article.review-1', 'article.review-2', 'article.review-3', 'article.publish'] as const).some(
      has,
    ),
  };
}

async function loadMessage(store: Store, id: number): Promise<Message> {
  const message = await store.interact.getMessage(id);
  if (!message) throw new GazetteError('GZ_MESSAGE_NOT_FOUND', String(id));
  return message;
}

export interface DeadlineView {
  readonly dueOn: string;
  readonly dayNumber: number;
  readonly daysLeft: number;
  readonly mark: OverdueMark;
  /** How the due date was computed, in one paragraph. */
  readonly explanation: string;
  readonly holidays: readonly { readonly date: string; readonly name: string }[];
  readonly adjustedWorkdays: readonly { readonly date: string; readonly name: string }[];
}

function deadlineOf(
  message: Message,
  calendar: WorkCalendar,
  today: string,
): { deadline: Deadline; view: DeadlineView } {
  const deadline = computeDeadline(
    { receivedOn: message.receivedOn, workingDays: message.deadlineDays },
    calendar,
  );
  const daysLeft = deadline.daysLeft(today);
  return {
    deadline,
    view: {
      dueOn: deadline.dueOn,
      dayNumber: deadline.dayNumber(today),
      daysLeft,
      mark: isOpenStatus(message.status) ? overdueMark(message.receivedOn, today, daysLeft) : 'ok',
      explanation: describeDeadline(deadline),
      holidays: deadline.explanation.holidays.map((d) => ({ date: d.date, name: d.name })),
      adjustedWorkdays: deadline.explanation.adjustedWorkdays.map((d) => ({ date: d.date, name: d.name })),
    },
  };
}

/** A letter as the admin lists it (no contact data). */
export interface InboxItem {
  readonly id: number;
  readonly number: string;
  readonly channelId: number;
  readonly channelName: string;
  readonly subject: string;
  readonly status: Message['status'];
  readonly held: boolean;
  readonly departmentId: number;
  readonly assigneeId: number | null;
  readonly receivedOn: string;
  readonly deadline: DeadlineView;
  readonly version: number;
}

export interface Inbox {
  readonly items: readonly InboxItem[];
  readonly counts: Readonly<Record<Message['status'] | 'overdue' | 'dueSoon' | 'held', number>>;
}

export interface InboxFilter {
  readonly siteId: number;
  readonly departmentId?: number;
  readonly channelId?: number;
  readonly status?: Message['status'];
  /** Only letters overdue or due within 3 working days. */
  readonly urgent?: boolean;
}

/**
 * The handling inbox: the letters of the departments the principal belongs to, and those whose reply waits
 * for a review level or a publication the principal may give; a site manager sees every letter of the site
 * (never the contact data). Sorted by urgency: fewest working days left first.
 */
export async function listInbox(deps: AppDeps, principal: Principal, filter: InboxFilter): Promise<Inbox> {
  const { store } = deps;
  const all = await store.interact.listMessages({
    siteId: filter.siteId,
    ...(filter.channelId !== undefined ? { channelId: filter.channelId } : {}),
    limit: 5000,
  });
  const channels = new Map((await store.interact.listChannels(filter.siteId)).map((c) => [c.id, c]));
  const calendar = await loadCalendar(store);
  const today = formatDate(deps.clock.now());
  const visible: InboxItem[] = [];
  for (const message of all) {
    const can = await abilitiesOn(store, principal, message);
    const reviewing =
      (message.status === 'reviewing' && can.review) || (message.status === 'approved' && can.publish);
    if (!can.handle && !can.manage && !reviewing) continue;
    if (filter.departmentId !== undefined && message.departmentId !== filter.departmentId) continue;
    visible.push({
      id: message.id,
      number: message.number,
      channelId: message.channelId,
      channelName: channels.get(message.channelId)?.name ?? '',
      subject: message.subject,
      status: message.status,
      held: message.held,
      departmentId: message.departmentId,
      assigneeId: message.assigneeId,
      receivedOn: message.receivedOn,
      deadline: deadlineOf(message, calendar, today).view,
      version: message.version,
    });
  }
  if (
    visible.length === 0 &&
    principal.kind === 'user' &&
    !(await canSeeSite(store, principal, filter.siteId))
  ) {
    throw new GazetteError('GZ_FORBIDDEN', 'interact inbox');
  }
  const counts = {
    received: 0,
    drafted: 0,
    reviewing: 0,
    approved: 0,
    answered: 0,
    invalid: 0,
    overdue: 0,
    dueSoon: 0,
    held: 0,
  };
  for (const item of visible) {
    counts[item.status] += 1;
    if (item.held) counts.held += 1;
    if (isOpenStatus(item.status) && item.deadline.daysLeft < 0) counts.overdue += 1;
    else if (isOpenStatus(item.status) && item.deadline.daysLeft <= 3) counts.dueSoon += 1;
  }
  const items = visible
    .filter((item) => filter.status === undefined || item.status === filter.status)
    .filter((item) => !filter.urgent || (isOpenStatus(item.status) && item.deadline.daysLeft <= 3))
    .sort((a, b) => {
      const open = Number(isOpenStatus(b.status)) - Number(isOpenStatus(a.status));
      return open !== 0 ? open : a.deadline.daysLeft - b.deadline.daysLeft || a.id - b.id;
    });
  return { items, counts };
}

/** Anyone with a role on the site, or a member of one of its departments, may open its inbox (maybe empty). */
async function canSeeSite(store: Store, principal: Principal, siteId: number): Promise<boolean> {
  if (principal.kind === 'system') return true;
  if (principal.user.grants.some((g) => g.siteId === siteId)) return true;
  return (await store.departments.listForUser(siteId, principal.user.id)).length > 0;
}

export interface LetterDetail extends InboxItem {
  readonly body: string;
  readonly heldReason: string;
  /** Only for those who handle the letter; null for reviewers, publishers and managers. */
  readonly contact: Contact | null;
  readonly contactPurged: boolean;
  readonly wantsPublic: boolean;
  readonly replyText: string;
  readonly replyByName: string;
  readonly replyDepartment: string;
  readonly reviewLevel: number;
  readonly reviewLevels: number;
  readonly approvals: readonly Approval[];
  readonly answeredOn: string | null;
  readonly workingDaysTaken: number | null;
  readonly published: boolean;
  readonly invalidKind: InvalidKind | null;
  readonly invalidReason: string;
  readonly rating: Rating | null;
  readonly events: readonly MessageEvent[];
  readonly can: Abilities;
}

/**
 * One letter for the admin. Opening the contact data is itself audited (who saw whose data, when), and only
 * the handling department's members see it.
 */
export async function readLetter(deps: AppDeps, principal: Principal, id: number): Promise<LetterDetail> {
  const { store } = deps;
  const message = await loadMessage(store, id);
  const can = await abilitiesOn(store, principal, message);
  const inReview =
    message.status === 'reviewing' || message.status === 'approved' || message.status === 'answered';
  if (!can.handle && !can.manage && !(can.oversee && inReview)) {
    throw new GazetteError('GZ_MESSAGE_NOT_FOUND', String(id));
  }
  const channel = await store.interact.getChannel(message.channelId);
  const column = channel ? await store.columns.get(channel.columnId) : undefined;
  const calendar = await loadCalendar(store);
  const today = formatDate(deps.clock.now());
  let contact: Contact | null = null;
  if (can.handle && message.contactSealed !== '' && deps.personalData) {
    contact = deps.personalData.open<Contact>(message.contactSealed, `interact:${message.number}`);
    await afterCommit(deps, (tx) =>
      audit(tx, principal, deps.clock.now(), {
        action: 'interact.contact.read',
        targetType: 'interact-message',
        targetId: String(message.id),
        siteId: message.siteId,
        result: 'ok',
        summary: { number: message.number },
      }),
    );
  }
  return {
    id: message.id,
    number: message.number,
    channelId: message.channelId,
    channelName: channel?.name ?? '',
    subject: message.subject,
    status: message.status,
    held: message.held,
    departmentId: message.departmentId,
    assigneeId: message.assigneeId,
    receivedOn: message.receivedOn,
    deadline: deadlineOf(message, calendar, today).view,
    version: message.version,
    body: message.body,
    heldReason: message.heldReason,
    contact,
    contactPurged: message.contactPurgedAt !== null,
    wantsPublic: message.wantsPublic,
    replyText: message.replyText,
    replyByName: message.replyByName,
    replyDepartment: message.replyDepartment,
    reviewLevel: message.reviewLevel,
    reviewLevels: column?.reviewLevels ?? 1,
    approvals: message.approvals,
    answeredOn: message.answeredOn,
    workingDaysTaken: message.workingDaysTaken,
    published: message.published,
    invalidKind: message.invalidKind,
    invalidReason: message.invalidReason,
    rating: message.rating,
    events: await store.interact.listEvents(message.id),
    can,
  };
}

export type HandlingCommand =
  | { readonly type: 'assign'; readonly userId: number }
  | { readonly type: 'transfer'; readonly departmentId: number; readonly note: string }
  | { readonly type: 'note'; readonly note: string }
  | { readonly type: 'draft'; readonly replyText: string }
  | { readonly type: 'submit' }
  | { readonly type: 'approve' }
  | { readonly type: 'reject'; readonly note: string }
  | { readonly type: 'publish'; readonly showOnSite?: boolean | undefined }
  | { readonly type: 'invalid'; readonly kind: InvalidKind; readonly reason: string };

const ACTION_LABELS: Readonly<Record<HandlingCommand['type'], string>> = {
  assign: '分派',
  transfer: '转办',
  note: '会商意见',
  draft: '拟写答复',
  submit: '提交审核',
  approve: '审核通过',
  reject: '退回修改',
  publish: '发布答复',
  invalid: '标为无效',
};

/**
 * One step of the handling, in one transaction guarded by the letter's version: two people replying to the
 * same letter at once — one wins, the other gets `GZ_MESSAGE_CHANGED` and reloads. Every step is audited and
 * kept in the letter's history. Publishing the reply notifies the writer by email when they left an address
 * and the installation configured SMTP. Returns the letter as the principal now sees it, or null when the
 * step took it out of their sight (a transfer to another department).
 */
export async function handleLetter(
  deps: AppDeps,
  principal: Principal,
  id: number,
  expectedVersion: number,
  command: HandlingCommand,
): Promise<LetterDetail | null> {
  const published = await afterCommit(deps, async (store) => {
    const message = await loadMessage(store, id);
    const can = await abilitiesOn(store, principal, message);
    const channel = await store.interact.getChannel(message.channelId);
    const column = channel ? await store.columns.get(channel.columnId) : undefined;
    const levels = column?.reviewLevels ?? 1;
    const now = deps.clock.now();
    const actorId = principal.kind === 'user' ? principal.user.id : null;
    const step = (ok: boolean, detail: string) => {
      if (!ok) throw new GazetteError('GZ_MESSAGE_STEP', detail);
    };
    const forbidden = (ok: boolean, detail: string) => {
      if (!ok) throw new GazetteError('GZ_FORBIDDEN', detail);
    };
    if (message.version !== expectedVersion) throw new GazetteError('GZ_MESSAGE_CHANGED');
    let patch: MessagePatch = {};
    let note = '';
    switch (command.type) {
      case 'assign': {
        forbidden(can.handle, 'not in the handling department');
        step(isOpenStatus(message.status), 'closed');
        const department = await store.departments.get(message.departmentId);
        if (!department?.memberIds.includes(command.userId)) {
          throw invalid('userId', 'assign to a member of the handling department');
        }
        patch = { assigneeId: command.userId };
        note = `分派给 ${(await store.users.get(command.userId))?.username ?? command.userId}`;
        break;
      }
      case 'transfer': {
        forbidden(can.handle || can.manage, 'not in the handling department');
        step(message.status === 'received' || message.status === 'drafted', 'only before review');
        const target = await store.departments.get(command.departmentId);
        if (!target || target.siteId !== message.siteId) {
          throw new GazetteError('GZ_DEPARTMENT_NOT_FOUND', String(command.departmentId), {
            field: 'departmentId',
          });
        }
        note = oneLine(command.note);
        if (length(note) < 2) throw invalid('note', 'a transfer needs a note for the receiving department');
        patch = { departmentId: target.id, assigneeId: null };
        note = `转办至 ${target.name}：${note}`;
        break;
      }
      case 'note': {
        forbidden(can.handle || can.review || can.manage, 'not involved in this letter');
        note = cleanText(command.note);
        if (length(note) < 1 || length(note) > 2000) throw invalid('note', 'a note has 1 to 2000 characters');
        break;
      }
      case 'draft': {
        forbidden(can.handle, 'not in the handling department');
        step(
          message.status === 'received' || message.status === 'drafted',
          'the reply is in review or published',
        );
        const replyText = cleanText(command.replyText);
        if (length(replyText) < 2 || length(replyText) > MESSAGE_LIMITS.reply) {
          throw invalid('replyText', `a reply has 2 to ${MESSAGE_LIMITS.reply} characters`);
        }
        const department = await store.departments.get(message.departmentId);
        patch = {
          status: 'drafted',
          replyText,
          replyById: actorId,
          replyByName: principalName(principal),
          replyDepartment: department?.name ?? '',
        };
        break;
      }
      case 'submit': {
        forbidden(can.handle, 'not in the handling department');
        step(message.status === 'drafted' && message.replyText !== '', 'draft a reply first');
        patch = { status: 'reviewing', reviewLevel: 1, approvals: [] };
        break;
      }
      case 'approve': {
        step(message.status === 'reviewing', 'not in review');
        forbidden(can.review, `article.review-${message.reviewLevel}`);
        // Nobody approves their own reply, nor two levels of the same one.
        if (
          actorId !== null &&
          (message.replyById === actorId || message.approvals.some((a) => a.userId === actorId))
        ) {
          throw new GazetteError('GZ_OWN_ARTICLE', 'own reply or a level already given');
        }
        const approvals = [
          ...message.approvals,
          { level: message.reviewLevel, userId: actorId, name: principalName(principal), at: now },
        ];
        patch =
          message.reviewLevel >= levels
            ? { status: 'approved', reviewLevel: levels, approvals }
            : { reviewLevel: message.reviewLevel + 1, approvals };
        note = `第${message.reviewLevel}级审核通过`;
        break;
      }
      case 'reject': {
        step(message.status === 'reviewing' || message.status === 'approved', 'not in review');
        forbidden(
          can.review || (message.status === 'approved' && can.publish),
          'not a reviewer of this level',
        );
        note = cleanText(command.note);
        if (length(note) < 2)
          throw new GazetteError('GZ_REASON_REQUIRED', 'a rejection needs a comment', { field: 'note' });
        patch = { status: 'drafted', reviewLevel: 0, approvals: [] };
        break;
      }
      case 'publish': {
        step(message.status === 'approved', 'the reply has not passed review');
        forbidden(can.publish, 'article.publish');
        if (
          actorId !== null &&
          message.replyById === actorId &&
          levels === 1 &&
          message.approvals.length < 1
        ) {
          throw new GazetteError('GZ_OWN_ARTICLE', 'a second person publishes');
        }
        const answeredOn = formatDate(now);
        const calendar = await loadCalendar(store);
        patch = {
          status: 'answered',
          answeredAt: now,
          answeredOn,
          workingDaysTaken: workingDaysBetween(calendar, message.receivedOn, answeredOn),
          published: (command.showOnSite ?? true) && message.wantsPublic && !message.held,
        };
        break;
      }
      case 'invalid': {
        forbidden(can.handle || can.manage, 'not in the handling department');
        step(isOpenStatus(message.status), 'closed');
        if (!INVALID_KINDS.includes(command.kind))
          throw invalid('kind', `one of ${INVALID_KINDS.join(', ')}`);
        const reason = cleanText(command.reason);
        if (length(reason) < 2 || length(reason) > 500) {
          throw new GazetteError('GZ_REASON_REQUIRED', 'marking a letter invalid needs a reason', {
            field: 'reason',
          });
        }
        patch = { status: 'invalid', invalidKind: command.kind, invalidReason: reason };
        note = reason;
        break;
      }
    }
    if (!(await store.interact.updateMessage(message.id, expectedVersion, patch, now))) {
      throw new GazetteError('GZ_MESSAGE_CHANGED');
    }
    await store.interact.addEvent({
      messageId: message.id,
      at: now,
      actorId,
      actorName: principalName(principal),
      action: command.type,
      note: note || ACTION_LABELS[command.type],
    });
    await audit(store, principal, now, {
      action: `interact.message.${command.type}`,
      targetType: 'interact-message',
      targetId: String(message.id),
      siteId: message.siteId,
      result: 'ok',
      summary: { number: message.number, status: patch.status ?? message.status, note: note.slice(0, 200) },
    });
    return command.type === 'publish' ? message : null;
  });
  if (published) await notifyWriter(deps, published);
  try {
    return await readLetter(deps, principal, id);
  } catch (error) {
    if (error instanceof GazetteError && error.code === 'GZ_MESSAGE_NOT_FOUND') return null;
    throw error;
  }
}

/** The reply notice to the writer's email, when they left one and SMTP is configured; recorded in the history. */
async function notifyWriter(deps: AppDeps, message: Message): Promise<void> {
  if (!message.hasEmail || !deps.mailer?.configured || !deps.personalData || message.contactSealed === '')
    return;
  const contact = deps.personalData.open<Contact>(message.contactSealed, `interact:${message.number}`);
  const site = await deps.store.sites.get(message.siteId);
  let note = '已发送答复通知邮件';
  try {
    await deps.mailer.send({
      to: contact.email,
      subject: `您的留言已答复（留言编号 ${message.number}）`,
      text: [
        `您好：`,
        ``,
        `您于 ${message.receivedOn} 提交的留言“${message.subject}”已有答复。`,
        `请使用留言编号 ${message.number} 和您的查询码在 ${site?.baseUrl ?? ''}/hudong/query 查看答复并评价。`,
        ``,
        site?.name ?? '',
      ].join('\n'),
    });
  } catch (error) {
    note = `答复通知邮件发送失败：${error instanceof Error ? error.message.slice(0, 200) : 'error'}`;
  }
  await deps.store.interact.addEvent({
    messageId: message.id,
    at: deps.clock.now(),
    actorId: null,
    actorName: 'system:mail',
    action: 'notified',
    note,
  });
}

/** Where the installation's notifications stand, for the admin (SMTP configured or not). */
export function mailStatus(deps: AppDeps): { configured: boolean; description: string } {
  return {
    configured: deps.mailer?.configured ?? false,
    description: deps.mailer?.description ?? '未配置发信服务器（GAZETTE_SMTP_URL），不发送邮件',
  };
}

// ---------------------------------------------------------------------------------------------- the platform view

export interface OverdueItem {
  readonly id: number;
  readonly number: string;
  readonly channelName: string;
  readonly subject: string;
  readonly departmentId: number;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly daysLeft: number;
  readonly calendarDays: number;
  readonly mark: OverdueMark;
}

/**
 * Every open letter of the site past its due date, flagged at 60 calendar days without a reply and failing at
 * three months (the inspection's veto line), oldest first. For the site's managers.
 */
export async function listOverdue(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<OverdueItem[]> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  const calendar = await loadCalendar(deps.store);
  const today = formatDate(deps.clock.now());
  const channels = new Map((await deps.store.interact.listChannels(siteId)).map((c) => [c.id, c]));
  const open = await deps.store.interact.listMessages({
    siteId,
    statuses: ['received', 'drafted', 'reviewing', 'approved'],
    limit: 10_000,
  });
  return open
    .map((message) => {
      const { view } = deadlineOf(message, calendar, today);
      return {
        id: message.id,
        number: message.number,
        channelName: channels.get(message.channelId)?.name ?? '',
        subject: message.subject,
        departmentId: message.departmentId,
        receivedOn: message.receivedOn,
        dueOn: view.dueOn,
        daysLeft: view.daysLeft,
        calendarDays: Math.round((Date.parse(today) - Date.parse(message.receivedOn)) / 86_400_000),
        mark: view.mark,
      };
    })
    .filter((item) => item.daysLeft < 0 || item.mark === 'flag' || item.mark === 'fail')
    .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id - b.id);
}

// ---------------------------------------------------------------------------------------------- calendar and retention

onCalendarChange('interact', async (store, calendar, context) => {
  const changed: { id: string; from: string; to: string }[] = [];
  const open = await store.interact.listOpen();
  for (const message of open) {
    const dueOn = computeDeadline(
      { receivedOn: message.receivedOn, workingDays: message.deadlineDays },
      calendar,
    ).dueOn;
    if (dueOn === message.dueOn) continue;
    await store.interact.updateMessage(message.id, message.version, { dueOn }, context.now);
    changed.push({ id: message.number, from: message.dueOn, to: dueOn });
  }
  if (changed.length > 0) {
    await audit(store, context.principal, context.now, {
      action: 'interact.deadlines.recompute',
      targetType: 'interact-message',
      targetId: '*',
      siteId: null,
      result: 'ok',
      summary: { reason: context.reason, recomputed: open.length, changed: changed.slice(0, 50) },
    });
  }
  return { recomputed: open.length, changed };
});

registerRetentionPurge({
  name: 'interact-contacts',
  async run(deps, now) {
    let purged = 0;
    for (const site of await deps.store.sites.list()) {
      const { retentionDays } = await deps.store.interact.getSettings(site.id);
      const before = new Date(Date.parse(now) - retentionDays * 86_400_000).toISOString();
      const due = await deps.store.interact.listContactsToPurge(site.id, before, 1000);
      for (const message of due) {
        await afterCommit(deps, async (store) => {
          await store.interact.updateMessage(
            message.id,
            message.version,
            { contactSealed: '', contactPurgedAt: now },
            now,
          );
          await store.interact.addEvent({
            messageId: message.id,
            at: now,
            actorId: null,
            actorName: 'system:retention',
            action: 'contact-purged',
            note: `联系方式已按保存期限（${retentionDays}天）删除`,
          });
        });
        purged += 1;
      }
    }
    return purged;
  },
});

export { deadlineOf as letterDeadline };
