import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('worker processes in the configuration', () => {
  it('is one process unless asked, the flag winning over the environment', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ GAZETTE_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ GAZETTE_WORKERS: '3' }, { workers: '2' }).workers).toBe(2);
  });

  it('takes auto as one per CPU core', () => {
    expect(loadConfig({ GAZETTE_WORKERS: 'auto' }).workers).toBe(availableParallelism());
  });

  it.each(['0', '65', '1.5', 'many', ''])('refuses %j with the accepted values in the message', (value) => {
    expect(() => loadConfig({ GAZETTE_WORKERS: value })).toThrow(
      /workers: must be a whole number from 1 to 64, or auto/,
    );
  });

  it('gives each worker a heap budget of 256 MiB unless told otherwise (0: V8 decides)', () => {
    expect(loadConfig({}).workerHeapMb).toBe(256);
    expect(loadConfig({ GAZETTE_WORKER_HEAP_MB: '0' }).workerHeapMb).toBe(0);
    expect(loadConfig({ GAZETTE_WORKER_HEAP_MB: '512' }).workerHeapMb).toBe(512);
    expect(() => loadConfig({ GAZETTE_WORKER_HEAP_MB: '32' })).toThrow(/workerHeapMb: must be 0/);
  });
});
