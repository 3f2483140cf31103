import { describe } from 'vitest';
import { openPostgres, openSqliteMemory } from '../../src/store/index.js';
import { createTestDatabase, reachablePostgres } from '../support/postgres.js';
import { storeContract } from './store-contract.js';

const postgres = await reachablePostgres();

describe('store on SQLite', () => {
  storeContract(() => {
    const database = openSqliteMemory();
    return Promise.resolve({ database, close: () => database.close() });
  });
});

describe.skipIf(postgres === null)('store on PostgreSQL', () => {
  storeContract(async () => {
    const testDatabase = await createTestDatabase(postgres ?? '');
    const database = await openPostgres(testDatabase.url, { poolSize: 4 });
    return {
      database,
      async close() {
        await database.close();
        await testDatabase.drop();
      },
    };
  });
});
