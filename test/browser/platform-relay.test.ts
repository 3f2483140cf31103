/// <reference lib="dom" />
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArticle,
  createUser,
  publishArticle,
  systemPrincipal,
  updateColumn,
  updateSite,
} from '../../src/app/index.js';
import type { Role, Site } from '../../src/core/index.js';
import { API, TEST_PASSWORD } from '../support/admin-client.js';
import { artifactPath, hasChromium, noChromiumMessage } from '../support/browser.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';
import type { TestGazette } from '../support/gazette.js';

/**
 * 集约化 from a fresh install, in Chromium: the platform's system administrator adds two county sites in the
 * admin; an editor of 澜滨 offers a published article to 柳湾 (转载); 柳湾's reviewer takes it into a column
 * and approves it and 柳湾's publisher signs it off; each host then shows the article with its own identity
 * footer (the browser asks each county's host, and the test hands the request to Gazette with that `Host`);
 * and the platform view lists all three sites.
 */

let admin: AdminBrowser;
let t: TestGazette;
let base: string;
const secrets = new Map<string, string>();
const system = systemPrincipal('test');
const LANBIN = { name: '青川市澜滨区人民政府', host: 'lanbin.qingchuan.gov.cn', code: '5101000001' };
const LIUWAN = { name: '青川市柳湾区人民政府', host: 'liuwan.qingchuan.gov.cn', code: '5101000002' };
const TITLE = '澜滨区召开秋冬季森林防火工作会议';

function currentCode(secret: string): string {
  t.clock.advance(30_000);
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.parse(t.clock.now()) });
}

async function makeUser(username: string, role: Role, siteId: number | null): Promise<void> {
  const { user } = await createUser(t.gazette.deps, system, {
    username,
    displayName: `测试${username}`,
    password: TEST_PASSWORD,
    grants: [{ role, siteId, columnId: null }],
  });
  await t.gazette.deps.store.users.update(user.id, { mustChangePassword: false }, t.clock.now());
}

/** Enrols TOTP through the API and keeps the secret for signing in through the UI. */
async function enrolByApi(username: string): Promise<void> {
  const login = await t.app.inject({
    method: 'POST',
    url: `${API}/session`,
    payload: { username, password: TEST_PASSWORD },
  });
  const cookie = login.cookies.find((c) => c.name === 'gz_session')!.value;
  const { csrfToken } = login.json<{ csrfToken: string }>();
  const post = (url: string, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `${API}${url}`,
      cookies: { gz_session: cookie },
      headers: { 'x-csrf-token': csrfToken },
      payload,
    });
  const { secret } = (await post('/session/totp/enrol', {})).json<{ secret: string }>();
  expect((await post('/session/totp/confirm', { code: currentCode(secret) })).statusCode).toBe(200);
  secrets.set(username, secret);
}

async function signIn(username: string): Promise<Page> {
  const page = await admin.newPage(username);
  await page.goto(`${base}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  const secret = secrets.get(username);
  if (secret !== undefined) {
    await page.getByLabel('验证码').fill(currentCode(secret));
    await page.getByRole('button', { name: '验证' }).click();
  }
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
  return page;
}

async function openScreen(page: Page, label: string, path: string): Promise<void> {
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: label, exact: true })
    .click();
  await page.waitForURL(`${base}/admin${path}`);
  await page.locator('.loading').waitFor({ state: 'detached' });
}

/** Runs a workflow button (and its confirmation, if one opens) and waits for the server's answer. */
async function act(page: Page, action: string): Promise<void> {
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/${action}`),
  );
  await page.locator(`button[data-action="${action}"]`).click();
  const confirm = page.locator('dialog.gz-confirm button[type="submit"]');
  if (await confirm.isVisible()) await confirm.click();
  await answered;
  await page.locator('.gz-editor-page .notice-ok').waitFor();
}

