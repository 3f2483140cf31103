import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Tests share busy machines: a late timer must not make a server they start refuse their requests
    // (inherited by the servers tests spawn; test/http/load-shedding.test.ts turns shedding on itself).
    env: { GAZETTE_SHED_LAG_MS: '0' },
  },
});
