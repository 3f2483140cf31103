import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Client } from 'pg';
import { createListenerSet, toContentEvent, type ChangeFeed, type ContentEvent } from '../app/index.js';
import type { AnyKysely } from './dialect.js';

/** The channel every Gazette process on one database listens on. */
export const CHANGE_CHANNEL = 'gazette_events';

export interface PostgresChangeFeedOptions {
  /** Sends notifications (through the pool, so a lost listening connection does not stop them). */
  readonly db: AnyKysely;
  /** Where the dedicated listening connection goes. */
  readonly connectionString: string;
  readonly connectTimeoutMs?: number;
  /** First wait before reconnecting; doubles up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * The change feed of several processes on one PostgreSQL database: events go out with NOTIFY and
 * come in on one dedicated connection that LISTENs (a pooled connection would be handed to others).
 * The process's own subscribers get its events at once, during `publish` (so that what it just
 * published is never served stale from its own cache); the copy that comes back through PostgreSQL,
 * marked with this feed's origin, is ignored. The payload is `{"origin": …, "event": {…}}`.
 * When the listening connection drops it reconnects with growing delays; once back, subscribers
 * are told to resync because events sent meanwhile were missed.
 */
export async function openPostgresChangeFeed(options: PostgresChangeFeedOptions): Promise<ChangeFeed> {
  const { default: pg } = await import('pg');
  const onError = options.onError ?? (() => undefined);
  const firstDelay = options.retryDelayMs ?? 250;
  const maxDelay = options.maxRetryDelayMs ?? 5000;
  const listeners = createListenerSet(onError);
  const origin = randomUUID();
  let client: Client | null = null;
  let closed = false;
  let lost = false;
  let delay = firstDelay;
  let timer: NodeJS.Timeout | undefined;

  const scheduleReconnect = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
    delay = Math.min(delay * 2, maxDelay);
  };

  const drop = (which: Client) => {
    if (client !== which) return;
    client = null;
    lost = true;
    which.end().catch(() => undefined);
    scheduleReconnect();
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({
      connectionString: options.connectionString,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      keepAlive: true,
      application_name: 'gazette-feed',
    });
    next.on('error', (error) => {
      onError(error);
      drop(next);
    });
    next.on('end', () => drop(next));
    next.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL || message.payload === undefined) return;
      const received = parseNotification(message.payload);
      if (received && received.origin !== origin) listeners.deliver(received.event);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      onError(error);
      next.end().catch(() => undefined);
      if (!closed) {
        lost = true;
        scheduleReconnect();
      }
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    delay = firstDelay;
    if (lost) {
      lost = false;
      listeners.resync();
    }
  }

  await connect();

  return {
    async publish(event) {
      listeners.deliver(event);
      try {
        await sql`select pg_notify(${CHANGE_CHANNEL}, ${JSON.stringify({ origin, event })})`.execute(
          options.db,
        );
      } catch (error) {
        // The other processes cannot be told now; they resync when their own connections come back.
        onError(error);
      }
    },
    subscribe: (listener, onResync) => listeners.add(listener, onResync),
    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

/** A notification's origin and event; null for anything else (dropped). */
function parseNotification(payload: string): { origin: string; event: ContentEvent } | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { origin, event } = value as { origin?: unknown; event?: unknown };
  const parsed = toContentEvent(event);
  return typeof origin === 'string' && parsed ? { origin, event: parsed } : null;
}
