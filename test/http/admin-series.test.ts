import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Series } from '../../src/core/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
let siteId: number;
let editor: AdminClient;
let writer: AdminClient;
let publisher: AdminClient;
let published: number[];

beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
  editor = await signedInUser(t, 'bianji', ['editor']);
  writer = await signedInUser(t, 'xiezuo', ['contributor']);
  publisher = await signedInUser(t, 'qianfa', ['publisher']);
  published = (await t.gazette.deps.store.articles.listPublished({ siteId }, 4, 0)).map((a) => a.id);
});

afterAll(async () => {
  await t.close();
});

describe('series through the admin API', () => {
  it('creates, edits, reorders members and publishes a series, each step versioned', async () => {
    let res = await editor.call('POST', '/series', {
      siteId,
      columnId: null,
      slug: 'dongji-anquan',
      title: '冬季安全系列报道',
      leadHtml: '<p>冬季安全，<b>人人有责</b>。</p><script>alert(1)</script>',
      memberIds: [published[0], published[1]],
    });
    expect(res.statusCode, res.body).toBe(201);
    let series = res.json<Series>();
    expect(series).toMatchObject({ status: 'draft', label: '合集', memberIds: [published[0], published[1]] });
    expect(series.leadHtml).not.toContain('script');

    res = await editor.call('PUT', `/series/${series.id}`, {
      version: series.version,
      columnId: null,
      slug: 'dongji-anquan-2026',
      title: '2026年冬季安全系列报道',
      label: '系列报道',
      leadHtml: '<p>导语</p>',
      source: '青川市融媒体中心',
      editor: '李华',
    });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json<Series>();
    expect(edited).toMatchObject({
      slug: 'dongji-anquan-2026',
      label: '系列报道',
      version: series.version + 1,
    });

    // The version seen before the edit is stale now.
    res = await editor.call('PUT', `/series/${series.id}/members`, {
      version: series.version,
      memberIds: [],
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('GZ_VERSION_CONFLICT');
    series = edited;

    // Add one, remove one, reorder: one call with the whole list.
    res = await editor.call('PUT', `/series/${series.id}/members`, {
      version: series.version,
      memberIds: [published[2], published[0]],
    });
    expect(res.statusCode, res.body).toBe(200);
    series = res.json<Series>();
    expect(series.memberIds).toEqual([published[2], published[0]]);

    res = await editor.call('GET', `/series/${series.id}`);
    const detail = res.json<{ members: { id: number; title: string; status: string }[] }>();
    expect(detail.members.map((m) => m.id)).toEqual([published[2], published[0]]);
    expect(detail.members[0]!.title).toBeTruthy();

    // An editor manages series but does not sign them off.
    res = await editor.call('POST', `/series/${series.id}/publish`, { version: series.version });
    expect(res.statusCode).toBe(403);
    res = await publisher.call('POST', `/series/${series.id}/publish`, { version: series.version });
    expect(res.statusCode, res.body).toBe(200);
    series = res.json<Series>();
    expect(series.status).toBe('published');
    const page = await t.app.inject({ method: 'GET', url: '/series/dongji-anquan-2026/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2026年冬季安全系列报道');

    // A published series keeps its address.
    res = await editor.call('PUT', `/series/${series.id}`, {
      version: series.version,
      columnId: null,
      slug: 'other',
      title: series.title,
      label: series.label,
      leadHtml: series.leadHtml,
      source: series.source,
      editor: series.editor,
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('GZ_SLUG_LOCKED');

    res = await publisher.call('POST', `/series/${series.id}/withdraw`, { version: series.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Series>().status).toBe('draft');
    expect((await t.app.inject({ method: 'GET', url: '/series/dongji-anquan-2026/' })).statusCode).toBe(404);

    const list = (await editor.call('GET', `/series?siteId=${siteId}`)).json<{
      items: (Series & { memberCount: number })[];
    }>();
    expect(list.items.find((s) => s.id === series.id)).toMatchObject({ memberCount: 2 });

    const audit = await t.gazette.deps.store.audit.list(
      { targetType: 'series', targetId: String(series.id) },
      20,
      0,
    );
    expect(audit.map((r) => r.action).sort()).toEqual(
      ['series.create', 'series.members', 'series.publish', 'series.update', 'series.withdraw'].sort(),
    );
  });

  it('refuses a writer, duplicate members, foreign articles and bad slugs', async () => {
    const base = { siteId, columnId: null, title: '测试合集' };
    let res = await writer.call('POST', '/series', { ...base, slug: 'xiezuo' });
    expect(res.statusCode).toBe(403);
    res = await editor.call('POST', '/series', {
      ...base,
      slug: 'dup',
      memberIds: [published[0], published[0]],
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).field).toBe('memberIds');
    res = await editor.call('POST', '/series', { ...base, slug: 'missing', memberIds: [999_999] });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('GZ_ARTICLE_NOT_FOUND');
    res = await editor.call('POST', '/series', { ...base, slug: 'Bad Slug' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('GZ_INVALID_SLUG');
    res = await editor.call('PUT', '/series/999999/members', { version: 1, memberIds: [] });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('GZ_SERIES_NOT_FOUND');
  });
});
