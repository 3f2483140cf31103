import {
  assertHostName,
  assertSiteCode,
  GazetteError,
  holdsInstallationWide,
  normaliseBaseUrl,
  policeRecordCodeOf,
  reachesSite,
  type Column,
  type PortalSettings,
  type Principal,
  type Site,
} from '../core/index.js';
import { afterCommit, noEvents, type AppDeps } from './deps.js';
import { createDisclosureSection } from './manage-disclosure-section.js';
import { audit, principalName, requirePermission, systemPrincipal } from './principal.js';
import type { SiteInput, Store } from './ports.js';
import { plainText } from './sanitize.js';

/** ICP备案号: province abbreviation, ICP备, 6–10 digits, 号, and for one of several sites a suffix such as -1. */
export const ICP_RECORD_PATTERN = /^[\u4e00-\u9fff]ICP备\d{6,10}号(?:-\d{1,3})?$/;
/** 公网安备号: province abbreviation, 公网安备, the 14-digit record code, 号. */
export const POLICE_RECORD_PATTERN = /^[\u4e00-\u9fff]公网安备\s?\d{14}号$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A link a reader follows: a site path or an http(s) URL. */
const LINK_PATTERN = /^(?:\/(?!\/)\S*|https?:\/\/\S+)$/;
/** An image: a media-library link or an https URL. */
const IMAGE_PATTERN = /^(?:\/media\/[\w./-]+|https:\/\/\S+)$/;
/** A telephone number as people write it: digits, optionally grouped by hyphens or spaces. */
const HOTLINE_PATTERN = /^\d[\d -]{2,19}$/;

function checked(value: string, pattern: RegExp, field: string, what: string): string {
  const trimmed = value.trim();
  if (trimmed !== '' && !pattern.test(trimmed)) throw new GazetteError('GZ_INVALID_INPUT', what, { field });
  return trimmed;
}

function cleanPortal(portal: PortalSettings): PortalSettings {
  const link = 'a link is a site path (/…) or an http(s) URL';
  const image = 'an image is an uploaded file or an https URL';
  const badge = (value: string | null, field: string) =>
    value === null || value.trim() === '' ? null : checked(value, IMAGE_PATTERN, field, image);
  return {
    services: portal.services.map((service, index) => {
      const name = plainText(service.name);
      if (name === '')
        throw new GazetteError('GZ_INVALID_INPUT', 'a service needs a name', {
          field: `portal.services.${index}.name`,
        });
      const url = checked(service.url, LINK_PATTERN, `portal.services.${index}.url`, link);
      if (url === '')
        throw new GazetteError('GZ_INVALID_INPUT', link, { field: `portal.services.${index}.url` });
      return { name, url };
    }),
    mailboxUrl: checked(portal.mailboxUrl, LINK_PATTERN, 'portal.mailboxUrl', link),
    hotline: checked(portal.hotline, HOTLINE_PATTERN, 'portal.hotline', 'a hotline is a telephone number'),
    errorReportUrl: checked(portal.errorReportUrl, LINK_PATTERN, 'portal.errorReportUrl', link),
    errorReportBadgeUrl: badge(portal.errorReportBadgeUrl, 'portal.errorReportBadgeUrl'),
    partyMarkUrl: checked(portal.partyMarkUrl, LINK_PATTERN, 'portal.partyMarkUrl', link),
    partyMarkBadgeUrl: badge(portal.partyMarkBadgeUrl, 'portal.partyMarkBadgeUrl'),
    showViewCount: portal.showViewCount,
  };
}

function cleanSiteInput(input: SiteInput): SiteInput {
  const siteCode = input.siteCode.trim();
  assertSiteCode(siteCode);
  const name = plainText(input.name);
  if (name === '') throw new GazetteError('GZ_INVALID_INPUT', 'site name is required', { field: 'name' });
  const icpRecord = input.icpRecord.trim();
  if (icpRecord !== '' && !ICP_RECORD_PATTERN.test(icpRecord)) {
    throw new GazetteError('GZ_INVALID_ICP_RECORD', icpRecord, { field: 'icpRecord' });
  }
  const policeRecord = input.policeRecord.trim();
  if (policeRecord !== '' && !POLICE_RECORD_PATTERN.test(policeRecord)) {
    throw new GazetteError('GZ_INVALID_POLICE_RECORD', policeRecord, { field: 'policeRecord' });
  }
  const policeRecordCode = input.policeRecordCode.trim() || policeRecordCodeOf(policeRecord);
  if (policeRecordCode !== '' && !/^\d{14}$/.test(policeRecordCode)) {
    throw new GazetteError('GZ_INVALID_POLICE_RECORD', policeRecordCode, { field: 'policeRecordCode' });
  }
  const email = input.sponsor.email.trim();
  if (email !== '' && !EMAIL_PATTERN.test(email)) {
    throw new GazetteError('GZ_INVALID_INPUT', 'the sponsor e-mail address is not valid', {
      field: 'sponsor.email',
    });
  }
  const hosts = input.hosts.map((host) => assertHostName(host.trim())).filter(Boolean);
  for (const [index, account] of input.accounts.entries()) {
    if (plainText(account.name) === '') {
      throw new GazetteError('GZ_INVALID_INPUT', 'an account needs a name', {
        field: `accounts.${index}.name`,
      });
    }
    if (account.qrUrl !== null && !/^(?:\/media\/[\w./-]+|https:\/\/\S+)$/.test(account.qrUrl)) {
      throw new GazetteError('GZ_INVALID_INPUT', 'a QR code is an uploaded file or an https URL', {
        field: `accounts.${index}.qrUrl`,
      });
    }
  }
  return {
    ...input,
    name,
    baseUrl: normaliseBaseUrl(input.baseUrl),
    hosts,
    sponsor: {
      name: plainText(input.sponsor.name),
      address: plainText(input.sponsor.address),
      phone: plainText(input.sponsor.phone),
      email,
      postcode: plainText(input.sponsor.postcode),
    },
    icpRecord,
    policeRecord,
    policeRecordCode,
    siteCode,
    footerNotice: plainText(input.footerNotice),
    accounts: input.accounts.map((account) => ({ ...account, name: plainText(account.name) })),
    ...(input.portal === undefined ? {} : { portal: cleanPortal(input.portal) }),
  };
}

