import type { Kysely } from 'kysely';
import type { AbuseCounterRepo } from '../app/index.js';
import type { Database } from './schema.js';

export function createAbuseCounterRepo(db: Kysely<Database>): AbuseCounterRepo {
  return {
    async hit(key, windowStart, expiresAt) {
      const row = await db
        .insertInto('abuse_counters')
        .values({ key, window_start: windowStart, count: 1, expires_at: expiresAt })
        .onConflict((conflict) =>
          conflict
            .columns(['key', 'window_start'])
            .doUpdateSet((eb) => ({ count: eb('abuse_counters.count', '+', 1) })),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async purgeExpired(now) {
      const result = await db.deleteFrom('abuse_counters').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
