import type { Site } from '../core/index.js';
import {
  COMMON_OPTIONS,
  listFormat,
  table,
  UsageError,
  withGazette,
  type Command,
  type Values,
} from './command.js';

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

/** `gazette site list`: id, slug, name and hosts of every site. */
async function runSiteList(values: Values): Promise<number> {
  const format = listFormat(values);
  return withGazette(values, async (gazette) => {
    const sites = await gazette.deps.store.sites.list();
    if (format === 'json') {
      const rows = sites.map(({ id, slug, name, hosts }) => ({ id, slug, name, hosts }));
      console.log(JSON.stringify(rows, null, 2));
      return 0;
    }
    const rows = sites.map((site) => [
      String(site.id),
      site.slug,
      site.name,
      site.hosts.length > 0 ? site.hosts.join(', ') : '—',
    ]);
    console.log(table(['id', 'slug', 'name', 'hosts'], rows));
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
};
