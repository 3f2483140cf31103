import {
  assertSiteCode,
  GazetteError,
  normaliseBaseUrl,
  policeRecordCodeOf,
  type Site,
} from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
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

export function createSite(deps: AppDeps, input: SiteInput): Promise<Site> {
  const clean = cleanSiteInput(input);
  return afterCommit(deps, async (store, emit) => {
    const site = await store.sites.create(clean, deps.clock.now());
    emit({ type: 'site-updated', siteId: site.id });
    return site;
  });
}

export function updateSite(deps: AppDeps, siteId: number, input: SiteInput): Promise<Site> {
  const clean = cleanSiteInput(input);
  return afterCommit(deps, async (store, emit) => {
    const site = await store.sites.update(siteId, clean, deps.clock.now());
    emit({ type: 'site-updated', siteId });
    return site;
  });
}