/** Checks a list of hosts and that no site (other than `siteId`) claims one; names the site that does. */
export async function assertHostsFree(
  store: Store,
  hosts: readonly string[],
  siteId: number | null,
): Promise<void> {
  for (const host of hosts) assertHostName(host);
  const twice = hosts.find((host, index) => hosts.indexOf(host) !== index);
  if (twice !== undefined)
    throw new GazetteError('GZ_INVALID_HOST', `${twice}: named twice`, { field: 'hosts' });
  const claimants = await store.sites.claimants(hosts);
  for (const [host, owner] of claimants) {
    if (owner === siteId) continue;
    const site = await store.sites.get(owner);
    throw new GazetteError('GZ_HOST_TAKEN', `${host} (${site?.name ?? `site ${owner}`})`, { field: 'hosts' });
  }
}

/**
 * A new site (集约化: one installation hosts many), with no columns: the system (CLI, demo) or a platform's
 * system administrator (`addSite` in manage-platform.ts adds the columns).
 */
export function createSite(deps: AppDeps, principal: Principal, input: SiteInput): Promise<Site> {
  const clean = cleanSiteInput(input);
  return afterCommit(deps, async (store, emit) => {
    if (!holdsInstallationWide(principal, 'platform.manage'))
      throw new GazetteError('GZ_FORBIDDEN', 'platform.manage');
    await assertHostsFree(store, clean.hosts, null);
    const now = deps.clock.now();
    const site = await store.sites.create(clean, now);
    // Every site starts with the standard 政府信息公开 专栏, which its administrators then edit. The columns
    // are part of the site being created (the decision above covers them), so they are made by the system
    // on the creator's behalf: a platform's system administrator holds no column role on any site.
    await createDisclosureSection(
      { ...deps, store, events: noEvents },
      principal.kind === 'system' ? principal : systemPrincipal(`site.create:${principalName(principal)}`),
      site.id,
    );
    await audit(store, principal, now, {
      action: 'site.create',
      targetType: 'site',
      targetId: String(site.id),
      siteId: site.id,
      result: 'ok',
      summary: { name: site.name, baseUrl: site.baseUrl },
    });
    emit({ type: 'site-updated', siteId: site.id });
    return site;
  });
}

/** Changes the site settings; with `expectedUpdatedAt`, a change made meanwhile is a `GZ_VERSION_CONFLICT`. */
export function updateSite(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  input: SiteInput,
  expectedUpdatedAt?: string,
): Promise<Site> {
  const clean = cleanSiteInput(input);
  return afterCommit(deps, async (store, emit) => {
    await requirePermission(store, principal, 'site.settings', { siteId });
    const before = await store.sites.get(siteId);
    if (!before) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
    await assertHostsFree(store, clean.hosts, siteId);
    const now = deps.clock.now();
    const site = await store.sites.update(siteId, clean, now, expectedUpdatedAt);
    const changed: Record<string, unknown> = {};
    for (const key of Object.keys(clean) as (keyof SiteInput)[]) {
      const structured = key === 'sponsor' || key === 'accounts' || key === 'hosts' || key === 'portal';
      const from = structured ? JSON.stringify(before[key]) : before[key];
      const to = structured ? JSON.stringify(site[key]) : site[key];
      if (from !== to) changed[key] = { from, to };
    }
    await audit(store, principal, now, {
      action: 'site.update',
      targetType: 'site',
      targetId: String(siteId),
      siteId,
      result: 'ok',
      summary: changed,
    });
    emit({ type: 'site-updated', siteId });
    return site;
  });
}

/** The sites the principal holds a role on (every site for installation-wide roles and the system). */
export async function listSitesFor(deps: Pick<AppDeps, 'store'>, principal: Principal): Promise<Site[]> {
  const sites = await deps.store.sites.list();
  return sites.filter((site) => reachesSite(principal, site.id));
}

/** One site with its settings; a site the principal holds no role on answers not found, as a missing one. */
export async function readSiteForAdmin(
  deps: Pick<AppDeps, 'store'>,
  principal: Principal,
  siteId: number,
): Promise<Site> {
  const site = reachesSite(principal, siteId) ? await deps.store.sites.get(siteId) : null;
  if (!site) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  return site;
}

/** The columns of a site, flat (parentId and position give the tree), for anyone holding a role on it. */
export async function listColumnsOfSite(
  deps: Pick<AppDeps, 'store'>,
  principal: Principal,
  siteId: number,
): Promise<Column[]> {
  if (!reachesSite(principal, siteId)) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  return deps.store.columns.listBySite(siteId);
}
