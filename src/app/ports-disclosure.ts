import type {
  ClockPause,
  DeliveryMethod,
  DisclosureState,
  OrganisationType,
  ReplyType,
  RequesterKind,
  ReviewConclusion,
} from '../core/index.js';

export interface DisclosureSettings {
  readonly siteId: number;
  /** The department that handles the site's requests; null: none set yet (nobody sees the inbox). */
  readonly departmentId: number | null;
  /** Days after closing that the requester's personal data and identity papers are kept, then deleted. */
  readonly retentionDays: number;
}

export interface ConfidentialityReview {
  readonly by: string;
  readonly at: string;
  readonly conclusion: ReviewConclusion;
  readonly note: string;
  /** The draft of the reply the review concerns. */
  readonly draftRevision: number;
}

export interface ReplyAttachment {
  readonly name: string;
  readonly url: string;
}

/** A request as stored; the personal part stays sealed here. */
export interface DisclosureRecord {
  readonly id: number;
  readonly siteId: number;
  readonly number: string;
  readonly queryCodeHash: string;
  readonly state: DisclosureState;
  readonly requesterKind: RequesterKind;
  readonly organisationType: OrganisationType | null;
  readonly delivery: DeliveryMethod;
  readonly sealed: string | null;
  readonly submittedAt: string;
  /** The day of 登记. */
  readonly registeredOn: string | null;
  readonly receivedOn: string | null;
  readonly pauses: readonly ClockPause[];
  readonly extensionDays: number;
  readonly extensionReason: string;
  readonly extensionApprover: string;
  readonly dueOn: string | null;
  readonly draftRevision: number;
  readonly replyType: ReplyType | null;
  readonly replyReason: string | null;
  readonly replyText: string;
  readonly replyAttachments: readonly ReplyAttachment[];
  readonly review: ConfidentialityReview | null;
  readonly answeredAt: string | null;
  readonly closedAt: string | null;
  readonly purgeAfter: string | null;
  readonly purgedAt: string | null;
  readonly version: number;
  readonly updatedAt: string;
}

export type NewDisclosureRecord = Pick<
  DisclosureRecord,
  | 'siteId'
  | 'number'
  | 'queryCodeHash'
  | 'requesterKind'
  | 'organisationType'
  | 'delivery'
  | 'sealed'
  | 'submittedAt'
>;

/** The fields a step changes. */
export type DisclosurePatch = Partial<
  Omit<
    DisclosureRecord,
    'id' | 'siteId' | 'number' | 'queryCodeHash' | 'submittedAt' | 'version' | 'updatedAt'
  >
>;

export interface DisclosureEvent {
  readonly id: number;
  readonly requestId: number;
  readonly at: string;
  readonly actorName: string;
  readonly step: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface DisclosureFile {
  readonly id: number;
  readonly requestId: number;
  readonly kind: 'identity';
  readonly mime: string;
  readonly size: number;
  readonly sealed: string;
}

/** What the annual report counts, per requester category. */
export interface DisclosureCountRow {
  readonly requesterKind: RequesterKind;
  readonly organisationType: OrganisationType | null;
  readonly replyType: ReplyType | null;
  readonly replyReason: string | null;
  readonly count: number;
}

export interface DisclosureRepo {
  settings(siteId: number): Promise<DisclosureSettings>;
  saveSettings(settings: DisclosureSettings, now: string): Promise<void>;
  create(input: NewDisclosureRecord, now: string): Promise<DisclosureRecord>;
  get(id: number): Promise<DisclosureRecord | undefined>;
  getByNumber(number: string): Promise<DisclosureRecord | undefined>;
  /** With the version the caller saw; `GZ_VERSION_CONFLICT` if someone changed it since. */
  update(id: number, expectedVersion: number, patch: DisclosurePatch, now: string): Promise<DisclosureRecord>;
  /** Requests of a site in the given states (all when empty), newest first, at most `limit`. */
  list(siteId: number, states: readonly DisclosureState[], limit: number): Promise<DisclosureRecord[]>;
  /** Open requests of every site (for recomputing deadlines). */
  listOpen(states: readonly DisclosureState[]): Promise<DisclosureRecord[]>;
  setDueOn(id: number, dueOn: string | null): Promise<void>;
  addEvent(requestId: number, at: string, actorName: string, step: string, details: object): Promise<void>;
  events(requestId: number): Promise<DisclosureEvent[]>;
  addFile(
    requestId: number,
    file: { kind: 'identity'; mime: string; size: number; sealed: string },
    now: string,
  ): Promise<void>;
  files(requestId: number): Promise<DisclosureFile[]>;
  /** Closed requests whose personal data is due for deletion on `today`. */
  listPurgeable(today: string, limit: number): Promise<DisclosureRecord[]>;
  /** Deletes the sealed personal data and the identity files of a request. */
  purge(id: number, now: string): Promise<void>;
  /** Requests of the site that were in the clock (registered) between the two instants, by category. */
  countRegistered(siteId: number, fromDate: string, toDate: string): Promise<DisclosureCountRow[]>;
  /** Requests registered before `date` and not answered before it (carried over into a year). */
  countOpenAt(siteId: number, date: string): Promise<DisclosureCountRow[]>;
  /** Requests answered between the two dates, by category and outcome. */
  countAnswered(siteId: number, fromDate: string, toDate: string): Promise<DisclosureCountRow[]>;
  /** What the office wrote in its annual report for the year (section key → text). */
  reportTexts(siteId: number, year: number): Promise<Record<string, string>>;
  saveReportTexts(siteId: number, year: number, texts: object, now: string): Promise<void>;
}
