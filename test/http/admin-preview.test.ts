import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedFieldsOf, type Column } from '../../src/core/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
let siteId: number;
let notices: Column;
let writer: AdminClient;
let otherWriter: AdminClient;
let reviewer: AdminClient;
let auditor: AdminClient;

interface Finding {
  rule: string;
  severity: string;
  field: string;
  start: number;
  end: number;
  excerpt: string;
  suggestion: string | null;
  key: string;
}

beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
  notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
  writer = await signedInUser(t, 'xiezuo', ['contributor']);
  otherWriter = await signedInUser(t, 'linxiao', ['contributor']);
  reviewer = await signedInUser(t, 'chushen', ['reviewer-1']);
  auditor = await signedInUser(t, 'shenji', ['audit-admin']);
});

afterAll(async () => {
  await t.close();
});

const draft = {
  columnId: 0,
  title: '关于开展冬季消防安全检查的预览通知',
  bodyHtml: '<h2>一、检查范围</h2><p>全市各单位。</p><script>alert(1)</script>',
  source: '青川市消防救援支队',
  editor: '张雯',
};

describe('preview', () => {
  it('renders a draft exactly as the public article page, marked noindex, for its author only', async () => {
    const created = await writer.call('POST', '/articles', { siteId, ...draft, columnId: notices.id });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ article: { id: number } }>().article.id;

    const res = await writer.call('GET', `/articles/${id}/preview`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    expect(res.body).toContain('<meta name="robots" content="noindex, nofollow, noarchive">');
    expect(res.body).toContain('关于开展冬季消防安全检查的预览通知');
    expect(res.body).toContain('<h2>一、检查范围</h2>');
    expect(res.body).not.toContain('alert(1)');

    // The public page of a published article and its preview come from the same theme and presenter.
    const [live] = await t.gazette.deps.store.articles.listPublished({ siteId }, 1, 0);
    const publicPage = await t.app.inject({ method: 'GET', url: live!.path });
    const preview = await reviewer.call('GET', `/articles/${live!.id}/preview`);
    expect(preview.statusCode).toBe(200);
    const strip = (html: string) => html.replace(/\n<meta name="robots"[^>]*>/, '');
    expect(strip(preview.body)).toBe(publicPage.body);

    // Someone else's draft does not exist for them, nor for reviewers before it is submitted.
    for (const who of [otherWriter, reviewer]) {
      const hidden = await who.call('GET', `/articles/${id}/preview`);
      expect(hidden.statusCode).toBe(404);
      expect(errorOf(hidden).code).toBe('GZ_ARTICLE_NOT_FOUND');
    }
  });

  it('renders unsaved content, cleaned as saving would clean it', async () => {
    const res = await writer.call('POST', '/preview', {
      siteId,
      ...draft,
      columnId: notices.id,
      title: '未保存的稿件',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('未保存的稿件');
    expect(res.body).toContain('noindex');
    expect(res.body).not.toContain('<script>alert');
    const bad = await writer.call('POST', '/preview', { siteId, ...draft, columnId: notices.id, title: '' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toBe('title');
    const forbidden = await auditor.call('POST', '/preview', { siteId, ...draft, columnId: notices.id });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('POST /checks', () => {
  it('returns findings with their place in the field, a suggestion and the override key', async () => {
    const res = await writer.call('POST', '/checks', {
      siteId,
      columnId: notices.id,
      title: '关于开展扫黑险恶专项行动的通知',
      bodyHtml: '<p>联系人：王先生，电话13812345678。</p>',
      source: '',
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{ findings: Finding[]; blocking: number; bodyText: string }>();
    const phone = report.findings.find((f) => f.rule === 'mobile-number' || f.excerpt === '13812345678');
    expect(phone).toBeDefined();
    expect(phone!.field).toBe('body');
    expect(report.bodyText.slice(phone!.start, phone!.end)).toBe('13812345678');
    expect(phone!.suggestion).toBe('138****5678');
    expect(phone!.key).toContain('13812345678');
    const wrong = report.findings.find((f) => f.field === 'title');
    expect(wrong).toMatchObject({ excerpt: '扫黑险恶' });
    expect(report.blocking).toBeGreaterThan(0);

    // Nothing was saved or audited.
    const audit = await t.gazette.deps.store.audit.list({ action: 'article.create' }, 50, 0);
    expect(audit.every((r) => !JSON.stringify(r.summary).includes('扫黑险恶'))).toBe(true);
  });

  it('takes the checked fields of a whole save payload, one with tags and attachments', async () => {
    const saved = {
      ...draft,
      columnId: notices.id,
      bodyHtml: '<p>报名咨询电话：13812345678。</p>',
      tags: ['征兵'],
      attachments: [{ url: '/media/0000000000000000.pdf', name: '报名表.pdf' }],
    };
    const whole = await writer.call('POST', '/checks', { siteId, ...saved });
    expect(whole.statusCode).toBe(400);
    const res = await writer.call('POST', '/checks', { siteId, ...checkedFieldsOf(saved) });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{ findings: Finding[] }>();
    expect(report.findings.some((f) => f.field === 'body' && f.excerpt === '13812345678')).toBe(true);
    // A new article without its column yet: the column is left out, not sent as null.
    expect(checkedFieldsOf({ ...saved, columnId: null })).not.toHaveProperty('columnId');
  });

  it('gives the saved article its findings with keys too', async () => {
    const created = await writer.call('POST', '/articles', {
      siteId,
      ...draft,
      columnId: notices.id,
      bodyHtml: '<p>电话13812345678</p>',
    });
    const view = created.json<{ findings: Finding[] }>();
    expect(view.findings.some((f) => f.key && f.excerpt === '13812345678')).toBe(true);
  });

  it('refuses people without a content role and bad input', async () => {
    let res = await auditor.call('POST', '/checks', { siteId, title: '标题' });
    expect(res.statusCode).toBe(403);
    res = await writer.call('POST', '/checks', { siteId, title: 5 });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).field).toBe('title');
    res = await writer.call('POST', '/checks', { siteId, columnId: 999_999, title: '标题' });
    expect(res.statusCode).toBe(404);
  });
});
