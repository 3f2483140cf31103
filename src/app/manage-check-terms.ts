import { internalArticleLinks, type CheckOptions } from '../check/index.js';
import { formatDate, GazetteError, type Principal, type Site } from '../core/index.js';
import type { AppDeps } from './deps.js';
import { CHECK_TERM_KINDS, type CheckTerm, type CheckTermKind } from './ports-check-terms.js';
import type { Store } from './ports.js';
import { audit, principalName, requirePermission } from './principal.js';
import { plainText } from './sanitize.js';

export interface CheckTermCommand {
  readonly siteId: number;
  readonly kind: CheckTermKind;
  readonly term: string;
  readonly canonical?: string | null;
  readonly note?: string;
}

const MIN_TERM = 2;
const MAX_TERM = 50;

function cleanTerm(command: CheckTermCommand): Required<CheckTermCommand> {
  if (!CHECK_TERM_KINDS.includes(command.kind)) {
    throw new GazetteError('GZ_INVALID_INPUT', `kind must be one of ${CHECK_TERM_KINDS.join(', ')}`, {
      field: 'kind',
    });
  }
  const term = plainText(command.term).replace(/\s+/g, ' ');
  const length = [...term].length;
  // One character would match everywhere: a dictionary entry that blocks every article is a mistake.
  if (length < MIN_TERM || length > MAX_TERM) {
    throw new GazetteError('GZ_INVALID_INPUT', `a term has ${MIN_TERM} to ${MAX_TERM} characters`, {
      field: 'term',
    });
  }
  const canonical = command.canonical ? plainText(command.canonical).replace(/\s+/g, ' ') : '';
  if (command.kind === 'formulation') {
    if (canonical === '' || [...canonical].length > 100) {
      throw new GazetteError(
        'GZ_INVALID_INPUT',
        'a wrong form needs its correct form (1 to 100 characters)',
        {
          field: 'canonical',
        },
      );
    }
    if (canonical === term) {
      throw new GazetteError('GZ_INVALID_INPUT', 'the correct form must differ from the wrong one', {
        field: 'canonical',
      });
    }
  } else if (canonical !== '') {
    throw new GazetteError('GZ_INVALID_INPUT', 'only a formulation has a correct form', {
      field: 'canonical',
    });
  }
  const note = plainText(command.note ?? '');
  if ([...note].length > 200) {
    throw new GazetteError('GZ_INVALID_INPUT', 'a note has at most 200 characters', { field: 'note' });
  }
  return { siteId: command.siteId, kind: command.kind, term, canonical: canonical || null, note };
}

/** Fails with GZ_SITE_NOT_FOUND unless the site exists (for a site's own dictionaries). */
export async function requireSite(store: Store, siteId: number): Promise<void> {
  if (!(await store.sites.get(siteId))) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
}

/** The site's own dictionary entries. Kept to those who manage the site's settings: the list itself is sensitive. */
export async function listCheckTerms(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<CheckTerm[]> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  await requireSite(deps.store, siteId);
  return deps.store.checkTerms.list(siteId);
}

export function addCheckTerm(
  deps: AppDeps,
  principal: Principal,
  command: CheckTermCommand,
): Promise<CheckTerm> {
  const clean = cleanTerm(command);
  return deps.store.transaction(async (store) => {
    await requirePermission(store, principal, 'site.settings', { siteId: clean.siteId });
    await requireSite(store, clean.siteId);
    if (await store.checkTerms.find(clean.siteId, clean.kind, clean.term)) {
      throw new GazetteError('GZ_CHECK_TERM_EXISTS', `${clean.kind} ${clean.term}`, { field: 'term' });
    }
    const now = deps.clock.now();
    const term = await store.checkTerms.add({ ...clean, createdBy: principalName(principal) }, now);
    await audit(store, principal, now, {
      action: 'check-term.add',
      targetType: 'check-term',
      targetId: String(term.id),
      siteId: term.siteId,
      result: 'ok',
      summary: { kind: term.kind, term: term.term, canonical: term.canonical },
    });
    return term;
  });
}

export function removeCheckTerm(deps: AppDeps, principal: Principal, id: number): Promise<void> {
  return deps.store.transaction(async (store) => {
    const term = await store.checkTerms.get(id);
    if (!term) throw new GazetteError('GZ_CHECK_TERM_NOT_FOUND', String(id));
    await requirePermission(store, principal, 'site.settings', { siteId: term.siteId });
    await store.checkTerms.remove(id);
    await audit(store, principal, deps.clock.now(), {
      action: 'check-term.remove',
      targetType: 'check-term',
      targetId: String(id),
      siteId: term.siteId,
      result: 'ok',
      summary: { kind: term.kind, term: term.term, canonical: term.canonical },
    });
  });
}

/**
 * What the content checks need to know of a site: its own names (a source naming the site is not a reprint),
 * today's date in Beijing time, and its own dictionary entries. Every place that checks an article (the editor's
 * findings, the publish gate, `gazette check site`) asks here, so they all judge alike.
 */
export async function checkOptionsFor(
  store: Store,
  site: Site | undefined,
  now: string,
  bodyHtml?: string,
): Promise<CheckOptions> {
  const today = formatDate(now);
  if (!site) return { today };
  const deadLinks = bodyHtml
    ? await deadLinksIn(store, site, bodyHtml)
    : new Map<string, 'withdrawn' | 'missing'>();
  const terms = await store.checkTerms.list(site.id);
  const formulations = terms
    .filter((t) => t.kind === 'formulation' && t.canonical !== null)
    .map((t) => ({ canonical: t.canonical as string, category: 'slip' as const, wrong: [t.term] }));
  return {
    today,
    ownSources: [site.name, site.sponsor.name],
    sensitiveWords: terms.filter((t) => t.kind === 'sensitive').map((t) => t.term),
    allowedWords: terms.filter((t) => t.kind === 'allowed').map((t) => t.term),
    ...(formulations.length > 0 ? { formulations } : {}),
    siteBaseUrl: site.baseUrl,
    ...(deadLinks.size > 0 ? { deadLinks } : {}),
  };
}

/**
 * Links of `bodyHtml` to the site's own articles that are withdrawn or missing (looked up here, judged by the
 * internal-link rule). Part of `checkOptionsFor`; a whole-site check asks it per article and reads the rest
 * of the options once.
 */
export async function deadLinksIn(
  store: Store,
  site: Site,
  bodyHtml: string,
): Promise<Map<string, 'withdrawn' | 'missing'>> {
  const deadLinks = new Map<string, 'withdrawn' | 'missing'>();
  for (const path of internalArticleLinks(bodyHtml, site.baseUrl).slice(0, 200)) {
    const linked = await store.articles.getByPath(site.id, path);
    if (!linked) deadLinks.set(path, 'missing');
    else if (linked.status === 'withdrawn') deadLinks.set(path, 'withdrawn');
  }
  return deadLinks;
}
