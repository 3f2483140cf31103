import type { z } from 'zod';
import { GazetteError } from '../core/index.js';

/**
 * Validates request input with a zod schema (use `.strict()` objects so that unknown fields are refused).
 * The first problem becomes `GZ_INVALID_INPUT` naming the field, e.g. `{ field: "password" }` or, for a
 * field the endpoint does not know, `{ field: "isAdmin" }`.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const nul = findNul(value, []);
  if (nul !== null) {
    // PostgreSQL refuses NUL in text and SQLite would store it: it is never meant, so it is bad input.
    throw new GazetteError(
      'GZ_INVALID_INPUT',
      `${nul || 'input'}: contains a NUL character`,
      nul ? { field: nul } : {},
    );
  }
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

/** Path of the first string holding U+0000 in a parsed JSON value or query, or null. */
function findNul(value: unknown, path: readonly string[]): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNul(item, [...path, String(index)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes('\u0000') ? [...path, key].join('.') : findNul(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}
