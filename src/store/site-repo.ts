import type { Kysely } from 'kysely';
import type { SiteCounts, SiteInput, SiteRepo } from '../app/index.js';
import {
  GazetteError,
  NO_PORTAL_SETTINGS,
  type AccountKind,
  type PortalSettings,
  type Site,
  type SiteStatus,
} from '../core/index.js';
import type { Database, SiteRow } from './schema.js';

export function createSiteRepo(db: Kysely<Database>): SiteRepo {
  type AccountRow = { name: string; kind: AccountKind; qr_url: string | null };
  /** The accounts of the given sites, in one query whatever their number. */
  const accountsOf = async (siteIds: readonly number[]): Promise<Map<number, AccountRow[]>> => {
    const bySite = new Map<number, AccountRow[]>();
    if (siteIds.length === 0) return bySite;
    const rows = await db
      .selectFrom('site_accounts')
      .selectAll()
      .where('site_id', 'in', siteIds)
      .orderBy('site_id')
      .orderBy('position')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const list = bySite.get(row.site_id) ?? [];
      list.push(row);
      bySite.set(row.site_id, list);
    }
    return bySite;
  };

  const hydrate = (row: SiteRow, accounts: readonly AccountRow[]): Site => {
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
      status: row.status === 'disabled' ? 'disabled' : 'active',
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

  /**
   * The hosts table follows the site's list; its primary key refuses a host another site holds (the use
   * case checks first and names the site; two operators at the same moment meet GZ_SAVE_CONFLICT).
   */
  const replaceHosts = async (siteId: number, hosts: readonly string[]): Promise<void> => {
    await db.deleteFrom('site_hosts').where('site_id', '=', siteId).execute();
    if (hosts.length === 0) return;
    await db
      .insertInto('site_hosts')
      .values(hosts.map((host) => ({ host, site_id: siteId })))
      .execute();
  };

  const get = async (id: number): Promise<Site | undefined> => {
    const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? hydrate(row, (await accountsOf([id])).get(id) ?? []) : undefined;
  };

  return {
    async list() {
      const rows = await db.selectFrom('sites').selectAll().orderBy('id').execute();
      const accounts = await accountsOf(rows.map((r) => r.id));
      return rows.map((row) => hydrate(row, accounts.get(row.id) ?? []));
    },
    get,
    async create(input, now) {
      const { id } = await db
        .insertInto('sites')
        .values({ ...columnsOf(input), created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replaceHosts(id, input.hosts);
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
      await replaceHosts(id, input.hosts);
      await replaceAccounts(id, input);
      return (await get(id)) as Site;
    },
    async setStatus(id: number, status: SiteStatus, now: string) {
      const result = await db
        .updateTable('sites')
        .set({ status, updated_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new GazetteError('GZ_SITE_NOT_FOUND', String(id));
      return (await get(id)) as Site;
    },
    async claimants(hosts) {
      if (hosts.length === 0) return new Map();
      const rows = await db.selectFrom('site_hosts').selectAll().where('host', 'in', hosts).execute();
      return new Map(rows.map((row) => [row.host, row.site_id]));
    },
    async counts() {
      const columns = await db
        .selectFrom('columns')
        .select(['site_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .groupBy('site_id')
        .execute();
      const articles = await db
        .selectFrom('articles')
        .select([
          'site_id',
          (eb) => eb.fn.countAll<number | string>().as('n'),
          (eb) =>
            eb.fn
              .sum<number | string | null>(eb.case().when('status', '=', 'published').then(1).else(0).end())
              .as('published'),
          (eb) =>
            eb.fn
              .sum<number | string | null>(eb.case().when('status', '=', 'in-review').then(1).else(0).end())
              .as('review'),
          (eb) => eb.fn.max<string | null>('published_at').as('last'),
        ])
        .groupBy('site_id')
        .execute();
      const counts = new Map<number, SiteCounts>();
      const empty: SiteCounts = { columns: 0, articles: 0, published: 0, lastPublishedAt: null, inReview: 0 };
      for (const row of columns) counts.set(row.site_id, { ...empty, columns: Number(row.n) });
      for (const row of articles) {
        counts.set(row.site_id, {
          ...(counts.get(row.site_id) ?? empty),
          articles: Number(row.n),
          published: Number(row.published ?? 0),
          inReview: Number(row.review ?? 0),
          lastPublishedAt: row.last,
        });
      }
      return counts;
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
