import { DEFAULT_ACCOUNT_POLICY, type AccountPolicy } from './ports-accounts.js';
import type { Clock, MediaStore, Store } from './ports.js';
import type { AntiAbuse } from './anti-abuse.js';
import type { PersonalDataVault } from './personal-data.js';
import type { ImageProcessor, MediaLimits } from './ports-media.js';
import type { Mailer } from './ports-mail.js';
import type { DistributionSlot } from './distribution.js';

/** What every use case is given by the composition root. */
export interface AppDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Called after a write has committed, e.g. to invalidate caches or regenerate static files. */
  readonly events: EventSink;
  readonly policy: AppPolicy;
  /** Uploaded files, their limits and the image processing; absent where nothing is uploaded (some tests, the CLI). */
  readonly media?: {
    readonly files: MediaStore;
    readonly limits: MediaLimits;
    readonly images: ImageProcessor;
  };
  /** Seals personal data with the key outside the database; absent where none is handled (some tests). */
  readonly personalData?: PersonalDataVault;
  /** Challenges and rate limits of the public forms; absent where no form is served. */
  readonly antiAbuse?: AntiAbuse;
  /** Notifications by email; absent or not configured: nothing is sent. */
  readonly mailer?: Mailer;
  /** The distribution of the static output to its targets, where this process runs it. */
  readonly distribution?: DistributionSlot;
}

/** Rules an installation may set (from Config), read by the use cases. */
export interface AppPolicy extends AccountPolicy {
  /** A publisher's minor edit of an approved article goes back to the final review level only. */
  readonly minorEditsToFinalLevel: boolean;
}

export const defaultPolicy: AppPolicy = { ...DEFAULT_ACCOUNT_POLICY, minorEditsToFinalLevel: true };

export type ContentEvent =
  | { readonly type: 'article-published'; readonly siteId: number; readonly articleId: number }
  | { readonly type: 'article-updated'; readonly siteId: number; readonly articleId: number }
  | { readonly type: 'article-withdrawn'; readonly siteId: number; readonly articleId: number }
  | { readonly type: 'series-published'; readonly siteId: number; readonly seriesId: number }
  | { readonly type: 'site-updated'; readonly siteId: number }
  | { readonly type: 'columns-changed'; readonly siteId: number };

export interface EventSink {
  emit(event: ContentEvent): void;
}

export const noEvents: EventSink = { emit: () => undefined };

/** Collects events during a transaction and hands them on only once it has committed. */
export async function afterCommit<T>(
  deps: AppDeps,
  work: (store: Store, emit: (event: ContentEvent) => void) => Promise<T>,
): Promise<T> {
  const pending: ContentEvent[] = [];
  const result = await deps.store.transaction((store) => work(store, (event) => pending.push(event)));
  for (const event of pending) deps.events.emit(event);
  return result;
}
