import type { ChannelKind, InvalidKind, MessageStatus, Rating } from '../core/index.js';

/** A channel of a site's 互动交流: what the form asks, who handles it, whose review levels the replies pass. */
export interface Channel {
  readonly id: number;
  readonly siteId: number;
  readonly kind: ChannelKind;
  /** Shown name, e.g. 书记信箱, 主任信箱, 咨询. */
  readonly name: string;
  readonly intro: string;
  /** The handling department (a group of accounts). */
  readonly departmentId: number;
  /** The column whose review levels the replies go through. */
  readonly columnId: number;
  readonly deadlineDays: number;
  /** Whether the writer may ask for the letter and its reply to be published (留言选登). */
  readonly allowPublic: boolean;
  /** Form fields beyond the fixed ones: `phone` and `email` asked or not, `address` asked. */
  readonly fields: { readonly phone: boolean; readonly email: boolean; readonly address: boolean };
  readonly enabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ChannelInput = Omit<Channel, 'id' | 'createdAt' | 'updatedAt'>;

/** The writer's contact data: sealed at rest, shown only to those who handle the letter. */
export interface Contact {
  readonly name: string;
  readonly phone: string;
  readonly email: string;
  readonly address: string;
}

export interface MessageAttachment {
  readonly name: string;
  readonly url: string;
  readonly mime: string;
  readonly size: number;
}

export interface Approval {
  readonly level: number;
  readonly userId: number | null;
  readonly name: string;
  readonly at: string;
}

export interface Message {
  readonly id: number;
  readonly siteId: number;
  readonly channelId: number;
  readonly number: string;
  /** SHA-256 of the number and the 查询码. */
  readonly codeHash: string;
  readonly subject: string;
  readonly body: string;
  /** The writer asked for publication and consented to it. */
  readonly wantsPublic: boolean;
  /** Sealed `Contact`; '' once purged after the retention period. */
  readonly contactSealed: string;
  /** Whether the writer left an email address (for the reply notice; the address itself is sealed). */
  readonly hasEmail: boolean;
  /** Held for a person: the content checks found something (never dropped silently). */
  readonly held: boolean;
  readonly heldReason: string;
  readonly attachments: readonly MessageAttachment[];
  readonly departmentId: number;
  readonly assigneeId: number | null;
  readonly status: MessageStatus;
  readonly receivedAt: string;
  /** The day of receipt in Asia/Shanghai, `YYYY-MM-DD`. */
  readonly receivedOn: string;
  readonly deadlineDays: number;
  /** The due date as last computed (recomputed when the calendar changes). */
  readonly dueOn: string;
  readonly replyText: string;
  readonly replyById: number | null;
  readonly replyByName: string;
  /** The department that replies (shown on the published page). */
  readonly replyDepartment: string;
  /** The review level the reply waits for (1..levels) while reviewing. */
  readonly reviewLevel: number;
  readonly approvals: readonly Approval[];
  readonly answeredAt: string | null;
  readonly answeredOn: string | null;
  /** Working days taken to answer (received day excluded). */
  readonly workingDaysTaken: number | null;
  /** Published on the site's 留言选登 pages. */
  readonly published: boolean;
  readonly invalidKind: InvalidKind | null;
  readonly invalidReason: string;
  readonly rating: Rating | null;
  readonly ratedAt: string | null;
  readonly contactPurgedAt: string | null;
  readonly version: number;
  readonly updatedAt: string;
}

/** The fields the handling changes (a new letter starts with them empty). */
type HandledField =
  | 'assigneeId'
  | 'status'
  | 'replyText'
  | 'replyById'
  | 'replyByName'
  | 'replyDepartment'
  | 'reviewLevel'
  | 'approvals'
  | 'answeredAt'
  | 'answeredOn'
  | 'workingDaysTaken'
  | 'published'
  | 'invalidKind'
  | 'invalidReason'
  | 'rating'
  | 'ratedAt'
  | 'contactPurgedAt';

export type NewMessage = Omit<Message, 'id' | HandledField | 'version' | 'updatedAt'>;

/** The fields a step of the handling changes. */
export type MessagePatch = Partial<
  Pick<Message, HandledField | 'departmentId' | 'dueOn' | 'held' | 'contactSealed'>
>;

/** One step in a letter's handling, as the handlers see it (the audit log has the same, chained). */
export interface MessageEvent {
  readonly id: number;
  readonly messageId: number;
  readonly at: string;
  readonly actorId: number | null;
  readonly actorName: string;
  readonly action: string;
  readonly note: string;
}

export interface MessageFilter {
  readonly siteId: number;
  readonly departmentIds?: readonly number[];
  readonly channelId?: number;
  readonly statuses?: readonly MessageStatus[];
  readonly limit?: number;
}

/** A site's settings of the platform. */
export interface InteractSettings {
  readonly siteId: number;
  /** Days after a letter is closed before its writer's contact data is deleted. */
  readonly retentionDays: number;
}

export const DEFAULT_RETENTION_DAYS = 365;

export interface InteractRepo {
  getSettings(siteId: number): Promise<InteractSettings>;
  setSettings(settings: InteractSettings): Promise<void>;
  listChannels(siteId: number): Promise<Channel[]>;
  getChannel(id: number): Promise<Channel | undefined>;
  createChannel(input: ChannelInput, now: string): Promise<Channel>;
  updateChannel(id: number, input: ChannelInput, now: string): Promise<Channel>;

  addMessage(input: NewMessage, now: string): Promise<Message>;
  getMessage(id: number): Promise<Message | undefined>;
  getMessageByNumber(number: string): Promise<Message | undefined>;
  listMessages(filter: MessageFilter): Promise<Message[]>;
  /** Changes the letter only if its version is still `expectedVersion`; false when someone changed it first. */
  updateMessage(id: number, expectedVersion: number, patch: MessagePatch, now: string): Promise<boolean>;
  addEvent(event: Omit<MessageEvent, 'id'>): Promise<void>;
  listEvents(messageId: number): Promise<MessageEvent[]>;
  /** Published letters of a site, newest reply first. */
  listPublished(siteId: number, channelId: number | null, offset: number, limit: number): Promise<Message[]>;
  /** Letters whose contact data is still kept and that were received before `before`, closed. */
  listContactsToPurge(siteId: number, before: string, limit: number): Promise<Message[]>;
  /** Open letters (for deadlines recomputed after a calendar change). */
  listOpen(): Promise<Message[]>;
}
