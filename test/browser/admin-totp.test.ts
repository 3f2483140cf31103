/// <reference lib="dom" />
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemPrincipal } from '../../src/app/index.js';
import { TEST_PASSWORD } from '../support/admin-client.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';
import { artifactPath, hasChromium } from '../support/browser.js';

// TOTP enrolment at the first sign-in shows a QR code of the otpauth URI, drawn on the page (no image from
// another service), and still the key for typing into an app by hand.

let admin: AdminBrowser;

beforeAll(async () => {
  if (!hasChromium) return;
  admin = await startAdminBrowser();
  const { t, siteId } = admin;
  const { user } = await createUser(t.gazette.deps, systemPrincipal('test'), {
    username: 'qr-admin',
    displayName: '扫码测试',
    password: TEST_PASSWORD,
    grants: [{ role: 'site-admin', siteId, columnId: null }],
  });
  await t.gazette.deps.store.users.update(user.id, { mustChangePassword: false }, t.clock.now());
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

/** The dark modules of a rendered QR code, read back from a screenshot of it. */
async function modulesOf(png: Buffer, count: number): Promise<boolean[][]> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const dark = (x: number, y: number) => data[y * info.width + x]! < 128;
  let left = info.width;
  let top = info.height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++)
      if (dark(x, y)) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
  const size = (right - left + 1) / count;
  return Array.from({ length: count }, (_, row) =>
    Array.from({ length: count }, (_, col) =>
      dark(Math.floor(left + (col + 0.5) * size), Math.floor(top + (row + 0.5) * size)),
    ),
  );
}

describe.skipIf(!hasChromium)('TOTP enrolment', () => {
  it('shows the otpauth URI as a QR code drawn on the page, and the key for typing', async () => {
    const page = await admin.newPage('qr-admin');
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(admin.base) && !request.url().startsWith('data:'))
        foreign.push(request.url());
    });
    await page.goto(`${admin.base}/admin/`);
    await page.getByLabel('用户名').fill('qr-admin');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    const secret = page.locator('code.secret[data-secret]');
    await secret.waitFor();
    expect(await secret.isVisible()).toBe(true);
    const uri = (await page.locator('.otpauth-uri').textContent())!;
    expect(uri).toMatch(/^otpauth:\/\/totp\//);

    const qr = page.getByRole('img', { name: /二维码/ });
    expect(await qr.isVisible()).toBe(true);
    expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(160);
    const shot = await qr.screenshot({ path: artifactPath('admin', 'totp-enrol-qr.png') });
    // The picture holds exactly the modules of the otpauth URI's QR code.
    const expected = QRCode.create(uri, { errorCorrectionLevel: 'M' }).modules;
    const drawn = await modulesOf(shot, expected.size);
    const wrong = drawn.flatMap((row, y) => row.filter((on, x) => on !== Boolean(expected.get(y, x))));
    expect(wrong).toHaveLength(0);
    await page.screenshot({ path: artifactPath('admin', 'totp-enrol.png'), fullPage: true });
    expect(foreign).toEqual([]);
  }, 60_000);
});
