#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { errorSpec, isGazetteError } from '../core/index.js';
import { auditCommands } from './audit-commands.js';
import { UsageError, type Command } from './command.js';
import { databaseCommands } from './database-commands.js';
import { distributeCommands } from './distribute-commands.js';
import { importCommands } from './import-commands.js';
import { publishCommands } from './publish-commands.js';
import { reportCommands } from './report-commands.js';
import { searchCommands } from './search-commands.js';
import { selfCheckCommands } from './self-check-commands.js';
import { siteCommands } from './site-commands.js';
import { startCommands } from './start-commands.js';
import { statsCommands } from './stats-commands.js';
import { userCommands } from './user-commands.js';

/**
 * The command line: the table of every command, one group a file (src/cli/<group>-commands.ts), and the
 * dispatch to them. A command's file loads what it needs when it runs (see `lazy` in command.ts), so this
 * table is cheap to load. A new group is a file and one line here; the order here is the order of --help.
 */
const commands: Readonly<Record<string, Command>> = {
  ...startCommands,
  ...databaseCommands,
  ...importCommands,
  ...searchCommands,
  ...selfCheckCommands,
  ...userCommands,
  ...siteCommands,
  ...distributeCommands,
  ...auditCommands,
  ...publishCommands,
  ...reportCommands,
  ...statsCommands,
};

/** The first words of the two-word commands. */
const GROUPS: ReadonlySet<string> = new Set(
  Object.keys(commands)
    .filter((name) => name.includes(' '))
    .map((name) => name.split(' ')[0]!),
);

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'Gazette — publishing for government portals and official media',
    '',
    'Usage: gazette <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `gazette <command> --help` for the options of a command.',
  ].join('\n');
}

function commandHelp(name: string, command: Command): string {
  const options = Object.entries(command.options).map(([flag, spec]) => {
    const short = 'short' in spec && spec.short ? `-${spec.short}, ` : '    ';
    return `  ${short}--${flag}${spec.type === 'string' ? ' VALUE' : ''}`;
  });
  return [
    `gazette ${name}: ${command.summary}`,
    '',
    `Usage: ${command.usage}`,
    '',
    'Options:',
    ...options,
    ...(command.notes ? ['', ...command.notes] : []),
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  // Commands of a group (`db copy`, `site list`) are registered under both words.
  const group = first !== undefined && GROUPS.has(first);
  const name =
    group && rest[0] !== undefined && !rest[0].startsWith('-') ? `${first} ${rest.shift()}` : first;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    const members = Object.keys(commands).filter((key) => key.startsWith(`${first} `));
    if (members.length > 0 && name === first) {
      throw new UsageError(`${first}: name a command of the group: ${members.join(', ')}`);
    }
    throw new UsageError(`unknown command "${name}" (try gazette --help)`);
  }
  const values: Record<string, string | boolean | undefined> = {};
  const lists: Record<string, string[]> = {};
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: command.options,
      strict: true,
      allowPositionals: (command.positionals?.length ?? 0) > 0,
    });
    positionals = parsed.positionals;
    // Options declared `multiple` are handed over as lists; every other value is a single string or boolean.
    for (const [key, value] of Object.entries(parsed.values)) {
      if (Array.isArray(value)) lists[key] = value.map(String);
      else values[key] = value;
    }
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message.split('\n')[0] ?? 'bad arguments'}`);
  }
  const wanted = command.positionals ?? [];
  // A last positional named `NAME...` takes one or more arguments, `[NAME...]` none or more.
  const last = wanted[wanted.length - 1] ?? '';
  const variadic = last.endsWith('...') || last.endsWith('...]');
  const fewest = last.startsWith('[') ? wanted.length - 1 : wanted.length;
  if (!values['help'] && (variadic ? positionals.length < fewest : positionals.length !== wanted.length)) {
    throw new UsageError(
      `${name}: expected ${wanted.length ? wanted.join(' ') : 'no arguments'} (usage: ${command.usage})`,
    );
  }
  if (values['help']) {
    console.log(commandHelp(name, command));
    return 0;
  }
  try {
    return await command.run(values, { positionals, lists });
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${name}: ${error.message}`);
    if (isGazetteError(error) && error.code === 'GZ_CONFIG_INVALID')
      throw new UsageError(`${name}: ${error.message}`);
    throw error;
  }
}

function describe(error: unknown): string {
  if (isGazetteError(error)) {
    const spec = errorSpec(error.code);
    const about = error.details['path'] ?? error.details['detail'];
    const suffix = typeof about === 'string' ? `: ${about}` : '';
    return `${spec.zh} / ${spec.en}${suffix} [${error.code}]`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Exits once everything written so far has reached stdout and stderr: on a pipe, writes are asynchronous and
 * a bare process.exit() would cut a long `--format json` answer short.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`gazette ${error.message}`);
    exitWhenFlushed(2);
    return;
  }
  console.error(`gazette: ${describe(error)}`);
  if (process.env['GAZETTE_DEBUG']) console.error(error);
  exitWhenFlushed(1);
});
