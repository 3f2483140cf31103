import { load } from 'cheerio';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import {
  harmless,
  harmlessSearch,
  HEADER_PAYLOADS,
  INJECTED_MARKUP,
  SQL_PROBES,
  WILDCARDS,
  XSS_PAYLOADS,
} from './corpus.js';

/**
 * Every public parameter and header with the outside test's XSS payloads and with SQL probes, over HTTP on
 * the database the suite runs on: never a 500, never the payload back unescaped in HTML, and a probe finds
 * exactly what the same words without SQL metacharacters find (or is refused with a 4xx).
 */

let t: TestGazette;
let editor: AdminClient;
let columnPath: string;
let articlePath: string;
let tag: string;
let seriesPath: string;
let client = 0;

const enc = encodeURIComponent;

/** Each request from an address of its own, so that the search throttle never answers instead. */
function get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  client += 1;
  return t.app.inject({
    method: 'GET',
    url,
    headers,
    remoteAddress: `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`,
  });
}

/** What is wrong with an answer to a request carrying `payload` (nothing: an empty list). */
function problemsOf(res: LightMyRequestResponse, payload: string): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`status ${res.statusCode}`);
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('text/html')) {
    if (payload.includes('<') && res.body.includes(payload)) problems.push('payload back unescaped');
    const injected = INJECTED_MARKUP.exec(res.body);
    if (injected) problems.push(`markup injected: ${injected[0]}`);
  } else if (res.body.length > 0) {
    if (!/^application\/json|^text\/plain/.test(type)) problems.push(`content type ${type}`);
    if (res.headers['x-content-type-options'] !== 'nosniff') problems.push('no nosniff');
  }
  const location = res.headers['location'];
  if (typeof location === 'string' && (!location.startsWith('/') || /^\/[/\\]/.test(location))) {
    problems.push(`redirect off the site: ${location}`);
  }
  return problems;
}

beforeAll(async () => {
  t = await startTestGazette();
  editor = await signedInUser(t, 'probe-editor', ['editor']);
  const home = load((await get('/')).body);
  const hrefs = home('a[href^="/"]')
    .map((_i, a) => home(a).attr('href'))
    .get();
  articlePath = hrefs.find((href) => /\/t\d{8}_\d+\.html$/.test(href))!;
  columnPath = `/${articlePath.split('/')[1]}/`;
  const article = load((await get(articlePath)).body);
  tag = decodeURIComponent(article('a[href^="/tags/"]').first().attr('href')?.split('/')[2] ?? '政府');
  const sitemap = load((await get('/sitemap.html')).body);
  seriesPath = sitemap('a[href^="/series/"]').first().attr('href') ?? '/series/none/';
  expect(articlePath).toBeDefined();
});

afterAll(async () => {
  await t?.close();
});

/** The public parameters: each puts `value` in one place of one URL. */
const PARAMETERS: Readonly<Record<string, (value: string) => string>> = {
  'search q': (v) => `/search?q=${enc(v)}`,
  'search column': (v) => `/search?q=${enc('政府')}&column=${enc(v)}`,
  'search from': (v) => `/search?q=${enc('政府')}&from=${enc(v)}`,
  'search to': (v) => `/search?q=${enc('政府')}&to=${enc(v)}`,
  'search source': (v) => `/search?q=${enc('政府')}&source=${enc(v)}`,
  'search sort': (v) => `/search?q=${enc('政府')}&sort=${enc(v)}`,
  'search page': (v) => `/search?q=${enc('政府')}&page=${enc(v)}`,
  'api search q': (v) => `/api/search?q=${enc(v)}`,
  'api search column': (v) => `/api/search?q=${enc('政府')}&column=${enc(v)}`,
  'tag name': (v) => `/tags/${enc(v)}/`,
  'tag page': (v) => `/tags/${enc(tag)}/page/${enc(v)}/`,
  'series slug': (v) => `/series/${enc(v)}/`,
  'column page': (v) => `${columnPath}page/${enc(v)}/`,
  'article query': (v) => `${articlePath}?utm_source=${enc(v)}`,
  'unknown path': (v) => `/${enc(v)}`,
  'query parameter name': (v) => `/?${enc(v)}=1`,
  'prefs back': (v) => `/_prefs?elder=1&back=${enc(`/${v}`)}`,
};

