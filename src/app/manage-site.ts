import {
  assertSiteCode,
  GazetteError,
  normaliseBaseUrl,
  policeRecordCodeOf,
  type Principal,
  type Site,
} from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import { audit, requirePermission } from './principal.js';
import type { SiteInput } from './ports.js';
import { plainText } from './sanitize.js';

function cleanSiteInput(input: SiteInput): SiteInput {
  assertSiteCode(input.siteCode);
  const name = plainText(input.name);
  if (name === '') throw new GazetteError('GZ_INVALID_INPUT', 'site name is required', { field: 'name' });
  return {
    ...input,
    name,
    baseUrl: normaliseBaseUrl(input.baseUrl),
    hosts: input.hosts.map((host) => host.trim().toLowerCase()).filter(Boolean),
    policeRecordCode: input.policeRecordCode || policeRecordCodeOf(input.policeRecord),
    footerNotice: plainText(input.footerNotice),
  };
}

/** A new site (集约化: one installation hosts many). Only the system (CLI, demo) creates sites. */
export function createSite(deps: AppDeps, principal: Principal, input: SiteInput): Promise<Site> {
  const clean = cleanSiteInput(input);
  return afterCommit(deps, async (store, emit) => {
    if (principal.kind !== 'system') throw new GazetteError('GZ_FORBIDDEN', 'site.create');
    const now = deps.clock.now();
    const site = await store.sites.create(clean, now);
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

export function updateSite(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  input: SiteInput,
): Promise<Site> {
  const clean = cleanSiteInput(input);
  return afterCommit(deps, async (store, emit) => {
    await requirePermission(store, principal, 'site.settings', { siteId });
    const before = await store.sites.get(siteId);
    if (!before) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
    const now = deps.clock.now();
    const site = await store.sites.update(siteId, clean, now);
    const changed: Record<string, unknown> = {};
    for (const key of Object.keys(clean) as (keyof SiteInput)[]) {
      const from =
        key === 'sponsor' || key === 'accounts' || key === 'hosts'
          ? JSON.stringify(before[key])
          : before[key];
      const to =
        key === 'sponsor' || key === 'accounts' || key === 'hosts' ? JSON.stringify(site[key]) : site[key];
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
