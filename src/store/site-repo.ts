import type { Kysely } from 'kysely';
import type { SiteInput, SiteRepo } from '../app/index.js';
import { GazetteError, NO_PORTAL_SETTINGS, type PortalSettings, type Site } from '../core/index.js';
import type { Database, SiteRow } from './schema.js';

export function createSiteRepo(db: Kysely<Database>): SiteRepo {
  const hydrate = async (row: SiteRow): Promise<Site> => {
    const accounts = await db
      .selectFrom('site_accounts')
      .selectAll()
      .where('site_id', '=', row.id)
      .orderBy('position')
      .orderBy('id')
      .execute();
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      baseUrl: row.base_url,
      hosts: row.hosts.split(/\s+/).filter(Boolean),
      sponsor: {
        name: row.sponsor_name,
        address: row.sponsor_address,
        phone: row.sponsor_phone,
        email: row.sponsor_email,
        postcode: row.sponsor_postcode,
      },
      icpRecord: row.icp_record,
      policeRecord: row.police_record,
      policeRecordCode: row.police_record_code,
      siteCode: row.site_code,
      footerNotice: row.footer_notice,
      language: row.language,
      accounts: accounts.map((a) => ({ name: a.name, kind: a.kind, qrUrl: a.qr_url })),
      mourning: row.mourning === 1,
      portal: portalOf(row.portal),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  };

  const columnsOf = (input: SiteInput) => ({
    slug: input.slug,
    name: input.name,
    base_url: input.baseUrl,
    hosts: input.hosts.join(' '),
    sponsor_name: input.sponsor.name,
    sponsor_address: input.sponsor.address,
    sponsor_phone: input.sponsor.phone,
    sponsor_email: input.sponsor.email,
    sponsor_postcode: input.sponsor.postcode,
    icp_record: input.icpRecord,
    police_record: input.policeRecord,
    police_record_code: input.policeRecordCode,
    site_code: input.siteCode,
    footer_notice: input.footerNotice,
    language: input.language,
    ...(input.mourning === undefined ? {} : { mourning: input.mourning ? 1 : 0 }),
    ...(input.portal === undefined ? {} : { portal: JSON.stringify(input.portal) }),
  });

  const replaceAccounts = async (siteId: number, input: SiteInput): Promise<void> => {
    await db.deleteFrom('site_accounts').where('site_id', '=', siteId).execute();
    if (input.accounts.length === 0) return;
    await db
      .insertInto('site_accounts')
      .values(
        input.accounts.map((a, position) => ({
          site_id: siteId,
          name: a.name,
          kind: a.kind,
          qr_url: a.qrUrl,
          position,
        })),
      )
      .execute();
  };

  const get = async (id: number): Promise<Site | undefined> => {
    const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? hydrate(row) : undefined;
  };

  return {
    async list() {
      const rows = await db.selectFrom('sites').selectAll().orderBy('id').execute();
      return Promise.all(rows.map(hydrate));
    },
    get,
    async create(input, now) {
      const { id } = await db
        .insertInto('sites')
        .values({ ...columnsOf(input), created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replaceAccounts(id, input);
      return (await get(id)) as Site;
    },
    async update(id, input, now, expectedUpdatedAt) {
      let query = db
        .updateTable('sites')
        .set({ ...columnsOf(input), updated_at: now })
        .where('id', '=', id);
      if (expectedUpdatedAt !== undefined) query = query.where('updated_at', '=', expectedUpdatedAt);
      const result = await query.executeTakeFirst();
      if (result.numUpdatedRows === 0n) {
        const exists = await db.selectFrom('sites').select('id').where('id', '=', id).executeTakeFirst();
        throw exists
          ? new GazetteError('GZ_VERSION_CONFLICT', `site ${id}`, { expectedUpdatedAt })
          : new GazetteError('GZ_SITE_NOT_FOUND', String(id));
      }
      await replaceAccounts(id, input);
      return (await get(id)) as Site;
    },
  };
}

/** The stored JSON over the defaults: a setting added later reads as its default on older rows. */
export function portalOf(json: string): PortalSettings {
  let stored: Partial<PortalSettings> = {};
  try {
    stored = JSON.parse(json) as Partial<PortalSettings>;
  } catch {
    // A row written by hand: the defaults.
  }
  return { ...NO_PORTAL_SETTINGS, ...stored };
}
