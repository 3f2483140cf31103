import { addSite, listPlatformSites, setSiteStatus, systemPrincipal } from '../app/index.js';
import type { Gazette } from '../boot/index.js';
import type { Site, SiteStatus } from '../core/index.js';
import {
  COMMON_OPTIONS,
  listFormat,
  table,
  UsageError,
  withGazette,
  type Command,
  type CommandArgs,
  type Values,
} from './command.js';

const CLI = systemPrincipal('cli');

/**
 * `gazette site …`: the sites of the installation. Every place the CLI takes a site (`--site`, `ROLE@SITE`)
 * takes its id or its slug, as `gazette site list` shows them.
 */

/** The site a command-line value names: its id or its slug; undefined when none has it. */
export function siteNamed(sites: readonly Site[], text: string): Site | undefined {
  return /^\d{1,9}$/.test(text)
    ? sites.find((s) => s.id === Number(text))
    : sites.find((s) => s.slug === text);
}

/** The id of the site --site names (an id or a slug), when given. */
export const siteIdOption = async (gazette: Gazette, values: Values): Promise<number | undefined> =>
  (await siteOption(() => gazette.deps.store.sites.list(), values))?.id;

/** The site `--site` names, or undefined without --site; an unknown site is a usage error naming it. */
export async function siteOption(
  sites: () => Promise<readonly Site[]>,
  values: Values,
): Promise<Site | undefined> {
  const raw = values['site'];
  if (raw === undefined) return undefined;
  const text = String(raw);
  const site = siteNamed(await sites(), text);
  if (!site) throw new UsageError(unknownSite('--site', text));
  return site;
}

/** The message for a site nobody has: which value named it, and where the sites are listed. */
export const unknownSite = (flag: string, text: string): string =>
  `${flag} ${text}: unknown site "${text}" (give a site id or slug; gazette site list shows them)`;

/** `gazette site list`: id, slug, name, hosts, status and what each site holds. */
async function runSiteList(values: Values): Promise<number> {
  const format = listFormat(values);
  return withGazette(values, async (gazette) => {
    const sites = await listPlatformSites(gazette.deps, CLI);
    if (format === 'json') {
      const rows = sites.map(({ site: { id, slug, name, hosts, status }, counts, stale }) => ({
        id,
        slug,
        name,
        hosts,
        status,
        stale,
        ...counts,
      }));
      console.log(JSON.stringify(rows, null, 2));
      return 0;
    }
    const rows = sites.map(({ site, counts }) => [
      String(site.id),
      site.slug,
      site.name,
      site.hosts.length > 0 ? site.hosts.join(', ') : '—',
      site.status === 'active' ? 'active' : 'disabled',
      String(counts.columns),
      String(counts.published),
      String(counts.articles),
    ]);
    console.log(table(['id', 'slug', 'name', 'hosts', 'status', 'columns', 'published', 'articles'], rows));
    return 0;
  });
}

/** `gazette site add`: a new site with the standard columns (or a template's) and no content. */
async function runSiteAdd(values: Values, args: CommandArgs): Promise<number> {
  const name = values['name'];
  if (typeof name !== 'string' || name.trim() === '') throw new UsageError('--name is required');
  const first = values['host'];
  const hosts = [...(typeof first === 'string' ? [first] : []), ...(args.lists['alias'] ?? [])];
  if (typeof first !== 'string' && hosts.length > 0) throw new UsageError('--alias needs --host');
  return withGazette(values, async (gazette) => {
    const template = values['from-template'];
    const templateSite =
      typeof template === 'string' ? siteNamed(await gazette.deps.store.sites.list(), template) : undefined;
    if (typeof template === 'string' && !templateSite)
      throw new UsageError(unknownSite('--from-template', template));
    const started = performance.now();
    const site = await addSite(gazette.deps, CLI, {
      name,
      hosts,
      ...(typeof values['slug'] === 'string' ? { slug: values['slug'] } : {}),
      ...(typeof values['base-url'] === 'string' ? { baseUrl: values['base-url'] } : {}),
      ...(templateSite ? { templateSiteId: templateSite.id } : {}),
    });
    const columns = (await gazette.deps.store.columns.listBySite(site.id)).length;
    const ms = Math.round(performance.now() - started);
    console.log(
      `site ${site.id} (${site.slug}) added: ${site.name}, ${site.hosts.join(', ') || 'no host (answers every unclaimed host)'}, ${columns} columns, in ${ms} ms`,
    );
    return 0;
  });
}

/** `gazette site disable|enable SITE`. */
function runSiteStatus(status: SiteStatus) {
  return async (values: Values, args: CommandArgs): Promise<number> =>
    withGazette(values, async (gazette) => {
      const text = args.positionals[0] ?? '';
      const site = siteNamed(await gazette.deps.store.sites.list(), text);
      if (!site) throw new UsageError(unknownSite('SITE', text));
      const changed = await setSiteStatus(gazette.deps, CLI, site.id, status);
      console.log(`site ${changed.id} (${changed.slug}) is ${changed.status}`);
      return 0;
    });
}

/** The commands of the `site` group. */
export const siteCommands: Readonly<Record<string, Command>> = {
  'site list': {
    summary:
      'list the sites with their id, slug, name and hosts (--site and ROLE@SITE take the id or the slug)',
    usage: 'gazette site list [--format text|json] [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS, format: { type: 'string' } },
    run: (values) => runSiteList(values),
  },
  'site add': {
    summary:
      "add a site with the standard column set (or a template site's columns), its own identity and no content",
    usage:
      'gazette site add --name NAME [--host HOST] [--alias HOST]... [--slug SLUG] [--base-url URL] [--from-template SITE] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      name: { type: 'string' },
      host: { type: 'string' },
      alias: { type: 'string', multiple: true },
      slug: { type: 'string' },
      'base-url': { type: 'string' },
      'from-template': { type: 'string' },
    },
    notes: [
      'A host is written in lower case without a port; a host another site answers to is refused.',
      'A site without a host answers every host no other site claims.',
    ],
    run: (values, args) => runSiteAdd(values, args),
  },
  'site disable': {
    summary: 'switch a site off: its hosts answer the platform 404, its content and accounts stay',
    usage: 'gazette site disable SITE [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    positionals: ['SITE'],
    run: runSiteStatus('disabled'),
  },
  'site enable': {
    summary: 'switch a disabled site on again',
    usage: 'gazette site enable SITE [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    positionals: ['SITE'],
    run: runSiteStatus('active'),
  },
};
