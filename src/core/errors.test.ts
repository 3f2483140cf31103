import { describe, expect, it } from 'vitest';
import {
  errorRegistry,
  errorSpec,
  GazetteError,
  isGazetteError,
  type ErrorCode,
  type ErrorKind,
} from './errors.js';

const KINDS: readonly ErrorKind[] = [
  'invalid',
  'not-found',
  'conflict',
  'forbidden',
  'unauthorised',
  'gone',
  'unavailable',
  'insufficient-storage',
  'internal',
];
const codes = Object.keys(errorRegistry) as ErrorCode[];

describe('error registry', () => {
  it('names every code GZ_ followed by upper-case words', () => {
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(code).toMatch(/^GZ_[A-Z0-9]+(?:_[A-Z0-9]+)*$/);
  });

  it('gives every code a known kind and non-empty Chinese and English messages', () => {
    for (const code of codes) {
      const spec = errorRegistry[code];
      expect(KINDS, code).toContain(spec.kind);
      expect(spec.zh.trim(), code).not.toBe('');
      expect(spec.en.trim(), code).not.toBe('');
      expect(typeof spec.public, code).toBe('boolean');
    }
  });

  it('writes the Chinese message in Chinese', () => {
    for (const code of codes) expect(errorRegistry[code].zh, code).toMatch(/\p{Script=Han}/u);
  });

  it('has a generic internal error that may be shown to anyone', () => {
    expect(errorRegistry.GZ_INTERNAL).toMatchObject({ kind: 'internal', public: true });
  });

  it('keeps server-side storage failures private', () => {
    expect(errorRegistry.GZ_STORAGE_LOCKED.public).toBe(false);
    expect(errorRegistry.GZ_STORAGE_NOT_WRITABLE.public).toBe(false);
  });

  it('looks a spec up by code', () => {
    for (const code of codes) expect(errorSpec(code)).toBe(errorRegistry[code]);
  });
});

describe('GazetteError', () => {
  it('carries the code and the kind of its registry entry', () => {
    const error = new GazetteError('GZ_ARTICLE_NOT_FOUND');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GazetteError');
    expect(error.code).toBe('GZ_ARTICLE_NOT_FOUND');
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe('Article not found');
    expect(error.details).toEqual({});
  });

  it('appends the detail to the English message and keeps it among the details', () => {
    const error = new GazetteError('GZ_INVALID_SLUG', 'Admin', { field: 'slug' });
    expect(error.message).toBe(
      'A slug may use lower-case letters, digits and hyphens only, and must not be a reserved name: Admin',
    );
    expect(error.details).toEqual({ field: 'slug', detail: 'Admin' });
  });

  it('keeps details without a detail text', () => {
    const error = new GazetteError('GZ_INVALID_INPUT', undefined, { field: 'title' });
    expect(error.message).toBe('Invalid input');
    expect(error.details).toEqual({ field: 'title' });
  });

  it('takes its kind from the registry for every code', () => {
    for (const code of codes) expect(new GazetteError(code).kind).toBe(errorRegistry[code].kind);
  });

  it('keeps the cause it was given', () => {
    const cause = new Error('SQLITE_BUSY');
    const error = new GazetteError('GZ_STORAGE_LOCKED', undefined, {}, { cause });
    expect(error.cause).toBe(cause);
  });
});

describe('isGazetteError', () => {
  it('recognises a GazetteError', () => {
    expect(isGazetteError(new GazetteError('GZ_INTERNAL'))).toBe(true);
  });

  it('refuses other errors and look-alike objects', () => {
    expect(isGazetteError(new Error('GZ_INTERNAL'))).toBe(false);
    expect(isGazetteError({ name: 'GazetteError', code: 'GZ_INTERNAL', kind: 'internal' })).toBe(false);
    expect(isGazetteError(null)).toBe(false);
    expect(isGazetteError(undefined)).toBe(false);
    expect(isGazetteError('GZ_INTERNAL')).toBe(false);
  });
});