/** The browser asks the county's host; the request reaches Gazette with that `Host`, as behind nginx. */
async function routeHosts(page: Page): Promise<void> {
  for (const host of [LANBIN.host, LIUWAN.host]) {
    await page.route(`http://${host}/**`, async (route) => {
      const url = new URL(route.request().url());
      const answer = await t.app.inject({
        method: 'GET',
        url: `${url.pathname}${url.search}`,
        headers: { host },
      });
      await route.fulfill({
        status: answer.statusCode,
        headers: { 'content-type': String(answer.headers['content-type'] ?? 'text/html') },
        body: answer.rawPayload,
      });
    });
  }
}

const sites = async (): Promise<Site[]> => t.gazette.deps.store.sites.list();

if (!hasChromium) console.warn(noChromiumMessage);

describe.skipIf(!hasChromium)('relaying between two county sites in Chromium', { timeout: 180_000 }, () => {
  let lanbin: Site;
  let liuwan: Site;
  let originalPath: string;
  let copyId: number;

  beforeAll(async () => {
    admin = await startAdminBrowser();
    ({ t, base } = admin);
    expect(await sites()).toHaveLength(1);
    await makeUser('pingtai', 'system-admin', null);
    await enrolByApi('pingtai');
  }, 120_000);

  afterAll(() => admin?.close());

  it('lets the platform administrator add two county sites in the admin', async () => {
    const page = await signIn('pingtai');
    await openScreen(page, '平台站点', '/platform');
    for (const site of [LANBIN, LIUWAN]) {
      await page.getByLabel('站点名称').fill(site.name);
      await page.getByLabel('域名').fill(site.host);
      await page.getByRole('button', { name: '新建站点' }).click();
      await page.getByText(`已新建站点“${site.name}”`).waitFor();
    }
    const all = await sites();
    expect(all.map((s) => s.name)).toEqual(expect.arrayContaining([LANBIN.name, LIUWAN.name]));
    lanbin = all.find((s) => s.name === LANBIN.name)!;
    liuwan = all.find((s) => s.name === LIUWAN.name)!;
    // Each county fills in its own identity (网站标识码, 主办单位), as its site administrator would.
    for (const [site, spec] of [
      [lanbin, LANBIN],
      [liuwan, LIUWAN],
    ] as const) {
      await updateSite(t.gazette.deps, system, site.id, {
        ...site,
        siteCode: spec.code,
        sponsor: { ...site.sponsor, name: `${spec.name}办公室` },
      });
    }
    // 澜滨 has a published article; 柳湾's 区县动态 column takes one review level.
    const column = (await t.gazette.deps.store.columns.getByPath(lanbin.id, 'xwzx/zwyw'))!;
    const made = await createArticle(t.gazette.deps, system, lanbin.id, {
      columnId: column.id,
      title: TITLE,
      bodyHtml: '<p>会议要求各乡镇落实森林防火责任，做好冬季巡护。</p>',
      source: '澜滨区应急管理局',
      editor: '王五',
    });
    originalPath = (await publishArticle(t.gazette.deps, system, made.id)).path!;
    const qxdt = (await t.gazette.deps.store.columns.getByPath(liuwan.id, 'xwzx/qxdt'))!;
    await updateColumn(t.gazette.deps, system, qxdt.id, {
      name: qxdt.name,
      kind: qxdt.kind,
      reviewLevels: 1,
    });
    await makeUser('lanbin-bianji', 'editor', lanbin.id);
    await makeUser('liuwan-chushen', 'reviewer-1', liuwan.id);
    await makeUser('liuwan-qianfa', 'publisher', liuwan.id);
    await enrolByApi('liuwan-chushen');
    await enrolByApi('liuwan-qianfa');
    const original = (await t.gazette.deps.store.articles.getByPath(lanbin.id, originalPath))!;
    copyId = original.id; // replaced by the copy's id once taken
  });

  it('lets an editor of 澜滨 offer the article to 柳湾', async () => {
    const page = await signIn('lanbin-bianji');
    await openScreen(page, '转载', '/relays');
    await page.getByLabel('文章编号（已发布）').fill(String(copyId));
    await page.getByLabel('推送到').selectOption({ label: LIUWAN.name });
    await page.getByLabel('附言').fill('请区县动态栏目转载');
    await page.getByRole('button', { name: '推送', exact: true }).click();
    await page.getByText(`已推送“${TITLE}”到${LIUWAN.name}`).waitFor();
    await page.screenshot({ path: artifactPath('platform', 'relay-offer.png'), fullPage: true });
  });

  it('lets 柳湾’s reviewer take it into 区县动态 and approve it, and its publisher sign it off', async () => {
    const reviewer = await signIn('liuwan-chushen');
    await openScreen(reviewer, '转载', '/relays');
    const row = reviewer.locator('tr', { hasText: TITLE });
    await row.getByText('请区县动态栏目转载').waitFor();
    await row.getByLabel('采用到栏目').selectOption({ label: '　区县动态' });
    await row.getByRole('button', { name: '采用', exact: true }).click();
    await row.getByText('已采用').waitFor();
    await reviewer.screenshot({ path: artifactPath('platform', 'relay-incoming.png'), fullPage: true });
    const relay = (await t.gazette.deps.store.relays.listIncoming(liuwan.id, 10))[0]!;
    copyId = relay.copyArticleId!;
    await reviewer.goto(`${base}/admin/articles/${copyId}`);
    await reviewer.locator('.gz-prose').waitFor();
    await act(reviewer, 'approve');

    const publisher = await signIn('liuwan-qianfa');
    await publisher.goto(`${base}/admin/articles/${copyId}`);
    await publisher.locator('.gz-prose').waitFor();
    await publisher.locator('button[data-action="publish"]').click();
    await publisher.locator('dialog.gz-confirm button[type="submit"]').click();
    const blocked = publisher.locator('.gz-blocked');
    const done = publisher.locator('.gz-editor-page .notice-ok');
    await Promise.race([blocked.waitFor(), done.waitFor()]);
    expect(await blocked.isVisible(), 'the copy passes the content checks').toBe(false);
    const copy = (await t.gazette.deps.store.articles.get(copyId))!;
    expect(copy).toMatchObject({ status: 'published', siteId: liuwan.id, source: LANBIN.name });
  });

  it('shows the article under each county’s own host with its own identity footer', async () => {
    const page = await admin.newPage('reader');
    await routeHosts(page);
    const copy = (await t.gazette.deps.store.articles.get(copyId))!;

    await page.goto(`http://${LIUWAN.host}${copy.path!}`);
    expect(await page.locator('h1').first().innerText()).toBe(TITLE);
    const liuwanFooter = await page.locator('footer').last().innerText();
    expect(liuwanFooter).toContain(`${LIUWAN.name}办公室`);
    expect(liuwanFooter).toContain(LIUWAN.code);
    expect(liuwanFooter).not.toContain(LANBIN.code);
    // 信息来源 names 澜滨, and the link leads to the original under 澜滨's host.
    expect(await page.locator('main').innerText()).toContain(LANBIN.name);
    await page.screenshot({ path: artifactPath('platform', 'relay-copy-liuwan.png'), fullPage: true });
    await page.locator(`a[href="https://${LANBIN.host}${originalPath}"]`).first().waitFor();

    await page.goto(`http://${LANBIN.host}${originalPath}`);
    expect(await page.locator('h1').first().innerText()).toBe(TITLE);
    const lanbinFooter = await page.locator('footer').last().innerText();
    expect(lanbinFooter).toContain(`${LANBIN.name}办公室`);
    expect(lanbinFooter).toContain(LANBIN.code);
    expect(lanbinFooter).not.toContain(LIUWAN.code);
    // Neither host serves the other's page.
    expect((await page.goto(`http://${LANBIN.host}${copy.path!}`))!.status()).toBe(404);
    expect((await page.goto(`http://${LIUWAN.host}${originalPath}`))!.status()).toBe(404);
  });

  it('shows all three sites in the platform view', async () => {
    const page = await signIn('pingtai');
    await openScreen(page, '平台站点', '/platform');
    const names = await page.locator('table').first().locator('tbody tr td:first-child').allInnerTexts();
    expect(names).toHaveLength(3);
    expect(names).toEqual(expect.arrayContaining([LANBIN.name, LIUWAN.name]));
    await page.getByRole('heading', { name: '各站点待处理' }).waitFor();
    await page.screenshot({ path: artifactPath('platform', 'platform-view.png'), fullPage: true });
  });
});
