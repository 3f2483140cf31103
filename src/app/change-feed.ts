import type { ContentEvent } from './deps.js';

export type ChangeListener = (event: ContentEvent) => void;

/**
 * Content events shared by every Gazette process on one database: what one process publishes,
 * every subscriber in every process receives (its own included), so that each can invalidate caches.
 * Events are published after their transaction has committed.
 */
export interface ChangeFeed {
  /** Hands `event` to every subscriber in every process; resolves once it has been sent. */
  publish(event: ContentEvent): Promise<void>;
  /**
   * Calls `listener` for each event. `onResync` is called when events may have been missed
   * (the feed's connection was lost and is back): a cache should then drop everything it holds.
   * Returns the function that unsubscribes.
   */
  subscribe(listener: ChangeListener, onResync?: () => void): () => void;
  close(): Promise<void>;
}

/** Fans events out to local subscribers; a listener that throws does not stop the others. */
export interface ListenerSet {
  add(listener: ChangeListener, onResync?: () => void): () => void;
  deliver(event: ContentEvent): void;
  resync(): void;
}

export function createListenerSet(onListenerError: (error: unknown) => void): ListenerSet {
  const subscribers = new Set<{ listener: ChangeListener; onResync: (() => void) | undefined }>();
  const each = (call: (s: { listener: ChangeListener; onResync: (() => void) | undefined }) => void) => {
    for (const subscriber of [...subscribers]) {
      try {
        call(subscriber);
      } catch (error) {
        onListenerError(error);
      }
    }
  };
  return {
    add(listener, onResync) {
      const subscriber = { listener, onResync };
      subscribers.add(subscriber);
      return () => {
        subscribers.delete(subscriber);
      };
    },
    deliver: (event) => each((s) => s.listener(event)),
    resync: () => each((s) => s.onResync?.()),
  };
}

/** The feed of a single process (SQLite): delivery is immediate and in order. */
export function createInProcessChangeFeed(
  onListenerError: (error: unknown) => void = () => undefined,
): ChangeFeed {
  const listeners = createListenerSet(onListenerError);
  return {
    publish(event) {
      listeners.deliver(event);
      return Promise.resolve();
    },
    subscribe: (listener, onResync) => listeners.add(listener, onResync),
    close: () => Promise.resolve(),
  };
}

/**
 * Parses an event received from another process. Only Gazette processes with database credentials
 * can send one, so the check is of shape, not of trust; anything malformed is dropped (null).
 * Event types this process does not know yet (a newer process during a rolling upgrade) pass through.
 */
export function parseContentEvent(payload: string): ContentEvent | null {
  try {
    return toContentEvent(JSON.parse(payload));
  } catch {
    return null;
  }
}

/** `value` as a content event when it has the shape of one (see `parseContentEvent`), else null. */
export function toContentEvent(value: unknown): ContentEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const event = value as Record<string, unknown>;
  return typeof event['type'] === 'string' && typeof event['siteId'] === 'number'
    ? (value as ContentEvent)
    : null;
}
