import { readFileSync } from 'node:fs';

/**
 * The stored- and reflected-XSS payloads of the outside security test (test/fixtures/security/README.md).
 * Every payload calls `alert(1)` (one `msgbox(1)`), so a payload that runs shows as a dialog.
 */
export const XSS_PAYLOADS: readonly string[] = (
  JSON.parse(readFileSync(new URL('../fixtures/security/xss-corpus.json', import.meta.url), 'utf8')) as {
    payloads: string[];
  }
).payloads;

/** Payloads that can travel in an HTTP header value (printable ASCII, no line breaks). */
export const HEADER_PAYLOADS = XSS_PAYLOADS.filter((payload) => /^[\x20-\x7e]*$/.test(payload));

/**
 * Markup that only an unescaped payload puts into a page: the corpus's tags and handlers as they are
 * written, never as they read once escaped (`&lt;script&gt;`).
 */
export const INJECTED_MARKUP =
  /<script>alert|<img src=x onerror|<svg onload|<iframe src="javascript|onerror=alert\(1\)>|<body onload|<details open ontoggle|<input autofocus|<a href="javascript:/i;

/** SQL injection probes, for SQLite and PostgreSQL alike (the sleeps take 3 s when they run). */
export const SQL_PROBES: readonly string[] = [
  "' OR 1=1--",
  "' OR '1'='1",
  "1' OR '1'='1' --",
  '" OR ""="',
  '1) OR (1=1',
  '1;select pg_sleep(3)--',
  "'; select pg_sleep(3); --",
  "1' AND (SELECT 1 FROM pg_sleep(3))::text='1",
  "' AND 1=(SELECT COUNT(*) FROM sqlite_master)--",
  "' UNION SELECT username, password_hash FROM users--",
  '1 UNION ALL SELECT NULL,NULL,NULL,NULL--',
  "%' AND 1=1 AND '%'='",
  "'||(SELECT version())||'",
  "\\' OR 1=1 #",
  "admin'--",
  "'; DROP TABLE articles; --",
  '1 AND 1=2',
];

/** LIKE and GLOB wildcards: as a filter or a search word each must match itself, never everything. */
export const WILDCARDS: readonly string[] = ['%', '_', '*', '%%', '[a-z]'];

/** The same words with every SQL metacharacter made a space: what a probe must find, no more, no less. */
export const harmless = (probe: string) => probe.replace(/[^\p{L}\p{N}\s]/gu, ' ');

/**
 * The same, for the site search, whose syntax gives `-` (exclude) and `"` (phrase) a meaning of their own:
 * those stay; every other SQL metacharacter is punctuation, which the search may read as a break between
 * words or as nothing, so both forms count as the harmless equivalent.
 */
export const harmlessSearch = (probe: string): string[] => [
  probe.replace(/[^\p{L}\p{N}\s"-]/gu, ' '),
  probe.replace(/[^\p{L}\p{N}\s"-]/gu, ''),
];