/** The request headers a page or its error page could reflect. */
const HEADERS: readonly string[] = [
  'host',
  'referer',
  'user-agent',
  'accept-language',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'cookie',
];

describe('reflected XSS', () => {
  it.each(Object.keys(PARAMETERS))('%s: every payload answered escaped and without a 500', async (name) => {
    const url = PARAMETERS[name]!;
    const problems: string[] = [];
    for (const payload of XSS_PAYLOADS) {
      const res = await get(url(payload));
      for (const problem of problemsOf(res, payload)) problems.push(`${problem} for ${payload}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(HEADERS)('header %s: every payload answered escaped and without a 500', async (header) => {
    const problems: string[] = [];
    for (const payload of HEADER_PAYLOADS) {
      const value =
        header === 'cookie'
          ? `gz_elder=${payload}; gz_fs=${payload}; gz_session=${payload}`
          : header === 'host'
            ? payload.replace(/\s/g, '')
            : payload;
      for (const url of ['/', `/search?q=${enc('政府')}`, '/no-such-page/', '/admin/api/session']) {
        const res = await get(url, { [header]: value });
        for (const problem of problemsOf(res, value)) problems.push(`${problem} for ${url} with ${value}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

interface SearchAnswer {
  total: number;
  results: { url: string }[];
}

const found = (res: LightMyRequestResponse) => {
  const answer = res.json<SearchAnswer>();
  // Equal scores come in either order, so a first page cut among them may differ: the whole set when it fits.
  const urls = answer.results.length === answer.total ? answer.results.map((r) => r.url).sort() : [];
  return { total: answer.total, urls };
};

/** A probe answers what its harmless form answers, or refuses with a 4xx; it never waits on a sleep. */
async function compare(
  send: (value: string) => Promise<LightMyRequestResponse>,
  summary: (res: LightMyRequestResponse) => unknown,
  base = '',
  plainForms: (probe: string) => string[] = (probe) => [harmless(probe)],
): Promise<string[]> {
  const problems: string[] = [];
  for (const probe of SQL_PROBES) {
    const started = performance.now();
    const res = await send(`${base}${probe}`);
    const took = performance.now() - started;
    if (took > 2500) problems.push(`${probe}: took ${Math.round(took)} ms`);
    if (res.statusCode >= 500) problems.push(`${probe}: status ${res.statusCode}`);
    else if (res.statusCode >= 400) continue;
    const got = JSON.stringify(summary(res));
    const expected: string[] = [];
    for (const plain of plainForms(probe))
      expected.push(JSON.stringify(summary(await send(`${base}${plain}`))));
    if (!expected.includes(got)) {
      problems.push(`${probe}: ${got} where the harmless form gives ${expected.join(' or ')}`);
    }
  }
  return problems;
}

const status = (res: LightMyRequestResponse) => res.statusCode;

/** A wildcard as a filter matches fewer than no filter at all does (it is a character, not "anything"). */
async function narrows(
  send: (value: string) => Promise<LightMyRequestResponse>,
  count: (res: LightMyRequestResponse) => number,
): Promise<string[]> {
  const all = count(await send(''));
  expect(all).toBeGreaterThan(1);
  const problems: string[] = [];
  for (const wildcard of WILDCARDS) {
    const res = await send(wildcard);
    if (res.statusCode >= 500) problems.push(`${wildcard}: status ${res.statusCode}`);
    else if (res.statusCode < 400 && count(res) >= all) problems.push(`${wildcard}: matched all ${all}`);
  }
  return problems;
}

describe('SQL probes', () => {
  it('search words find what the same words without SQL find', async () => {
    expect(found(await get(`/api/search?q=${enc('政府')}`)).total).toBeGreaterThan(0);
    const search = (v: string) => get(`/api/search?q=${enc(v)}`);
    expect(await compare(search, found, '政府', harmlessSearch)).toEqual([]);
    expect(await compare(search, found, '', harmlessSearch)).toEqual([]);
    // A wildcard is punctuation to the search: it adds nothing to what the word finds ([a-z] holds a word).
    for (const wildcard of WILDCARDS.filter((w) => !/[a-z]/.test(w))) {
      expect(found(await search(`政府${wildcard}`)).total, wildcard).toBe(found(await search('政府')).total);
      expect(found(await search(wildcard)).total, wildcard).toBe(0);
    }
  });

  it.each(['column', 'from', 'to', 'source', 'sort', 'page'])('search filter %s', async (name) => {
    const send = (v: string) => get(`/api/search?q=${enc('政府')}&${name}=${enc(v)}`);
    expect(await compare(send, found)).toEqual([]);
    if (name === 'source' || name === 'column') {
      expect(await narrows(send, (res) => res.json<SearchAnswer>().total)).toEqual([]);
    }
  });

  it('tag, series, column page and article paths', async () => {
    const problems = [
      ...(await compare((v) => get(`/tags/${enc(v)}/`), status)),
      ...(await compare((v) => get(`/tags/${enc(tag)}/page/${enc(v)}/`), status)),
      ...(await compare((v) => get(`/series/${enc(v)}/`), status)),
      ...(await compare((v) => get(`${seriesPath}${enc(v)}`), status)),
      ...(await compare((v) => get(`${columnPath}page/${enc(v)}/`), status)),
      ...(await compare(
        (v) => get(articlePath.replace(/_(\d+)\.html$/, (_m, id: string) => `_${id}${enc(v)}.html`)),
        status,
      )),
    ];
    expect(problems).toEqual([]);
  });

  it('admin list filters find what the same words without SQL find', async () => {
    const siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
    const ids = (res: LightMyRequestResponse) =>
      res.statusCode === 200
        ? res.json<{ items: { id: number }[] }>().items.map((i) => i.id)
        : res.statusCode;
    const problems = [
      ...(await compare((v) => editor.call('GET', `/articles?siteId=${siteId}&title=${enc(v)}`), ids)),
      ...(await compare((v) => editor.call('GET', `/media?siteId=${siteId}&q=${enc(v)}`), ids)),
      ...(await compare((v) => editor.call('GET', `/articles?siteId=${siteId}&cursor=${enc(v)}`), ids)),
      ...(await compare((v) => editor.call('GET', `/articles?siteId=${siteId}&page=${enc(v)}`), ids)),
      ...(await narrows(
        (v) => editor.call('GET', `/articles?siteId=${siteId}${v ? `&title=${enc(v)}` : ''}`),
        (res) =>
          res.json<{ total?: number; items: unknown[] }>().total ??
          res.json<{ items: unknown[] }>().items.length,
      )),
    ];
    expect(problems).toEqual([]);
  });

  it('sign-in with SQL in the name or password is refused like any wrong sign-in', async () => {
    await signedInUser(t, 'probe-victim', ['contributor']);
    const before = await t.gazette.deps.store.users.list();
    for (const probe of SQL_PROBES) {
      for (const payload of [
        { username: probe, password: probe },
        { username: 'probe-victim', password: probe },
      ]) {
        const res = await t.app.inject({ method: 'POST', url: '/admin/api/session', payload });
        expect([400, 401, 403, 429], `${res.statusCode} ${res.body}`).toContain(res.statusCode);
        expect(res.cookies.find((c) => c.name === 'gz_session' && c.value !== '')).toBeUndefined();
      }
    }
    expect((await t.gazette.deps.store.users.list()).length).toBe(before.length);
  });

  it('leaves every article in place', async () => {
    const siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
    const res = await editor.call('GET', `/articles?siteId=${siteId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
  });
});
