import { spawnSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser } from './browser.js';
import { startTestGazette, type TestGazette } from './gazette.js';

/**
 * Gazette listening on a free port with the web admin built, and Chromium: what the admin's browser tests
 * start from. Pages open as an editor's desktop (1280 × 900, zh-CN), each in its own context (its own
 * session cookie), with the page's errors logged under the name given.
 */
export interface AdminBrowser {
  readonly t: TestGazette;
  /** `http://127.0.0.1:PORT` */
  readonly base: string;
  /** The demo site's id. */
  readonly siteId: number;
  newPage(name: string): Promise<Page>;
  /** Closes every page's context, Chromium and Gazette. */
  close(): Promise<void>;
}

export async function startAdminBrowser(): Promise<AdminBrowser> {
  // `npm test` builds the admin first; a single-file run builds it here when it is out of date.
  const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs', 'admin'], { stdio: 'inherit' });
  expect(build.status).toBe(0);
  const t = await startTestGazette();
  let browser: Browser | undefined;
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
    const started = await launchBrowser();
    browser = started;
    const contexts: BrowserContext[] = [];
    return {
      t,
      base,
      siteId,
      async newPage(name) {
        const context = await started.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
        contexts.push(context);
        context.setDefaultTimeout(10_000);
        const page = await context.newPage();
        page.on('pageerror', (error) => console.error(`[${name}] page error:`, error));
        page.on('console', (message) => {
          if (message.type() === 'error') console.error(`[${name}] console:`, message.text());
        });
        return page;
      },
      async close() {
        for (const context of contexts) await context.close();
        await started.close();
        await t.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await t.close();
    throw error;
  }
}
