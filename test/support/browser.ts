import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; browser tests skip with a clear message where it is absent. */
export const CHROMIUM_PATH = process.env['GAZETTE_CHROMIUM'] ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const noChromiumMessage = `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium fonts-noto-cjk)`;

if (!hasChromium && !process.env['GAZETTE_QUIET_SKIPS']) console.warn(noChromiumMessage);

/** The flags this machine's closed network needs (no background connections, no sandbox as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Where browser tests keep their screenshots (a CI artifact; ignored by git). */
export function artifactPath(...parts: string[]): string {
  const dir = join(process.cwd(), 'test-artifacts', ...parts.slice(0, -1));
  mkdirSync(dir, { recursive: true });
  return join(dir, parts[parts.length - 1] ?? 'shot.png');
}
