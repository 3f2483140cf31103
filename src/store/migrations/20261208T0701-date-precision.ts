import type { AnyKysely, GazetteMigration } from '../dialect.js';

/** Shanghai midnight as the store writes instants: the time an imported date-only page was given. */
const SHANGHAI_MIDNIGHT = '%T16:00:00.000Z';

/**
 * How much of an article's or series' publish time is known: 'date' (the day only), 'minute', 'second'; NULL
 * when the system set the time itself (publishing now or at a scheduled time), which is known to the second.
 * Pages imported before this column existed that were given Shanghai midnight came from pages showing the day
 * only: they are marked 'date', so their pages stop showing a made-up "00:00".
 */
export const datePrecision: GazetteMigration = {
  name: '20261208T0701-date-precision',
  async up(db: AnyKysely): Promise<void> {
    for (const table of ['articles', 'series'] as const) {
      await db.schema.alterTable(table).addColumn('published_precision', 'varchar(8)').execute();
    }
    const imports = (await db
      .selectFrom('imports')
      .select(['article_id', 'series_id', 'member_ids'])
      .execute()) as {
      article_id: number | null;
      series_id: number | null;
      member_ids: string;
    }[];
    const articleIds = imports.flatMap((row) => [
      ...(row.article_id === null ? [] : [row.article_id]),
      ...(JSON.parse(row.member_ids || '[]') as number[]),
    ]);
    const seriesIds = imports.flatMap((row) => (row.series_id === null ? [] : [row.series_id]));
    for (const [table, ids] of [
      ['articles', articleIds],
      ['series', seriesIds],
    ] as const) {
      for (let i = 0; i < ids.length; i += 500) {
        await db
          .updateTable(table)
          .set({ published_precision: 'date' })
          .where('id', 'in', ids.slice(i, i + 500))
          .where('published_at', 'like', SHANGHAI_MIDNIGHT)
          .execute();
      }
    }
  },
};
