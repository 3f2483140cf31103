import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  systemPrincipal,
  describeAuditProblem,
  exportAudit,
  type AuditEntryInput,
  type AuditRecord,
  type Store,
} from '../../src/app/index.js';
import { recordHash } from '../../src/store/audit-repo.js';
import {
  createStore,
  migrateToLatest,
  openPostgres,
  openSqliteMemory,
  type OpenedDatabase,
} from '../../src/store/index.js';
import { createTestDatabase, reachablePostgres, type TestDatabase } from '../support/postgres.js';

const SYSTEM = systemPrincipal('audit test');

interface Backend {
  readonly name: string;
  open(): Promise<{ database: OpenedDatabase; dispose(): Promise<void> }>;
}

const postgresUrl = await reachablePostgres();
const backends: Backend[] = [
  {
    name: 'SQLite',
    open: () => {
      const database = openSqliteMemory();
      return Promise.resolve({ database, dispose: () => database.close() });
    },
  },
];
if (postgresUrl !== null) {
  backends.push({
    name: 'PostgreSQL',
    async open() {
      const testDb: TestDatabase = await createTestDatabase(postgresUrl);
      const database = await openPostgres(testDb.url);
      return {
        database,
        async dispose() {
          await database.close();
          await testDb.drop();
        },
      };
    },
  });
}

const T0 = Date.parse('2026-11-28T01:00:00.000Z');
const at = (n: number): string => new Date(T0 + n * 60_000).toISOString();

function entry(n: number, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    actorId: n % 3 === 0 ? null : 7,
    actorName: n % 3 === 0 ? 'system:cli' : 'zhang.wei',
    action: n % 2 === 0 ? 'article.edit' : 'site.update',
    targetType: n % 2 === 0 ? 'article' : 'site',
    targetId: String(100 + n),
    siteId: n % 3 === 0 ? null : 1,
    ip: '203.0.113.9',
    result: 'ok',
    summary: { title: { from: `旧标题 ${n}`, to: `新标题 ${n}` }, n },
    ...overrides,
  };
}

