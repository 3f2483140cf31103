import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * Site portal settings (政务服务 tiles, 互动交流 entries, 党政机关 mark, view counts on articles) as one JSON
 * text, read and written whole by the site repository: the same on both dialects, and a new setting needs
 * no new column.
 */
export const portal: GazetteMigration = {
  name: '20261207T0001-portal',
  async up(db: AnyKysely): Promise<void> {
    await db.schema
      .alterTable('sites')
      .addColumn('portal', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
  },
};
