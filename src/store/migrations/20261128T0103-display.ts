import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * Site display settings: `mourning` (哀悼日) turns every public page of the site greyscale at once.
 * 0 = off, 1 = on (an integer, like every flag, so both dialects read it the same way).
 */
export const display: GazetteMigration = {
  name: '20261128T0103-display',
  async up(db: AnyKysely): Promise<void> {
    await db.schema
      .alterTable('sites')
      .addColumn('mourning', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
