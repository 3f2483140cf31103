import { createHash } from 'node:crypto';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type {
  AuditEntryInput,
  AuditFilter,
  AuditProblem,
  AuditRecord,
  AuditRepo,
  AuditVerification,
} from '../app/index.js';
import { GazetteError } from '../core/index.js';
import { canonicalJson } from './canonical-json.js';
import type { Database } from './schema.js';
import type { AuditLogRow } from './schema-audit.js';

/**
 * The audit trail as a hash chain: each record carries the hash of the one before it, and its own hash
 * is SHA-256 over that previous hash followed by the canonical JSON of every other field (id included).
 *
 * This repository only ever inserts: there is no method to update or delete a record, and Gazette never
 * prunes the log (the rules ask for at least 180 days; deleting old records would also break the chain).
 * Someone with direct access to the database can still change, delete or add rows; `verify` is what
 * finds out, and says which records. The hash has no secret key, so a person who rewrites a record
 * AND recomputes every hash after it, chain head included, is not caught by the chain alone: noting
 * the head hash that verify prints somewhere outside the database is what closes that gap.
 *
 * Appends are serialised by updating the one-row `audit_chain_head` first: on SQLite writers are
 * serialised anyway, on PostgreSQL (READ COMMITTED, the default) the row lock makes a concurrent append
 * wait until the first commits, after which it reads the new head. Plain Kysely, the same on both.
 */
