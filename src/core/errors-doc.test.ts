import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorRegistry, type ErrorKind } from './errors.js';

/** The status each kind maps to, as in STATUS_BY_KIND of src/server/error-mapping.ts. */
const STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthorised: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  unavailable: 503,
  'insufficient-storage': 507,
  internal: 500,
};

interface DocRow {
  readonly code: string;
  readonly kind: string;
  readonly status: string;
  readonly zh: string;
  readonly en: string;
}

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

/** Rows of the table whose header is `| code | kind | HTTP status | 中文 | English |`. */
function codeTable(markdown: string): DocRow[] {
  const lines = markdown.split('\n').map((line) => line.trim());
  const header = lines.findIndex((line) =>
    /^\|\s*code\s*\|\s*kind\s*\|\s*HTTP status\s*\|\s*中文\s*\|\s*English\s*\|$/.test(line),
  );
  if (header < 0) return [];
  const rows: DocRow[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    const [code = '', kind = '', status = '', zh = '', en = ''] = cells;
    rows.push({ code: code.replace(/^`|`$/g, ''), kind, status, zh, en });
  }
  return rows;
}

const rows = codeTable(doc);
const registryCodes = Object.keys(errorRegistry).sort();

describe('docs/errors.md', () => {
  it('has the code table', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it('documents exactly the codes of the registry', () => {
    expect(rows.map((row) => row.code).sort()).toEqual(registryCodes);
  });

  it('documents each code once', () => {
    const codes = rows.map((row) => row.code);
    expect(codes.filter((code, i) => codes.indexOf(code) !== i)).toEqual([]);
  });

  it('gives each code the kind, status and messages of the registry', () => {
    for (const row of rows) {
      const spec = (
        errorRegistry as Readonly<Record<string, (typeof errorRegistry)[keyof typeof errorRegistry]>>
      )[row.code];
      if (!spec) continue; // reported by the set comparison above
      expect(row, row.code).toEqual({
        code: row.code,
        kind: spec.kind,
        status: String(STATUS[spec.kind]),
        zh: spec.zh,
        en: spec.en,
      });
    }
  });

  it('shows the JSON shape of an error answer', () => {
    for (const key of ['"error"', '"code"', '"message"', '"messageZh"', '"field"'])
      expect(doc).toContain(key);
  });
});
