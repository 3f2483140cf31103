import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * The self-check counts columns by how often the inspection indicators expect them to change (动态要闻 2 weeks,
 * 通知公告/政策文件 6 months, 人事/规划 1 year). `update_class` is that class when set on the column; null means
 * the default of the column's kind and name.
 */
export const columnUpdateClass: GazetteMigration = {
  name: '20261208T0501-column-update-class',
  async up(db: AnyKysely): Promise<void> {
    await db.schema.alterTable('columns').addColumn('update_class', 'varchar(16)').execute();
  },
};
