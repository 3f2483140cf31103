import { COMMON_OPTIONS, withGazette, type Command } from './command.js';
import { runSearchQuery, runSearchReindex, runSearchTerms } from './search-command.js';
import { siteIdOption } from './site-commands.js';

/** `gazette search …`: the site search index, its dictionary, and a query as a visitor makes it. */
export const searchCommands: Readonly<Record<string, Command>> = {
  'search reindex': {
    summary: 'rebuild the site search index from the published articles',
    usage: 'gazette search reindex [--site SITE] [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS, site: { type: 'string' } },
    run: (values) =>
      withGazette(values, async (gazette) => runSearchReindex(gazette, await siteIdOption(gazette, values))),
  },
  'search terms': {
    summary: 'list, add or remove words of the search dictionary (kept whole by the segmenter)',
    usage: 'gazette search terms list|add|remove [TERM...] [--site SITE] [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS, site: { type: 'string' } },
    positionals: ['ACTION', '[TERM...]'],
    run: (values, { positionals }) =>
      withGazette(values, async (gazette) =>
        runSearchTerms(
          gazette,
          positionals[0] ?? '',
          positionals.slice(1),
          await siteIdOption(gazette, values),
        ),
      ),
  },
  'search query': {
    summary: 'search the published articles of a site as a visitor would',
    usage: 'gazette search query WORDS... [--site SITE] [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS, site: { type: 'string' } },
    positionals: ['WORDS...'],
    run: (values, { positionals }) =>
      withGazette(values, async (gazette) =>
        runSearchQuery(gazette, positionals, await siteIdOption(gazette, values)),
      ),
  },
};
