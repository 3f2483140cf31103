import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS } from '../../src/search/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * A query longer than search takes is cut to the longest it takes, and the reader is told so: the page and
 * the API answer with results for the cut query, never with an error page.
 */

let t: TestGazette;
beforeAll(async () => {
  t = await startTestGazette();
}, 120_000);
afterAll(async () => t?.close());

let client = 0;
const get = (url: string) =>
  t.app.inject({ url, remoteAddress: `10.9.${Math.floor(++client / 250)}.${client % 250}` });

/** `length` characters of ordinary Chinese text. */
const chinese = (length: number) =>
  '关于进一步做好城镇老旧小区改造工作的实施意见'.repeat(Math.ceil(length / 22)).slice(0, length);

describe('a long search query', () => {
  it('is cut to the longest query search takes, and the results page says so', async () => {
    const long = chinese(150);
    const res = await get(`/search?q=${encodeURIComponent(long)}&column=&from=2025-01-01&to=2026-12-31`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).not.toContain('您访问的地址格式不正确');
    expect(res.body).toContain(`搜索词过长，已截取前 ${MAX_QUERY_CHARS} 个字`);
    const kept = long.slice(0, MAX_QUERY_CHARS);
    expect(res.body).toContain(`value="${kept}"`);
    expect(res.body).toContain(`maxlength="${MAX_QUERY_CHARS}"`);
  });

  it('never answers with an error page, however long', async () => {
    for (const q of [chinese(1000), 'a'.repeat(5000), `${'老旧小区 '.repeat(400)}`]) {
      const res = await get(`/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q.slice(0, 20)).toBe(200);
      expect(res.body).toContain('搜索词过长');
    }
  });

  it('is not cut, and nothing is said, at exactly the longest length', async () => {
    const res = await get(`/search?q=${encodeURIComponent(chinese(MAX_QUERY_CHARS))}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('搜索词过长');
  });

  it('in the API: the cut query and a flag, not an error', async () => {
    const long = chinese(150);
    const res = await get(`/api/search?q=${encodeURIComponent(long)}`);
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<{ q: string; truncated: boolean; maxQueryChars: number }>();
    expect(answer).toMatchObject({
      q: long.slice(0, MAX_QUERY_CHARS),
      truncated: true,
      maxQueryChars: MAX_QUERY_CHARS,
    });
    const short = (await get(`/api/search?q=${encodeURIComponent('老旧小区')}`)).json<{
      truncated: boolean;
    }>();
    expect(short.truncated).toBe(false);
  });
});
