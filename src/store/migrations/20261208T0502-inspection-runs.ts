import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * Results of the self-check, kept for the trend on the dashboard. The unique (site, run key) lets exactly one
 * process of an installation take the day's scheduled run: the others find the key taken.
 */
export const inspectionRuns: GazetteMigration = {
  name: '20261208T0502-inspection-runs',
  async up(db: AnyKysely, dialect): Promise<void> {
    await db.schema
      .createTable('inspection_runs')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('run_key', 'varchar(64)', (c) => c.notNull())
      .addColumn('trigger', 'varchar(16)', (c) => c.notNull())
      .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('finished_at', 'varchar(32)')
      .addColumn('verdict', 'varchar(16)')
      .addColumn('score', 'integer')
      .addColumn('failed_vetoes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('at_risk_vetoes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('report', 'text')
      .addUniqueConstraint('inspection_runs_site_key', ['site_id', 'run_key'])
      .execute();
  },
};
