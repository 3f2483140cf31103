import type { Kysely } from 'kysely';
import type {
  InspectionReport,
  InspectionRepo,
  InspectionRunSummary,
  InspectionTrigger,
} from '../app/index.js';
import type { Verdict } from '../core/index.js';
import type { DialectAdapter } from './dialect.js';
import type { Database } from './schema.js';
import type { InspectionRunRow } from './schema-inspections.js';

const toSummary = (row: InspectionRunRow): InspectionRunSummary => ({
  id: row.id,
  siteId: row.site_id,
  runKey: row.run_key,
  trigger: row.trigger as InspectionTrigger,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  verdict: row.verdict as Verdict | null,
  score: row.score,
  failedVetoes: row.failed_vetoes,
  atRiskVetoes: row.at_risk_vetoes,
});

export function createInspectionRepo(db: Kysely<Database>, dialect?: DialectAdapter): InspectionRepo {
  return {
    async claim(siteId, runKey, trigger, now) {
      try {
        const { id } = await db
          .insertInto('inspection_runs')
          .values({ site_id: siteId, run_key: runKey, trigger, started_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      } catch (error) {
        if (dialect?.isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async finish(id, report: InspectionReport, now) {
      await db
        .updateTable('inspection_runs')
        .set({
          finished_at: now,
          verdict: report.verdict,
          score: report.score,
          failed_vetoes: report.vetoes.filter((v) => v.status === 'failed').length,
          at_risk_vetoes: report.vetoes.filter((v) => v.status === 'at-risk').length,
          report: JSON.stringify(report),
        })
        .where('id', '=', id)
        .execute();
    },
    async list(siteId, limit) {
      const rows = await db
        .selectFrom('inspection_runs')
        .selectAll()
        .where('site_id', '=', siteId)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toSummary);
    },
    async finishedBetween(siteId, from, to) {
      const rows = await db
        .selectFrom('inspection_runs')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('finished_at', 'is not', null)
        .where('started_at', '>=', from)
        .where('started_at', '<', to)
        .orderBy('started_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        ...toSummary(row),
        report: row.report === null ? null : (JSON.parse(row.report) as InspectionReport),
      }));
    },
    async latest(siteId) {
      const row = await db
        .selectFrom('inspection_runs')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('finished_at', 'is not', null)
        .orderBy('finished_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        ...toSummary(row),
        report: row.report === null ? null : (JSON.parse(row.report) as InspectionReport),
      };
    },
    async recordProbe(probe) {
      await db
        .insertInto('availability_probes')
        .values({
          site_id: probe.siteId,
          url: probe.url,
          at: probe.at,
          status: probe.status,
          ttfb_ms: probe.ttfbMs === null ? null : Math.round(probe.ttfbMs),
          total_ms: probe.totalMs === null ? null : Math.round(probe.totalMs),
          ok: probe.ok ? 1 : 0,
          error: probe.error === null ? null : probe.error.slice(0, 500),
          tls_valid_to: probe.tlsValidTo,
          addresses: probe.addresses.join(',').slice(0, 1000),
        })
        .execute();
    },
    async probeSummary(siteId, from, to) {
      const rows = await db
        .selectFrom('availability_probes')
        .select(['ok', db.fn.countAll<number | string>().as('n')])
        .where('site_id', '=', siteId)
        .where('at', '>=', from)
        .where('at', '<', to)
        .groupBy('ok')
        .execute();
      let probes = 0;
      let failed = 0;
      for (const row of rows) {
        probes += Number(row.n);
        if (Number(row.ok) === 0) failed += Number(row.n);
      }
      return { probes, failed };
    },
    async lastProbe(siteId, url) {
      const row = await db
        .selectFrom('availability_probes')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('url', '=', url)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        siteId: row.site_id,
        url: row.url,
        at: row.at,
        status: row.status,
        ttfbMs: row.ttfb_ms,
        totalMs: row.total_ms,
        ok: row.ok === 1,
        error: row.error,
        tlsValidTo: row.tls_valid_to,
        addresses: row.addresses === '' ? [] : row.addresses.split(','),
      };
    },
  };
}
