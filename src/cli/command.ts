import type { ParseArgsConfig } from 'node:util';
import type { Gazette } from '../boot/index.js';
import { loadConfig, type ConfigFlags } from '../config/index.js';

/** What every command file builds on: the shape of a command, its options, and the usage error. */

/** The parsed flags of a command: a string or boolean each (lists are in `CommandArgs.lists`). */
export type Values = Readonly<Record<string, string | boolean | undefined>>;

/**
 * Wrong usage: a flag, argument or value the command cannot take. The CLI prints `gazette COMMAND: message`
 * and exits with code 2 (0 done, 1 failed at run time). The message names the wrong part.
 */
export class UsageError extends Error {}

export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'data-dir': { type: 'string' },
  database: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Names of the positional arguments the command takes (all required); none when absent. */
  readonly positionals?: readonly string[];
  /** Lines the command's --help prints after its options. */
  readonly notes?: readonly string[];
  run(values: Values, args: CommandArgs): Promise<number>;
}

export interface CommandArgs {
  readonly positionals: readonly string[];
  /** Values of the options declared `multiple`, in the order given. */
  readonly lists: Readonly<Record<string, readonly string[]>>;
}

export const flagsOf = (values: Values): ConfigFlags => ({
  dataDir: values['data-dir'] as string | undefined,
  host: values['host'] as string | undefined,
  port: values['port'] as string | undefined,
  demo: values['no-demo'] === true ? false : undefined,
  databaseUrl: values['database'] as string | undefined,
  publishDir: values['publish-to'] as string | undefined,
  publishSearchUrl: values['search-url'] as string | undefined,
  monitorUrl: values['monitor'] as string | undefined,
  workers: values['workers'] as string | undefined,
});

type Loaded<M, K extends keyof M> = M[K] extends (...args: infer A) => infer R
  ? (...args: A) => Promise<Awaited<R>>
  : never;

/**
 * `name` of the module `load` gives, loaded on its first call. The command tables load their implementations
 * this way: `gazette start --workers N` forks its workers before the primary has loaded anything heavy (they
 * load in parallel), and `gazette --help` or `check links` do not load the web server.
 */
export function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): Loaded<M, K> {
  const call = async (...args: unknown[]) => {
    const fn = (await load())[name] as (...a: unknown[]) => unknown;
    return fn(...args);
  };
  return call as Loaded<M, K>;
}

/** Opens the installation a command names, runs `work` on it, and closes it. */
export async function withGazette(
  values: Values,
  work: (gazette: Gazette) => Promise<number>,
): Promise<number> {
  const { openGazette } = await import('../boot/index.js');
  const gazette = await openGazette(loadConfig(process.env, flagsOf(values)));
  try {
    return await work(gazette);
  } finally {
    await gazette.close();
  }
}

/** `--format`: one of `choices`, the first when absent; anything else is a usage error. */
export function formatOption<const T extends string>(values: Values, choices: readonly [T, ...T[]]): T {
  const format = values['format'] ?? choices[0];
  if (typeof format !== 'string' || !(choices as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be ${choices.join(' or ')}, not "${String(format)}"`);
  }
  return format as T;
}

/** `--format text|json` of the commands that print a list. */
export const listFormat = (values: Values): 'text' | 'json' => formatOption(values, ['text', 'json']);

/** Terminal columns a string takes: Chinese and other wide characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    width += /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(char) ? 2 : 1;
  }
  return width;
}

const padCell = (text: string, width: number): string =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** Rows under a header, each column as wide as its widest cell on a terminal; the last column unpadded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : padCell(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
