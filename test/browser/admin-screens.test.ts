import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemPrincipal } from '../../src/app/index.js';
import type { Role } from '../../src/core/index.js';
import { tinyPdf } from '../../src/demo/tiny-pdf.js';
import { registerAdminApp } from '../../src/server/admin-app.js';
import { signedInUser, TEST_PASSWORD } from '../support/admin-client.js';
import { artifactPath, hasChromium, noChromiumMessage } from '../support/browser.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';
import type { TestGazette } from '../support/gazette.js';

/**
 * The admin's screens in Chromium: the first sign-in (generated password → own password → TOTP
 * enrolment → recovery codes), a later sign-in with a code, then each screen with one real action — a column
 * created, a user created, a site field refused at the field and then accepted, the audit log filtered and
 * its chain verified — with screenshots at 1280 px (desktop) and 800 px (tablet).
 */

let admin: AdminBrowser;
let t: TestGazette;
let base: string;
let siteId: number;
const secrets = new Map<string, string>();
const NEW_PASSWORD = 'Lanting-pavilion-2026';

/** A fresh code: the clock moves to the next 30-second step first, as a used code is refused again. */
function nextCode(secret: string): string {
  t.clock.advance(30_000);
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.parse(t.clock.now()) });
}

async function makeUser(username: string, roles: readonly Role[], password?: string): Promise<string> {
  const global = new Set<Role>(['system-admin', 'security-admin', 'audit-admin']);
  const created = await createUser(t.gazette.deps, systemPrincipal('test'), {
    username,
    displayName: `测试${username}`,
    ...(password === undefined ? {} : { password }),
    grants: roles.map((role) => ({ role, siteId: global.has(role) ? null : siteId, columnId: null })),
  });
  if (password !== undefined) {
    await t.gazette.deps.store.users.update(created.user.id, { mustChangePassword: false }, t.clock.now());
  }
  return created.generatedPassword ?? password ?? '';
}

const newPage = (name: string): Promise<Page> => admin.newPage(name);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown }[] }[];
}

/** WCAG 2.1 A/AA problems axe-core finds (evaluated through DevTools: the admin's CSP stays on). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(o: object): Promise<AxeResult> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} ${v.help}: ${JSON.stringify(n.target)}`),
  );
}

/**
 * The page at both widths — 1280 px as on an office desktop, 800 px as on a tablet held upright — with no
 * horizontal scrolling of the page and nothing axe-core counts as a WCAG A/AA violation.
 */
async function shots(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: artifactPath('admin', `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 800, height: 1100 });
  await page.screenshot({ path: artifactPath('admin', `${name}-800.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways at 800 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Password, then the code or (first time) enrolment with the secret read off the screen. */
async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  const known = secrets.get(username);
  if (known !== undefined) {
    await page.getByLabel('验证码').fill(nextCode(known));
    await page.getByRole('button', { name: '验证' }).click();
  } else {
    const secret = (await page.locator('code.secret[data-secret]').getAttribute('data-secret'))!;
    secrets.set(username, secret);
    await page.getByLabel('验证码').fill(nextCode(secret));
    await page.getByRole('button', { name: '验证' }).click();
    await page.getByRole('button', { name: '我已保存恢复码，进入后台' }).click();
  }
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

async function open(page: Page, path: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: heading }).click();
  await page.waitForURL(`${base}/admin${path}`);
  await page.locator('.loading').waitFor({ state: 'detached' });
}

describe('the admin page when dist/admin is missing', () => {
  it('answers with a page that says how to build it, and keeps the API out of the fallback', async () => {
    const app = Fastify();
    await registerAdminApp(app, join(tmpdir(), 'gazette-no-admin-here'));
    const page = await app.inject({ method: 'GET', url: '/admin/articles/3' });
    expect(page.statusCode).toBe(503);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('管理后台尚未构建');
    expect(page.body).toContain('npm run build');
    expect((await app.inject({ method: 'GET', url: '/admin/api/anything' })).statusCode).toBe(404);
    await app.close();
  });
});

if (!hasChromium) console.warn(noChromiumMessage);

