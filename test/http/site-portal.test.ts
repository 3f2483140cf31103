import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

// The site settings behind the home page's portal blocks (政务服务, 互动交流, 党政机关 mark) and the view
// count on articles: edited through the site API, checked at the edge, audited, shown on the next page.

let t: TestGazette;
let siteId: number;

beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
});

afterAll(async () => {
  await t.close();
});

/** The settings as the admin screen sends them back: everything but the ids and times (and `without`). */
function editable(site: Record<string, unknown>, ...without: string[]): Record<string, unknown> {
  const fixed = new Set(['id', 'slug', 'createdAt', 'updatedAt', 'status', ...without]);
  return Object.fromEntries(Object.entries(site).filter(([key]) => !fixed.has(key)));
}

interface ErrorBody {
  readonly error: { code: string; message: string; messageZh: string; field?: string };
}

describe('portal settings in the site API', () => {
  it('saves the blocks, audits the change and shows it on the home page', async () => {
    const admin = await signedInUser(t, 'portal-admin', ['site-admin']);
    const before = (await admin.call('GET', `/sites/${siteId}`)).json<Record<string, unknown>>();
    const fields = editable(before, 'portal');
    const portal = {
      services: [{ name: '  社保查询 ', url: '/shebao/' }],
      mailboxUrl: 'https://12345.example.gov.cn/mail/',
      hotline: '0000-12345',
      errorReportUrl: 'https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=0000000001',
      errorReportBadgeUrl: null,
      partyMarkUrl: '',
      partyMarkBadgeUrl: null,
      showViewCount: false,
    };
    const res = await admin.call('PUT', `/sites/${siteId}`, { ...fields, portal });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ portal: typeof portal }>().portal).toEqual({
      ...portal,
      services: [{ name: '社保查询', url: '/shebao/' }],
    });
    const home = (await t.app.inject('/')).body;
    expect(home).toContain('<a class="service-tile" href="/shebao/">社保查询</a>');
    expect(home).toContain('href="tel:000012345"');
    expect(home).toContain('我为政府网站找错</a>');
    expect(home).not.toContain('class="party-mark"');
    const [record] = await t.gazette.deps.store.audit.list({ action: 'site.update' }, 1, 0);
    expect(JSON.stringify(record!.summary)).toContain('社保查询');
    // Leaving the field out keeps it.
    const kept = await admin.call('PUT', `/sites/${siteId}`, fields);
    expect(kept.json<{ portal: typeof portal }>().portal.services).toEqual([
      { name: '社保查询', url: '/shebao/' },
    ]);
  });

  it('refuses bad links, numbers and images with the field named, changing nothing', async () => {
    const admin = await signedInUser(t, 'portal-admin-2', ['site-admin']);
    const before = (await admin.call('GET', `/sites/${siteId}`)).json<Record<string, unknown>>();
    const fields = editable(before);
    const good = (before as { portal: Record<string, unknown> }).portal;
    const cases: [Record<string, unknown>, string][] = [
      [{ mailboxUrl: 'javascript:alert(1)' }, 'portal.mailboxUrl'],
      [{ hotline: '打电话' }, 'portal.hotline'],
      [{ partyMarkBadgeUrl: 'http://insecure.example/badge.png' }, 'portal.partyMarkBadgeUrl'],
      [{ services: [{ name: '', url: '/x/' }] }, 'portal.services.0.name'],
      [{ services: [{ name: '办事', url: '//evil.example/' }] }, 'portal.services.0.url'],
    ];
    for (const [patch, field] of cases) {
      const res = await admin.call('PUT', `/sites/${siteId}`, { ...fields, portal: { ...good, ...patch } });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      const { error } = res.json<ErrorBody>();
      expect(error.field).toBe(field);
      expect(error.messageZh.length).toBeGreaterThan(0);
    }
    const extra = await admin.call('PUT', `/sites/${siteId}`, {
      ...fields,
      portal: { ...good, carousel: true },
    });
    expect(extra.statusCode).toBe(400);
    const after = (await admin.call('GET', `/sites/${siteId}`)).json<Record<string, unknown>>();
    expect(after['portal']).toEqual(good);
  });
});
