import { startGazette } from '../boot/start.js';
import { loadConfig } from '../config/index.js';
import { COMMON_OPTIONS, flagsOf, type Command } from './command.js';

/** `gazette start`: the server, its workers and its background work (wired in src/boot/start.ts). */
export const startCommands: Readonly<Record<string, Command>> = {
  start: {
    summary: 'serve the public site (loads the demo portal into an empty database unless --no-demo)',
    usage:
      'gazette start [--port N] [--host ADDR] [--data-dir DIR] [--database URL] [--no-demo] [--workers N|auto] [--publish-to DIR [--search-url URL]] [--monitor URL]',
    options: {
      ...COMMON_OPTIONS,
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
      workers: { type: 'string' },
      'publish-to': { type: 'string' },
      'search-url': { type: 'string' },
      monitor: { type: 'string' },
    },
    async run(values) {
      const started = performance.now();
      return startGazette(loadConfig(process.env, flagsOf(values)), started);
    },
  },
};