describe.skipIf(!hasChromium)('the admin screens in Chromium', { timeout: 120_000 }, () => {
  let page: Page;

  beforeAll(async () => {
    admin = await startAdminBrowser();
    ({ t, base, siteId } = admin);
  }, 120_000);

  afterAll(() => admin?.close());

  it('serves the app with its CSP, long-cached assets and the SPA fallback, and keeps /admin/api the API', async () => {
    const index = await fetch(`${base}/admin/columns`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await index.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const asset = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/admin/assets/missing-0000.js`)).status).toBe(404);
    const api = await fetch(`${base}/admin/api/no-such-endpoint`);
    expect(api.status).toBe(404);
    const session = await fetch(`${base}/admin/api/session`);
    expect(session.status).toBe(401);
    expect(((await session.json()) as { error: { code: string } }).error.code).toBe('GZ_NOT_SIGNED_IN');
  });

  it('takes a new administrator through the first sign-in: own password, TOTP enrolment, recovery codes', async () => {
    const generated = await makeUser('zhangke', [
      'site-admin',
      'reviewer-1',
      'publisher',
      'system-admin',
      'security-admin',
    ]);
    page = await newPage('zhangke');
    await page.goto(`${base}/admin/`);
    await page.getByLabel('用户名').waitFor();
    await shots(page, 'login');
    await page.getByLabel('用户名').fill('zhangke');
    await page.getByLabel('密码').fill(generated);
    await page.getByRole('button', { name: '登录' }).click();

    await page.getByRole('heading', { name: '设置新密码' }).waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('再次输入新密码').fill('short');
    await page.getByRole('button', { name: '保存' }).click();
    // The server's reason shows at the field.
    await page.locator('.field-invalid .field-error').waitFor();
    await shots(page, 'login-password');
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByRole('heading', { name: '绑定身份验证器' }).waitFor();
    const secret = (await page.locator('code.secret[data-secret]').getAttribute('data-secret'))!;
    expect(await page.getByRole('link', { name: '在验证器中打开' }).getAttribute('href')).toMatch(
      /^otpauth:\/\/totp\//,
    );
    await shots(page, 'login-enrol');
    await page.getByLabel('验证码').fill('000000');
    await page.getByRole('button', { name: '验证' }).click();
    await page.locator('.field-error').waitFor();
    await page.getByLabel('验证码').fill(nextCode(secret));
    await page.getByRole('button', { name: '验证' }).click();
    await page.getByRole('heading', { name: '恢复码' }).waitFor();
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    await shots(page, 'login-recovery');
    await page.getByRole('button', { name: '我已保存恢复码，进入后台' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    secrets.set('zhangke', secret);

    // Signing out and in again asks for a code now.
    await page.getByRole('button', { name: '退出' }).click();
    await signIn(page, 'zhangke', NEW_PASSWORD);
    await page.getByRole('heading', { name: '工作台' }).waitFor();
  });

  it('shows the dashboard, the article list with its filters and the review queue', async () => {
    await page.goto(`${base}/admin/`);
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
    await shots(page, 'dashboard');

    await open(page, '/articles', '稿件');
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await page.getByLabel('状态').selectOption('published');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/status=published/);
    await page.locator('.loading').waitFor({ state: 'detached' });
    const statuses = await page.locator('table tbody .status').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['已发布']));
    await shots(page, 'articles');
    // A title links into the editor.
    expect(await rows.first().locator('a').getAttribute('href')).toMatch(/^\/admin\/articles\/\d+$/);
  });

  it('opens an article from the review queue and approves it there', async () => {
    // A contributor writes and submits an article to a column with three review levels.
    const writer = await signedInUser(t, 'xiaozhao', ['contributor']);
    const column = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
    const created = await writer.call('POST', '/articles', {
      siteId,
      columnId: column.id,
      title: '关于做好冬季供暖保障工作的通知',
      bodyHtml: '<p>为切实做好今冬明春供暖保障工作，现将有关事项通知如下。</p>',
      source: '青川市住房和城乡建设局',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { article } = created.json<{ article: { id: number; version: number } }>();
    const submitted = await writer.call('POST', `/articles/${article.id}/submit`, {
      version: article.version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    await open(page, '/review', '待我审核');
    const row = page.locator('tr', { hasText: '关于做好冬季供暖保障工作的通知' });
    await row.getByRole('link', { name: '审阅' }).waitFor();
    await shots(page, 'review');
    // A decision is taken on the article, after reading it: the queue opens it.
    await row.getByRole('link', { name: '审阅' }).click();
    await page.locator('button[data-action="approve"]').click();
    await page.getByRole('dialog', { name: '审核通过' }).getByRole('button', { name: '确认通过' }).click();
    await page.getByText('已审核通过').waitFor();
    const approved = await t.gazette.deps.store.articles.get(article.id);
    expect(approved).toMatchObject({ status: 'in-review', reviewLevel: 2 });
  });

  it('creates a series with two articles in a chosen order', async () => {
    await open(page, '/series', '合集');
    await page.getByRole('link', { name: '新建合集' }).click();
    await page.getByLabel('合集标题').fill('宜居宜业幸福青川评论选');
    await page.getByLabel('网址名（英文小写）').fill('xinqidian');
    await page.getByLabel('导语').fill('本报评论员系列文章。\n\n共五篇。');
    await page.getByLabel('按标题查找稿件并添加').fill('在新起点上');
    await page.getByRole('button', { name: '查询' }).click();
    const results = page.locator('.results li');
    await results.first().waitFor();
    const first = await results.nth(0).innerText();
    const second = await results.nth(1).innerText();
    await results.nth(0).getByRole('button', { name: '添加' }).click();
    await results.nth(0).getByRole('button', { name: '添加' }).click();
    // The second becomes the first.
    await page.locator('.members li').nth(1).getByRole('button', { name: /上移/ }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存。').waitFor();
    await page.waitForURL(/\/admin\/series\/\d+$/);
    const id = Number(/series\/(\d+)$/.exec(page.url())![1]);
    const series = await t.gazette.deps.store.series.get(id);
    expect(series).toMatchObject({
      slug: 'xinqidian',
      leadHtml: '<p>本报评论员系列文章。</p><p>共五篇。</p>',
    });
    const titles = await Promise.all(series!.memberIds.map((m) => t.gazette.deps.store.articles.get(m)));
    expect(titles.map((a) => a!.title)).toEqual(
      [second, first].map((text) =>
        text
          .replace(/^添加\s*/, '')
          .replace(/（.*）$/, '')
          .trim(),
      ),
    );
    await page.locator('.series-list').getByText('宜居宜业幸福青川评论选').waitFor();
    await shots(page, 'series');
  });

  it('creates a column in the column tree', async () => {
    await open(page, '/columns', '栏目');
    await page.getByRole('button', { name: '新建栏目' }).click();
    await page.getByLabel('栏目名称').fill('冬季供暖专栏');
    await page.getByLabel('网址名').fill('gongnuan');
    await page.getByLabel('栏目类型').selectOption('topic');
    await page.getByLabel('审核级数').selectOption('2');
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.getByText('栏目“冬季供暖专栏”已创建。').waitFor();
    await page.locator('.tree').getByText('冬季供暖专栏').waitFor();
    const created = (await t.gazette.deps.store.columns.listBySite(siteId)).find(
      (c) => c.slug === 'gongnuan',
    );
    expect(created).toMatchObject({ name: '冬季供暖专栏', kind: 'topic', reviewLevels: 2, parentId: null });

    // Rename it and set its freshness; then move it up one place among the top-level columns.
    await page.getByRole('button', { name: '编辑 冬季供暖专栏' }).click();
    await page.getByLabel('栏目名称').fill('冬季供暖');
    await page.getByLabel('更新时限（天）').fill('30');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存。').waitFor();
    const topLevel = async () =>
      (await t.gazette.deps.store.columns.listBySite(siteId))
        .filter((c) => c.parentId === null)
        .sort((a, b) => a.position - b.position)
        .map((c) => c.slug);
    const before = await topLevel();
    // A new column goes after the columns made by hand (the 政府信息公开 专栏 a site is made with may follow).
    const at = before.indexOf('gongnuan');
    expect(at).toBeGreaterThan(0);
    const moved = [...before];
    moved.splice(at - 1, 2, 'gongnuan', before[at - 1]!);
    await page.getByRole('button', { name: '上移 冬季供暖' }).click();
    await expect.poll(topLevel).toEqual(moved);
    expect(await t.gazette.deps.store.columns.get(created!.id)).toMatchObject({
      name: '冬季供暖',
      freshnessDays: 30,
    });
    await shots(page, 'columns');
  });

  it('creates a user with a role and shows the one-time password', async () => {
    await open(page, '/users', '用户与角色');
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByLabel('用户名').fill('liwen');
    await page.getByLabel('姓名').fill('李文');
    await page.getByRole('button', { name: '添加角色' }).click();
    await page.getByLabel('角色', { exact: true }).selectOption('editor');
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.locator('.one-time').waitFor();
    expect(await page.locator('.one-time').innerText()).toContain('liwen');
    const user = await t.gazette.deps.store.users.getByUsername('liwen');
    expect(user?.grants).toEqual([{ role: 'editor', siteId, columnId: null }]);
    expect(user?.mustChangePassword).toBe(true);
    await page.getByRole('cell', { name: 'liwen', exact: true }).waitFor();
    await shots(page, 'users');

    // Assign a second role (the security administrator's part) and disable the account (the system administrator's).
    const row = page.getByRole('row', { name: /liwen/ });
    await row.getByRole('button', { name: '分配角色' }).click();
    const editor = page.getByRole('region', { name: '分配角色：liwen' });
    await editor.getByRole('button', { name: '添加角色' }).click();
    await editor.getByLabel('角色', { exact: true }).last().selectOption('reviewer-1');
    await shots(page, 'users-roles');
    await editor.getByRole('button', { name: '保存角色' }).click();
    await page.getByText('已保存。').waitFor();
    await expect
      .poll(async () => (await t.gazette.deps.store.users.getByUsername('liwen'))?.grants.map((g) => g.role))
      .toEqual(['editor', 'reviewer-1']);
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: '停用' }).click();
    await row.getByRole('button', { name: '启用' }).waitFor();
    expect((await t.gazette.deps.store.users.getByUsername('liwen'))?.status).toBe('disabled');
  });

  it('refuses an invalid site code at its field, then saves a valid one', async () => {
    await open(page, '/settings', '站点设置');
    const code = page.getByLabel('网站标识码');
    await code.fill('12345');
    await page.getByRole('button', { name: '保存' }).first().click();
    const field = page.locator('.field-invalid', { has: page.locator('input[name="siteCode"]') });
    await field.locator('.field-error').waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await shots(page, 'settings-invalid');
    await code.fill('1101000001');
    // The button at the end of the form this time.
    await page.getByRole('button', { name: '保存' }).last().click();
    await page.getByText('已保存。').waitFor();
    expect(await page.locator('.field-invalid').count()).toBe(0);
    expect((await t.gazette.deps.store.sites.get(siteId))?.siteCode).toBe('1101000001');
    await shots(page, 'settings');
  });

  it('adds and removes a search synonym of the site', async () => {
    await open(page, '/search-synonyms', '搜索同义词');
    await page.getByLabel('词语', { exact: true }).fill('旧改');
    await page.getByLabel('同义词', { exact: true }).fill('老旧小区改造');
    await page.getByRole('button', { name: '添加' }).click();
    await page.getByText('已添加，一分钟内生效。').waitFor();
    await page.getByRole('cell', { name: '老旧小区改造', exact: true }).waitFor();
    await shots(page, 'search-synonyms');
    expect((await t.gazette.deps.store.searchSynonyms.list(siteId)).map((x) => x.term)).toEqual(['旧改']);
    await page.getByRole('button', { name: /移除/ }).click();
    await page.getByText('已删除。').waitFor();
    expect(await t.gazette.deps.store.searchSynonyms.list(siteId)).toEqual([]);
  });

  it('lets the audit administrator filter the log, export it and verify the chain', async () => {
    await makeUser('shenji', ['audit-admin'], TEST_PASSWORD);
    const auditor = await newPage('shenji');
    await signIn(auditor, 'shenji', TEST_PASSWORD);
    // 三员分立: the audit administrator sees the audit log and nothing else.
    const menu = await auditor.getByRole('navigation', { name: '主导航' }).getByRole('link').allInnerTexts();
    expect(menu).toEqual(['审计日志']);
    await open(auditor, '/audit', '审计日志');
    await auditor.getByLabel('操作', { exact: true }).fill('column.create');
    await auditor.getByRole('button', { name: '查询' }).click();
    await auditor.waitForURL(/action=column\.create/);
    // The filtered answer replaces the list: wait for it (a busy machine may not have started the request yet
    // when the URL changes, so the loading mark alone can be missed).
    await auditor.waitForFunction(
      () => {
        const cells = [...document.querySelectorAll('table.audit tbody td code')];
        return cells.length > 0 && cells.every((cell) => cell.textContent === 'column.create');
      },
      undefined,
      { timeout: 20_000 },
    );
    const actions = await auditor.locator('table.audit tbody td code').allInnerTexts();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['column.create']));
    const exportLink = await auditor.getByRole('link', { name: '导出 CSV' }).getAttribute('href');
    expect(exportLink).toContain('action=column.create');
    await auditor.getByRole('button', { name: '校验日志完整性' }).click();
    await auditor.getByText(/日志链完整/).waitFor();
    await shots(auditor, 'audit');
  });

  it('uploads a file to the media library, lists it and shows where it is used', async () => {
    await makeUser('meiti', ['editor'], TEST_PASSWORD);
    const editor = await newPage('meiti');
    // An editor's role needs no second factor: the password alone signs in.
    await editor.goto(`${base}/admin/`);
    await editor.getByLabel('用户名').fill('meiti');
    await editor.getByLabel('密码').fill(TEST_PASSWORD);
    await editor.getByRole('button', { name: '登录' }).click();
    await editor.getByRole('navigation', { name: '主导航' }).waitFor();
    await open(editor, '/media', '媒体库');
    // The library's own upload input (the demo's pictures already listed have their 替换 inputs too).
    await editor.locator('input[type=file][accept]').setInputFiles({
      name: '青川市促进消费若干措施.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(tinyPdf(['Qingchuan measures'])),
    });
    await editor.getByText('已上传“青川市促进消费若干措施.pdf”').waitFor();
    const row = editor.locator('table tbody tr', { hasText: '青川市促进消费若干措施.pdf' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/PDF/);
    await row.getByRole('button', { name: /使用/ }).click();
    await editor.getByText('没有稿件使用此文件').waitFor();
    await shots(editor, 'media');
  });

  it('switches to English and remembers it', async () => {
    await page.goto(`${base}/admin/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await shots(page, 'dashboard-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
  });
});
