import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../src/core/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
let site: Site;
let admin: AdminClient;
let editor: AdminClient;

/** The settings body a settings screen sends: every field, as loaded. */
const settingsOf = (s: Site) => ({
  updatedAt: s.updatedAt,
  name: s.name,
  baseUrl: s.baseUrl,
  hosts: s.hosts,
  sponsor: s.sponsor,
  icpRecord: s.icpRecord,
  policeRecord: s.policeRecord,
  policeRecordCode: s.policeRecordCode,
  siteCode: s.siteCode,
  footerNotice: s.footerNotice,
  language: s.language as 'zh-CN',
  accounts: s.accounts,
});

beforeAll(async () => {
  t = await startTestGazette();
  site = (await t.gazette.deps.store.sites.list())[0]!;
  admin = await signedInUser(t, 'zhanzhang', ['site-admin']);
  editor = await signedInUser(t, 'bianji', ['editor']);
});

afterAll(async () => {
  await t.close();
});

describe('site settings', () => {
  it('changes identity and footer fields, shows them on every page and audits the change', async () => {
    const loaded = (await admin.call('GET', `/sites/${site.id}`)).json<Site>();
    t.clock.advance(1000);
    const res = await admin.call('PUT', `/sites/${site.id}`, {
      ...settingsOf(loaded),
      sponsor: { ...loaded.sponsor, phone: '0000-87654321' },
      icpRecord: '青ICP备12345678号-2',
      policeRecord: '青公网安备 11010502030000号',
      policeRecordCode: '',
      siteCode: 'bm12345678',
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json<Site>();
    expect(saved).toMatchObject({ icpRecord: '青ICP备12345678号-2', siteCode: 'bm12345678' });
    expect(saved.policeRecordCode).toBe('11010502030000');
    const home = await t.app.inject({ method: 'GET', url: '/' });
    // Footer values carry <wbr> between words, where a phone may wrap them.
    expect(home.body.replaceAll('<wbr>', '')).toContain('青ICP备12345678号-2');
    expect(home.body).toContain('0000-87654321');
    const audit = await t.gazette.deps.store.audit.list({ action: 'site.update' }, 5, 0);
    expect(audit[0]!.summary).toMatchObject({ siteCode: { from: loaded.siteCode, to: 'bm12345678' } });

    // The settings as loaded before this change are stale now.
    const stale = await admin.call('PUT', `/sites/${site.id}`, settingsOf(loaded));
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('GZ_VERSION_CONFLICT');
  });

  it('refuses malformed identity fields with their own codes and fields', async () => {
    const current = (await admin.call('GET', `/sites/${site.id}`)).json<Site>();
    const base = settingsOf(current);
    for (const [change, code, field] of [
      [{ siteCode: '12345' }, 'GZ_INVALID_SITE_CODE', 'siteCode'],
      [{ icpRecord: 'ICP备12345678号' }, 'GZ_INVALID_ICP_RECORD', 'icpRecord'],
      [{ icpRecord: '京ICP证030173号' }, 'GZ_INVALID_ICP_RECORD', 'icpRecord'],
      [{ policeRecord: '京公网安备110号' }, 'GZ_INVALID_POLICE_RECORD', 'policeRecord'],
      [{ sponsor: { ...current.sponsor, email: 'not-an-address' } }, 'GZ_INVALID_INPUT', 'sponsor.email'],
      [{ baseUrl: 'ftp://example.gov.cn' }, 'GZ_INVALID_INPUT', 'baseUrl'],
      [{ hosts: ['bad host'] }, 'GZ_INVALID_HOST', 'hosts'],
      [{ hosts: ['www.qc.gov.cn:8080'] }, 'GZ_INVALID_HOST', 'hosts'],
      [{ language: 'fr' }, 'GZ_INVALID_INPUT', 'language'],
      [
        { accounts: [{ name: '青川发布', kind: 'wechat', qrUrl: 'javascript:x' }] },
        'GZ_INVALID_INPUT',
        'accounts.0.qrUrl',
      ],
    ] as const) {
      const res = await admin.call('PUT', `/sites/${site.id}`, { ...base, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(errorOf(res)).toMatchObject({ code, field });
      expect(errorOf(res).messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('lets only holders of site.settings change them', async () => {
    const current = (await admin.call('GET', `/sites/${site.id}`)).json<Site>();
    const res = await editor.call('PUT', `/sites/${site.id}`, { ...settingsOf(current), name: '改名' });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('GZ_FORBIDDEN');
    expect((await t.gazette.deps.store.sites.get(site.id))!.name).toBe(current.name);
  });
});
