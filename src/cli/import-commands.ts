import { loadConfig } from '../config/index.js';
import { COMMON_OPTIONS, flagsOf, lazy, type Command } from './command.js';

const boot = () => import('../boot/index.js');
const openGazette = lazy(boot, 'openGazette');
const imports = () => import('./import-command.js');
const importOptions = lazy(imports, 'importOptions');
const runImport = lazy(imports, 'runImport');

/** `gazette import`: existing portal pages, from files or a crawl (implemented in import-command.ts). */
export const importCommands: Readonly<Record<string, Command>> = {
  import: {
    summary:
      'import existing portal pages (.html/.htm/.shtml/.txt files or directories) as drafts or published',
    usage:
      'gazette import [PATH...] [--crawl URL [--max-pages N] [--delay MS]] [--column PATH] [--site SITE] [--publish] [--slug NAME] [--dry-run] [--format text|json] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      crawl: { type: 'string' },
      'max-pages': { type: 'string' },
      delay: { type: 'string' },
      column: { type: 'string' },
      site: { type: 'string' },
      publish: { type: 'boolean' },
      slug: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
    },
    positionals: ['[PATH...]'],
    run: async (values, { positionals }) =>
      runImport(
        () => openGazette(loadConfig(process.env, flagsOf(values))),
        await importOptions(values, positionals),
      ),
  },
};
