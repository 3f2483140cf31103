/**
 * 转载 between the sites of a platform (信息资源库): one site offers a published article to another; the
 * receiving site takes it into a column of its own as a copy that goes through its own review workflow.
 */
export type RelayStatus = 'offered' | 'accepted' | 'declined' | 'detached';

export interface Relay {
  readonly id: number;
  readonly sourceArticleId: number;
  readonly sourceSiteId: number;
  readonly targetSiteId: number;
  /** The column the sender proposed (null: none), then the column the receiver took the copy into. */
  readonly columnId: number | null;
  readonly note: string;
  readonly status: RelayStatus;
  /** The receiving site's copy, once accepted. */
  readonly copyArticleId: number | null;
  /** Digest of the original's public content the copy was last made from (see `relayDigest`). */
  readonly sourceDigest: string;
  readonly offeredBy: string;
  readonly offeredAt: string;
  readonly decidedBy: string;
  readonly decidedAt: string | null;
  /** Why it was declined or detached. */
  readonly reason: string;
  /** When the copy last took the original's content (acceptance or an update taken since). */
  readonly syncedAt: string | null;
}

export interface RelayInput {
  readonly sourceArticleId: number;
  readonly sourceSiteId: number;
  readonly targetSiteId: number;
  readonly columnId: number | null;
  readonly note: string;
  readonly offeredBy: string;
}

export interface RelayDecision {
  readonly status: RelayStatus;
  readonly decidedBy: string;
  readonly reason: string;
  readonly columnId?: number | null;
  readonly copyArticleId?: number | null;
  readonly sourceDigest?: string;
  readonly syncedAt?: string | null;
}

/** Waiting work of one site, for the platform's cross-site queue. */
export interface RelayWaiting {
  readonly count: number;
  readonly oldestAt: string;
}

export interface RelayRepo {
  get(id: number): Promise<Relay | undefined>;
  add(input: RelayInput, now: string): Promise<Relay>;
  /** Offers made to the site and copies it holds, newest first. */
  listIncoming(siteId: number, limit: number): Promise<Relay[]>;
  /** Offers the site made, newest first. */
  listOutgoing(siteId: number, limit: number): Promise<Relay[]>;
  /** An offer of the article to the site that is waiting or was taken (declined ones do not count). */
  findLive(sourceArticleId: number, targetSiteId: number): Promise<Relay | undefined>;
  /** The relay a copy was made by, if the article is one. */
  findByCopy(copyArticleId: number): Promise<Relay | undefined>;
  /** Moves the relay on, only from `from` (another writer who moved it first makes this return undefined). */
  decide(id: number, from: RelayStatus, decision: RelayDecision, now: string): Promise<Relay | undefined>;
  /** Offers waiting per receiving site. */
  waitingBySite(): Promise<Map<number, RelayWaiting>>;
}
