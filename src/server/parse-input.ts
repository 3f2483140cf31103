import type { z } from 'zod';
import { GazetteError } from '../core/index.js';

/**
 * Validates request input with a zod schema (use `.strict()` objects so that unknown fields are refused).
 * The first problem becomes `GZ_INVALID_INPUT` naming the field, e.g. `{ field: "password" }` or, for a
 * field the endpoint does not know, `{ field: "isAdmin" }`.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new GazetteError('GZ_INVALID_INPUT');
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0] ?? ''].join('.');
    throw new GazetteError('GZ_INVALID_INPUT', `unknown field "${field}"`, { field });
  }
  const field = issue.path.join('.');
  throw new GazetteError('GZ_INVALID_INPUT', field ? `${field}: ${issue.message}` : issue.message, {
    ...(field ? { field } : {}),
  });
}
