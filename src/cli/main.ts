#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createHttpServer, ensureDemo, openGazette } from '../boot/index.js';
import { loadConfig, type ConfigFlags } from '../config/index.js';
import { errorSpec, isGazetteError } from '../core/index.js';

/** Exit codes: 0 done, 1 failed at run time, 2 wrong usage. */
class UsageError extends Error {}

const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'data-dir': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(values: Readonly<Record<string, string | boolean | undefined>>): Promise<number>;
}

const flagsOf = (values: Readonly<Record<string, string | boolean | undefined>>): ConfigFlags => ({
  dataDir: values['data-dir'] as string | undefined,
  host: values['host'] as string | undefined,
  port: values['port'] as string | undefined,
  demo: values['no-demo'] === true ? false : undefined,
});

const commands: Readonly<Record<string, Command>> = {
  start: {
    summary: 'serve the public site (loads the demo portal into an empty database unless --no-demo)',
    usage: 'gazette start [--port N] [--host ADDR] [--data-dir DIR] [--no-demo]',
    options: {
      ...COMMON_OPTIONS,
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
    },
    async run(values) {
      const started = performance.now();
      const config = loadConfig(process.env, flagsOf(values));
      const gazette = await openGazette(config);
      if (config.demo) {
        const demo = await ensureDemo(gazette);
        if (demo) {
          console.log(
            `Loaded the demo portal “${demo.site.name}”: ${demo.columns} columns, ${demo.articles} articles, ${demo.series} series.`,
          );
        }
      }
      const server = await createHttpServer(gazette);
      const stop = async (signal: string) => {
        console.log(`\n${signal}: stopping Gazette…`);
        await server.close();
        await gazette.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      await server.listen({ port: config.port, host: config.host });
      const address = server.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      console.log(
        `Gazette is serving http://${shownHost}:${port}/  (data: ${config.dataDir}; ready in ${Math.round(performance.now() - started)} ms)`,
      );
      console.log('Press Ctrl+C to stop.');
      return new Promise<number>(() => undefined);
    },
  },
  migrate: {
    summary: 'bring the database schema up to date (start does this too)',
    usage: 'gazette migrate [--data-dir DIR]',
    options: { ...COMMON_OPTIONS },
    async run(values) {
      const gazette = await openGazette(loadConfig(process.env, flagsOf(values)));
      console.log(`Database is up to date: ${gazette.database.location}`);
      await gazette.close();
      return 0;
    },
  },
  demo: {
    summary: 'load the demo portal into an empty database',
    usage: 'gazette demo [--data-dir DIR]',
    options: { ...COMMON_OPTIONS },
    async run(values) {
      const gazette = await openGazette(loadConfig(process.env, flagsOf(values)));
      try {
        const demo = await ensureDemo(gazette);
        if (!demo) {
          console.error(
            'gazette demo: the database already holds a site; the demo is loaded into an empty one only',
          );
          return 1;
        }
        console.log(
          `Loaded “${demo.site.name}”: ${demo.columns} columns, ${demo.articles} articles, ${demo.series} series.`,
        );
        return 0;
      } finally {
        await gazette.close();
      }
    },
  },
};

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
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}" (try gazette --help)`);
  let values: Record<string, string | boolean | undefined>;
  try {
    // No option of ours is `multiple`, so every value is a single string or boolean.
    values = parseArgs({ args: [...rest], options: command.options, strict: true, allowPositionals: false })
      .values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message.split('\n')[0] ?? 'bad arguments'}`);
  }
  if (values['help']) {
    console.log(commandHelp(name, command));
    return 0;
  }
  try {
    return await command.run(values);
  } catch (error) {
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`gazette ${error.message}`);
      process.exit(2);
    }
    console.error(`gazette: ${describe(error)}`);
    if (process.env['GAZETTE_DEBUG']) console.error(error);
    process.exit(1);
  },
);
