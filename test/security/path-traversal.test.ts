import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from '../media/media-client.js';
import { png } from '../media/media-fixtures.js';
import { signedInUser } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * Path traversal on the public and media routes, sent byte for byte over a socket (no client tidies the
 * path first): every spelling of `..` answers 400 or 404 (403 for a hidden file) and never a byte of a
 * file outside the directory the route serves.
 */

let t: TestGazette;
let port: number;
let mediaFile: string;
/** An editor's session: files not yet public are still served to the people who edit them. */
let cookie: string;
const MARKER = 'gazette-traversal-marker-6f1d';

beforeAll(async () => {
  // The web admin's files are among the roots served: build them when a single-file run finds them stale.
  expect(
    spawnSync(process.execPath, ['scripts/build-if-stale.mjs', 'admin'], { stdio: 'inherit' }).status,
  ).toBe(0);
  t = await startTestGazette();
  // A file next to the media directory, and one in the project: neither must ever be served.
  writeFileSync(join(t.dataDir, 'secret.txt'), MARKER);
  writeFileSync(join(t.dataDir, 'media', 'secret.txt.bak'), MARKER);
  const editor = await signedInUser(t, 'traversal-editor', ['editor']);
  const res = await upload(t.app, editor, { filename: '图.png', bytes: await png(10, 10) });
  mediaFile = new URL(res.json<{ url: string }>().url, 'http://x').pathname;
  cookie = editor.cookie;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => t.close());

/** Sends the request line as given and returns the status and the whole answer. */
function raw(path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to ${path}`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: gz_session=${cookie}\r\nConnection: close\r\n\r\n`,
      'latin1',
    );
  });
}

/** Ways to say "the parent directory", each followed by what it should reach. */
const DOT_DOT = [
  '../',
  '..%2f',
  '..%2F',
  '%2e%2e/',
  '%2e%2e%2f',
  '.%2e/',
  '..\\',
  '..%5c',
  '%252e%252e%252f',
  '..%252f',
  '%c0%ae%c0%ae/',
  '%c0%ae%c0%ae%c0%af',
  '%e0%80%ae%e0%80%ae/',
  '..%c0%af',
  '..%c1%9c',
  '....//',
  '..;/',
  '%uff0e%uff0e/',
  '.%00./',
];

const TARGETS = [
  { path: 'etc/passwd', marker: 'root:x:0:0' },
  { path: 'secret.txt', marker: MARKER },
  { path: 'package.json', marker: '"name": "gazette"' },
];

const PREFIXES = [
  '/',
  '/media/',
  '/media/f/',
  '/media/ab/',
  '/admin/',
  '/admin/assets/',
  '/tags/',
  '/series/',
  '/xwzx/',
];

const bodyOf = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);
let shell = '';

describe('path traversal', () => {
  it('serves the media file the traversal variants start from', async () => {
    expect((await raw(mediaFile)).status).toBe(200);
    const admin = await raw('/admin/articles');
    expect(admin.status).toBe(200);
    shell = bodyOf(admin.text);
    expect(shell).toContain('<div id="root"');
  });

  it.each(PREFIXES)('under %s: every spelling of .. is refused and reaches no file', async (prefix) => {
    const problems: string[] = [];
    for (const dotDot of DOT_DOT) {
      for (const target of TARGETS) {
        for (const depth of [1, 6]) {
          const path = `${prefix}${dotDot.repeat(depth)}${target.path}`;
          const { status, text } = await raw(path);
          // The web admin answers every path below /admin/ with its one page; routing happens in the browser.
          const adminShell = prefix.startsWith('/admin/') && status === 200 && bodyOf(text) === shell;
          if (![400, 403, 404].includes(status) && !adminShell) problems.push(`${path}: ${status}`);
          if (text.includes(target.marker)) problems.push(`${path}: served ${target.path}`);
        }
      }
      for (const suffix of [`${dotDot}${dotDot}`, `x${dotDot}`, `${dotDot}%00.png`]) {
        const { status } = await raw(`${prefix}${suffix}`);
        if (status >= 500 || status === 0) problems.push(`${prefix}${suffix}: ${status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses NUL and encoded separators in a media file name', async () => {
    for (const path of [
      `${mediaFile}%00.html`,
      `${mediaFile}%00`,
      `${mediaFile.replace(/\.png$/, '')}%2f..%2f..%2fsecret.txt`,
      '/media/f/%2e%2e%2fsecret.txt',
      '/media/f/..%5csecret.txt',
      '/media/%2e%2e/secret.txt',
      '/media/.%2e/secret.txt',
    ]) {
      const { status, text } = await raw(path);
      expect([400, 403, 404], `${path}: ${status}`).toContain(status);
      expect(text).not.toContain(MARKER);
    }
  });
});