for (const backend of backends) {
  describe(`audit log on ${backend.name}`, () => {
    let opened: { database: OpenedDatabase; dispose(): Promise<void> };
    let store: Store;
    const raw = () => opened.database.db;

    beforeAll(async () => {
      opened = await backend.open();
      const migrated = await migrateToLatest(opened.database.db, opened.database.dialect);
      expect(migrated.error).toBeUndefined();
      store = createStore(opened.database.db);
    }, 30_000);

    afterAll(async () => {
      await opened.dispose();
    });

    beforeEach(async () => {
      await raw().deleteFrom('audit_log').execute();
      await raw().deleteFrom('audit_chain_head').execute();
      await raw().insertInto('audit_chain_head').values({ id: 1, last_id: 0, last_hash: '' }).execute();
    });

    async function appendMany(count: number): Promise<AuditRecord[]> {
      const records: AuditRecord[] = [];
      for (let n = 1; n <= count; n += 1) records.push(await store.audit.append(entry(n), at(n)));
      return records;
    }

    it('chains each record to the one before it, and an untouched log verifies', async () => {
      const records = await appendMany(5);
      expect(records.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
      expect(records[0]!.prevHash).toBe('');
      for (let i = 1; i < records.length; i += 1) expect(records[i]!.prevHash).toBe(records[i - 1]!.hash);
      for (const record of records) {
        const { hash, ...content } = record;
        expect(hash).toMatch(/^[0-9a-f]{64}$/);
        expect(recordHash(content)).toBe(hash);
      }
      const result = await store.audit.verify();
      expect(result).toEqual({ ok: true, checked: 5, problems: [], lastId: 5, lastHash: records[4]!.hash });
    });

    it('verifies an empty log', async () => {
      expect(await store.audit.verify()).toEqual({
        ok: true,
        checked: 0,
        problems: [],
        lastId: 0,
        lastHash: '',
      });
    });

    it('offers no way to change or delete a record', () => {
      expect(Object.keys(store.audit).sort()).toEqual(['append', 'count', 'list', 'verify']);
    });

    it('reads records back as written, newest first or in chain order, filtered', async () => {
      const written = await appendMany(6);
      const newest = await store.audit.list({}, 10, 0);
      expect(newest.map((r) => r.id)).toEqual([6, 5, 4, 3, 2, 1]);
      expect(newest.at(-1)).toEqual(written[0]);
      const oldest = await store.audit.list({ order: 'oldest-first' }, 2, 2);
      expect(oldest.map((r) => r.id)).toEqual([3, 4]);
      expect((await store.audit.list({ action: 'site.update' }, 10, 0)).map((r) => r.id)).toEqual([5, 3, 1]);
      expect((await store.audit.list({ from: at(2), to: at(4) }, 10, 0)).map((r) => r.id)).toEqual([3, 2]);
      expect(await store.audit.count({ actorId: 7 })).toBe(4);
      expect(await store.audit.count({ targetType: 'article', targetId: '104' })).toBe(1);
      expect(await store.audit.count({ siteId: 1 })).toBe(4);
    });

    it('names the record whose content was changed directly in the database', async () => {
      await appendMany(5);
      await sql`UPDATE audit_log SET summary = ${'{"title":{"from":"x","to":"伪造"}}'} WHERE id = ${3}`.execute(
        raw(),
      );
      const result = await store.audit.verify();
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([{ kind: 'changed', id: 3 }]);
      expect(describeAuditProblem(result.problems[0]!).en).toBe('record 3 was changed');
    });

    it('notices a change to any column, the actor and the time included', async () => {
      await appendMany(4);
      await sql`UPDATE audit_log SET actor_name = ${'someone.else'} WHERE id = ${2}`.execute(raw());
      await sql`UPDATE audit_log SET at = ${at(99)} WHERE id = ${4}`.execute(raw());
      expect((await store.audit.verify()).problems).toEqual([
        { kind: 'changed', id: 2 },
        { kind: 'changed', id: 4 },
      ]);
    });

    it('names the gap a deleted record leaves, in the middle, at the start and at the end', async () => {
      await appendMany(8);
      await sql`DELETE FROM audit_log WHERE id IN (${4}, ${5})`.execute(raw());
      await sql`DELETE FROM audit_log WHERE id = ${1}`.execute(raw());
      await sql`DELETE FROM audit_log WHERE id = ${8}`.execute(raw());
      const result = await store.audit.verify();
      expect(result.problems).toEqual([
        { kind: 'missing', afterId: 0, beforeId: 2 },
        { kind: 'missing', afterId: 3, beforeId: 6 },
        { kind: 'missing', afterId: 7, beforeId: 9 },
      ]);
      expect(result.problems.map((p) => describeAuditProblem(p).en)).toEqual([
        'record 1 is missing',
        'records between 3 and 6 are missing',
        'record 8 is missing',
      ]);
    });

    it('detects a forged record added after the last one, even with a well-formed hash', async () => {
      const records = await appendMany(3);
      const forged = {
        id: 4,
        at: at(4),
        actorId: 1,
        actorName: 'admin',
        action: 'article.publish',
        targetType: 'article',
        targetId: '9',
        siteId: 1,
        ip: '127.0.0.1',
        result: 'ok' as const,
        summary: {},
        prevHash: records[2]!.hash,
      };
      await insertRow(forged, recordHash(forged));
      const result = await store.audit.verify();
      expect(result.problems).toEqual([{ kind: 'inserted', id: 4 }]);
      expect(describeAuditProblem(result.problems[0]!).en).toContain('record 4 was inserted');
    });

    it('detects a forged record put in the place of a deleted one', async () => {
      await appendMany(5);
      await sql`DELETE FROM audit_log WHERE id = ${3}`.execute(raw());
      const forged = {
        id: 3,
        at: at(3),
        actorId: 2,
        actorName: 'li.na',
        action: 'article.approve',
        targetType: 'article',
        targetId: '42',
        siteId: 1,
        ip: '10.0.0.2',
        result: 'ok' as const,
        summary: { level: 3 },
        prevHash: 'f'.repeat(64),
      };
      await insertRow(forged, recordHash(forged));
      expect((await store.audit.verify()).problems).toEqual([{ kind: 'inserted', id: 3 }]);
    });

    it('detects a record rewritten with a recomputed hash as a broken link', async () => {
      const records = await appendMany(5);
      const rewritten = { ...records[2]!, summary: { title: { from: 'a', to: 'b' } } };
      const content = withoutHash(rewritten);
      await sql`UPDATE audit_log SET summary = ${'{"title":{"from":"a","to":"b"}}'}, hash = ${recordHash(content)} WHERE id = ${3}`.execute(
        raw(),
      );
      const result = await store.audit.verify();
      expect(result.problems).toEqual([{ kind: 'broken-link', id: 4 }]);
      expect(describeAuditProblem(result.problems[0]!).en).toBe(
        'record 4 does not follow record 3: one of the two was rewritten',
      );
    });

    it('detects the last record rewritten with a recomputed hash, by the chain head', async () => {
      const records = await appendMany(3);
      const content = withoutHash({ ...records[2]!, result: 'denied' });
      await sql`UPDATE audit_log SET result = ${'denied'}, hash = ${recordHash(content)} WHERE id = ${3}`.execute(
        raw(),
      );
      expect((await store.audit.verify()).problems).toEqual([{ kind: 'changed', id: 3 }]);
    });

    it('says so when the chain head itself is gone, and refuses to append without it', async () => {
      await appendMany(2);
      await sql`DELETE FROM audit_chain_head`.execute(raw());
      const result = await store.audit.verify();
      expect(result.problems).toEqual([{ kind: 'head-missing' }]);
      await expect(store.audit.append(entry(3), at(3))).rejects.toMatchObject({
        code: 'GZ_AUDIT_HEAD_MISSING',
      });
    });

    it('writes nothing when the transaction it is part of rolls back', async () => {
      await appendMany(2);
      await expect(
        store.transaction(async (trx) => {
          await trx.audit.append(entry(3), at(3));
          throw new Error('the use case failed after auditing');
        }),
      ).rejects.toThrow('the use case failed');
      expect(await store.audit.count({})).toBe(2);
      const next = await store.audit.append(entry(3), at(3));
      expect(next.id).toBe(3);
      expect((await store.audit.verify()).ok).toBe(true);
    });

    it('keeps one unbroken chain when 50 transactions append at the same time', async () => {
      const appended = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.transaction(async (trx) => {
            // Like a use case: read something first, then audit.
            await trx.sites.list();
            return trx.audit.append(entry(i + 1, { targetId: `concurrent-${i}` }), at(i));
          }),
        ),
      );
      expect(appended.map((r) => r.id).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      expect(new Set(appended.map((r) => r.prevHash)).size).toBe(50);
      const result = await store.audit.verify();
      expect(result).toMatchObject({ ok: true, checked: 50, lastId: 50 });
    }, 30_000);

    it('exports CSV that Excel reads: byte order mark, Chinese headers, quoting, no formulas', async () => {
      await store.audit.append(entry(1), at(1));
      await store.audit.append(
        entry(2, {
          actorName: '=HYPERLINK("http://example.invalid")',
          summary: { title: { from: '他说："好"，\n然后', to: 'a,b' } },
        }),
        at(2),
      );
      const csv = await exportAudit({ store }, SYSTEM, {}, 'csv');
      expect(csv.startsWith('\uFEFF序号,时间（UTC）,北京时间,操作人ID,操作人,操作,')).toBe(true);
      const lines = csv.slice(1).split('\r\n');
      expect(lines).toHaveLength(4); // header, two records, the empty piece after the last CRLF
      expect(lines[3]).toBe('');
      expect(lines[1]).toMatch(
        /^1,2026-11-28T01:01:00.000Z,2026-11-28 09:01,7,zhang.wei,site.update,site,101,1,/,
      );
      const rows = parseCsv(csv.slice(1));
      expect(rows).toHaveLength(3);
      expect(rows[2]![4]).toBe(`'=HYPERLINK("http://example.invalid")`);
      expect(JSON.parse(rows[2]![11]!)).toEqual({ title: { from: '他说："好"，\n然后', to: 'a,b' } });
      expect(rows[2]!).toHaveLength(14);
    });

    it('exports JSON with every record in chain order, within the dates asked for', async () => {
      const records = await appendMany(5);
      const all = JSON.parse(await exportAudit({ store }, SYSTEM, {}, 'json')) as AuditRecord[];
      expect(all).toEqual(records);
      const some = JSON.parse(
        await exportAudit({ store }, SYSTEM, { from: at(2), to: at(4) }, 'json'),
      ) as AuditRecord[];
      expect(some.map((r) => r.id)).toEqual([2, 3]);
      expect(JSON.parse(await exportAudit({ store }, SYSTEM, { from: at(50) }, 'json'))).toEqual([]);
    });

    async function insertRow(content: Omit<AuditRecord, 'hash'>, hash: string): Promise<void> {
      await raw()
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
          summary: JSON.stringify(content.summary),
          prev_hash: content.prevHash,
          hash,
        })
        .execute();
    }
  });
}

function withoutHash(record: AuditRecord): Omit<AuditRecord, 'hash'> {
  const copy: Record<string, unknown> = { ...record };
  delete copy['hash'];
  return copy as unknown as Omit<AuditRecord, 'hash'>;
}

/** A small RFC 4180 reader, to check the export the way a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}
