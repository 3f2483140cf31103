import type { GazetteMigration } from '../dialect.js';
import { initial } from './20261127T0001-initial.js';

/** Every migration in order. Landed migrations are never edited: add a new file instead. */
export const migrations: readonly GazetteMigration[] = [initial];
