import type { GazetteMigration } from '../dialect.js';
import { initial } from './20261127T0001-initial.js';
import { accounts } from './20261128T0001-accounts.js';
import { auditAndRevisions } from './20261128T0002-audit-and-revisions.js';
import { workflow } from './20261128T0003-workflow.js';
import { imports } from './20261128T0004-imports.js';

/** Every migration in order. Landed migrations are never edited: add a new file instead. */
export const migrations: readonly GazetteMigration[] = [
  initial,
  accounts,
  auditAndRevisions,
  workflow,
  imports,
];