export function createAuditRepo(db: Kysely<Database>): AuditRepo {
  const append = async (trx: Kysely<Database>, entry: AuditEntryInput, at: string): Promise<AuditRecord> => {
    const claimed = await trx
      .updateTable('audit_chain_head')
      .set((eb) => ({ last_id: eb('last_id', '+', 1) }))
      .where('id', '=', 1)
      .returning(['last_id', 'last_hash'])
      .executeTakeFirst();
    if (!claimed) throw new GazetteError('GZ_AUDIT_HEAD_MISSING');
    const content: Omit<AuditRecord, 'hash'> = {
      id: claimed.last_id,
      at,
      actorId: entry.actorId ?? null,
      actorName: entry.actorName,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      siteId: entry.siteId ?? null,
      ip: entry.ip,
      result: entry.result,
      // Stored and hashed as what JSON keeps of it, so that reading it back gives the same hash.
      summary: JSON.parse(canonicalJson(entry.summary)) as Record<string, unknown>,
      prevHash: claimed.last_hash,
    };
    const hash = recordHash(content);
    await trx
      .insertInto('audit_log')
      .values({
        id: content.id,
        at: content.at,
        actor_id: content.actorId,
        actor_name: content.actorName,
        action: content.action,
        target_type: content.targetType,
        target_id: content.targetId,
        site_id: content.siteId,
        ip: content.ip,
        result: content.result,
        summary: canonicalJson(content.summary),
        prev_hash: content.prevHash,
        hash,
      })
      .execute();
    await trx.updateTable('audit_chain_head').set({ last_hash: hash }).where('id', '=', 1).execute();
    return { ...content, hash };
  };

  const filtered = <O>(
    query: SelectQueryBuilder<Database, 'audit_log', O>,
    filter: AuditFilter,
  ): SelectQueryBuilder<Database, 'audit_log', O> => {
    let q = query;
    if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('at', '<', filter.to);
    if (filter.actorId !== undefined) q = q.where('actor_id', '=', filter.actorId);
    if (filter.action !== undefined) q = q.where('action', '=', filter.action);
    if (filter.targetType !== undefined) q = q.where('target_type', '=', filter.targetType);
    if (filter.targetId !== undefined) q = q.where('target_id', '=', filter.targetId);
    if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
    return q;
  };

  const verify = async (trx: Kysely<Database>): Promise<AuditVerification> => {
    const head = await trx.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirst();
    const problems: AuditProblem[] = [];
    if (!head) problems.push({ kind: 'head-missing' });
    const maxRow = await trx
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    // Without a head, take the rows as they are: the chain links can still be checked.
    const lastId = head ? head.last_id : Number(maxRow?.max ?? 0);
    const walk = new ChainWalk(head ? { id: head.last_id, hash: head.last_hash } : null, problems);
    let checked = 0;
    let after = 0;
    for (;;) {
      const rows = await trx
        .selectFrom('audit_log')
        .selectAll()
        .where('id', '>', after)
        .where('id', '<=', lastId)
        .orderBy('id')
        .limit(VERIFY_BATCH)
        .execute();
      for (const row of rows) walk.next(row);
      checked += rows.length;
      const last = rows.at(-1);
      if (!last || rows.length < VERIFY_BATCH) break;
      after = last.id;
    }
    walk.end(lastId);
    // Rows the head never counted: ids past its end, or below the first.
    const strays = await trx
      .selectFrom('audit_log')
      .select('id')
      .where((eb) => eb.or([eb('id', '<', 1), eb('id', '>', lastId)]))
      .orderBy('id')
      .execute();
    for (const { id } of strays) problems.push({ kind: 'inserted', id });
    checked += strays.length;
    const ordered = problems.sort((a, b) => problemOrder(a) - problemOrder(b));
    return {
      ok: ordered.length === 0,
      checked,
      problems: ordered,
      lastId: head?.last_id ?? lastId,
      lastHash: head?.last_hash ?? '',
    };
  };

  return {
    append: (entry, at) =>
      db.isTransaction ? append(db, entry, at) : db.transaction().execute((trx) => append(trx, entry, at)),

    async list(filter, limit, offset) {
      const rows = await filtered(db.selectFrom('audit_log').selectAll(), filter)
        .orderBy('id', filter.order === 'oldest-first' ? 'asc' : 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(toRecord);
    },

    async count(filter) {
      const row = await filtered(
        db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')),
        filter,
      ).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    // One snapshot for the whole walk, so that records appended meanwhile do not look forged.
    // (SQLite ignores the isolation level: its read transaction is a snapshot already.)
    verify: () =>
      db.isTransaction
        ? verify(db)
        : db
            .transaction()
            .setIsolationLevel('repeatable read')
            .execute((trx) => verify(trx)),
  };
}

const VERIFY_BATCH = 1000;

/** SHA-256 (hex) of the previous hash followed by the canonical JSON of the record without its hash. */
export function recordHash(content: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256')
    .update(content.prevHash + canonicalJson(content))
    .digest('hex');
}

function toRecord(row: AuditLogRow): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    siteId: row.site_id,
    ip: row.ip,
    result: row.result as AuditRecord['result'],
    summary: parseSummary(row.summary) ?? { unreadable: row.summary },
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function parseSummary(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a stored row still hashes to its `hash`. */
function contentIntact(row: AuditLogRow): boolean {
  const summary = parseSummary(row.summary);
  if (!summary) return false;
  const { hash, ...content } = { ...toRecord(row), summary };
  return recordHash(content) === hash;
}

interface Seen {
  readonly id: number;
  readonly hash: string;
  readonly intact: boolean;
  inserted: boolean;
}

/**
 * Walks rows in id order and classifies what is wrong, looking one row ahead:
 * - a row that no longer hashes to its own hash was `changed`;
 * - an id gap means the records in between are `missing`;
 * - an intact row that does not link to its predecessor, while its successor does not link to it either,
 *   sits in the chain unlinked on both sides: it was `inserted` (forged in place of the real one);
 * - an intact row that does not link to its intact predecessor, its successor linking fine, is a
 *   `broken-link`: one of the two was rewritten with a recomputed hash.
 * The head (id and hash of the last record appended) stands in as the successor of the last row.
 */
class ChainWalk {
  private prev: Seen = { id: 0, hash: '', intact: true, inserted: false };
  private pending: Seen | null = null;

  constructor(
    private readonly head: { readonly id: number; readonly hash: string } | null,
    private readonly problems: AuditProblem[],
  ) {}

  next(row: AuditLogRow): void {
    const seen: Seen = { id: row.id, hash: row.hash, intact: contentIntact(row), inserted: false };
    const gap = row.id !== this.prev.id + 1;
    const linked = row.prev_hash === this.prev.hash;
    if (this.pending) {
      if (!gap && !linked) {
        this.problems.push({ kind: 'inserted', id: this.pending.id });
        this.pending.inserted = true;
      } else {
        this.problems.push({ kind: 'broken-link', id: this.pending.id });
      }
      this.pending = null;
    }
    if (!seen.intact) this.problems.push({ kind: 'changed', id: row.id });
    if (gap) this.problems.push({ kind: 'missing', afterId: this.prev.id, beforeId: row.id });
    // A broken link right after a changed or inserted row is explained by that row.
    else if (!linked && seen.intact && this.prev.intact && !this.prev.inserted) this.pending = seen;
    this.prev = seen;
  }

  end(lastId: number): void {
    const last = this.prev;
    const headDisagrees = this.head !== null && this.head.id === last.id && this.head.hash !== last.hash;
    if (this.pending) {
      this.problems.push(
        headDisagrees
          ? { kind: 'inserted', id: this.pending.id }
          : { kind: 'broken-link', id: this.pending.id },
      );
    } else if (headDisagrees && last.intact && !last.inserted && last.id > 0) {
      // The last record hashes fine but not to what was recorded when it was appended: rewritten.
      this.problems.push({ kind: 'changed', id: last.id });
    }
    if (lastId > last.id) this.problems.push({ kind: 'missing', afterId: last.id, beforeId: lastId + 1 });
  }
}

function problemOrder(problem: AuditProblem): number {
  switch (problem.kind) {
    case 'changed':
    case 'inserted':
    case 'broken-link':
      return problem.id;
    case 'missing':
      return problem.afterId + 0.5;
    case 'head-missing':
      return Number.MAX_SAFE_INTEGER;
  }
}
