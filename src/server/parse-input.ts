import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { GazetteError } from '../core/index.js';

/**
 * The most a JSON body may hold. Admin bodies are a few levels deep with a few dozen fields; these bounds
 * are far above that and far below what costs a parse, a walk or a validation anything noticeable.
 */
export const JSON_LIMITS = {
  /** Arrays and objects inside one another. */
  maxDepth: 32,
  /** Keys in one object. */
  maxKeys: 1000,
  /** Values in the whole body (every array element and object member, containers included). */
  maxValues: 20_000,
} as const;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Checks the shape of a JSON text before it is parsed, in one pass without recursion: throws
 * `GZ_INPUT_TOO_COMPLEX` when it nests deeper than `maxDepth`, has more than `maxKeys` keys in an object
 * or more than `maxValues` values. It does not check the syntax: `JSON.parse` does that afterwards.
 */
export function checkJsonShape(text: string, limits: typeof JSON_LIMITS = JSON_LIMITS): void {
  // Keys counted so far in each open container (-1 for an array).
  const keys: number[] = [];
  let values = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
      continue;
    }
    switch (code) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_ARRAY:
      case OPEN_OBJECT:
        if (keys.length >= limits.maxDepth) {
          throw tooComplex(`nested more than ${limits.maxDepth} levels deep`);
        }
        keys.push(code === OPEN_OBJECT ? 0 : -1);
        values++;
        break;
      case CLOSE_ARRAY:
      case CLOSE_OBJECT:
        keys.pop();
        break;
      case COMMA:
        values++;
        break;
      case COLON: {
        const depth = keys.length - 1;
        const count = keys[depth];
        if (count === undefined || count < 0) break;
        if (count >= limits.maxKeys) throw tooComplex(`more than ${limits.maxKeys} keys in one object`);
        keys[depth] = count + 1;
        break;
      }
    }
    if (values > limits.maxValues) throw tooComplex(`more than ${limits.maxValues} values`);
  }
}

function tooComplex(detail: string): GazetteError {
  return new GazetteError('GZ_INPUT_TOO_COMPLEX', detail);
}

/**
 * Replaces Fastify's JSON body parser on `app` and every scope registered after it by one that checks
 * the body's shape (`checkJsonShape`) first and then parses it as before (refusing `__proto__` keys).
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'ignore');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    try {
      checkJsonShape(text);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    void parse(request, text, done);
  });
}

/**
 * Validates request input with a zod schema (use `.strict()` objects so that unknown fields are refused).
 * The first problem becomes `GZ_INVALID_INPUT` naming the field, e.g. `{ field: "password" }` or, for a
 * field the endpoint does not know, `{ field: "isAdmin" }`.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const nul = findNul(value);
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

/**
 * Path of the first string or key holding U+0000 in a parsed JSON value or query, or null. Walks with a
 * stack of its own, so that no depth of nesting can exhaust the call stack.
 */
function findNul(root: unknown): string | null {
  const pending: { readonly value: unknown; readonly path: readonly string[] }[] = [
    { value: root, path: [] },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path.join('.');
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        pending.push({ value: value[index] as unknown, path: [...path, String(index)] });
      }
    } else if (value !== null && typeof value === 'object') {
      const entries: [string, unknown][] = Object.entries(value as Record<string, unknown>);
      for (const [key] of entries) if (key.includes('\u0000')) return [...path, key].join('.');
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, item] = entries[index]!;
        pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}
