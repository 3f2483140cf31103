import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadMedia } from '../../src/app/index.js';
import { GazetteError } from '../../src/core/index.js';
import { buildServer } from '../../src/server/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { filesUnder, upload } from './media-client.js';
import { jpegWithGps, pdf, png, pngClaiming, zip } from './media-fixtures.js';

let t: TestGazette;
let editor: AdminClient;
let mediaDir: string;

beforeAll(async () => {
  t = await startTestGazette();
  editor = await signedInUser(t, 'bianji', ['editor']);
  mediaDir = join(t.dataDir, 'media');
});
afterAll(() => t.close());

/** Each case: a file an attacker or a careless upload might send, and the code it must be refused with. */
type Upload = { filename: string; bytes: Uint8Array };
const cases: readonly [string, () => Upload | Promise<Upload>, string][] = [
  [
    'a PHP script named as a photo',
    () => ({ filename: 'photo.jpg', bytes: Buffer.from('<?php system($_GET["c"]); ?>') }),
    'GZ_MEDIA_TYPE_NOT_ALLOWED',
  ],
  [
    'a PDF named as a photo',
    () => ({ filename: '照片.jpg', bytes: pdf(['not a photo']) }),
    'GZ_MEDIA_TYPE_MISMATCH',
  ],
  [
    'an SVG image (it can carry script)',
    () => ({
      filename: 'logo.svg',
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    }),
    'GZ_MEDIA_TYPE_NOT_ALLOWED',
  ],
  [
    'a text file that is really a web page',
    () => ({ filename: '说明.txt', bytes: Buffer.from('<html><script>alert(1)</script></html>') }),
    'GZ_MEDIA_TYPE_NOT_ALLOWED',
  ],
  [
    'a plain zip archive',
    () => ({ filename: '材料.zip', bytes: zip({ 'a.exe': 'MZ' }) }),
    'GZ_MEDIA_TYPE_NOT_ALLOWED',
  ],
  [
    'a PNG claiming 60000×60000 pixels (decompression bomb)',
    async () => ({ filename: 'bomb.png', bytes: await pngClaiming(60_000, 60_000) }),
    'GZ_MEDIA_IMAGE_TOO_LARGE',
  ],
  [
    'a truncated JPEG',
    async () => {
      const whole = await jpegWithGps(800, 600);
      return { filename: '半张.jpg', bytes: whole.subarray(0, Math.floor(whole.length / 2)) };
    },
    'GZ_MEDIA_IMAGE_BROKEN',
  ],
  ['a 0-byte file', () => ({ filename: '空文件.pdf', bytes: new Uint8Array(0) }), 'GZ_MEDIA_EMPTY'],
  [
    'a path-traversal name',
    async () => ({ filename: '../../x.png', bytes: await png(10, 10) }),
    'GZ_MEDIA_NAME_INVALID',
  ],
  [
    'a path-traversal name without extension',
    async () => ({ filename: '../../x', bytes: await png(10, 10) }),
    'GZ_MEDIA_NAME_INVALID',
  ],
  [
    'a Windows path-traversal name',
    async () => ({ filename: '..\\..\\x.png', bytes: await png(10, 10) }),
    'GZ_MEDIA_NAME_INVALID',
  ],
  [
    'a double extension hiding a script type',
    async () => ({ filename: 'a.php.jpg', bytes: await jpegWithGps(40, 30) }),
    'GZ_MEDIA_NAME_INVALID',
  ],
];

describe('uploads that must be refused', () => {
  it.each(cases)(
    'refuses %s with a bilingual error and leaves nothing on disk',
    async (_name, make, code) => {
      const before = filesUnder(mediaDir);
      const res = await upload(t.app, editor, await make());
      expect(res.statusCode, res.body).toBe(400);
      const error = errorOf(res);
      expect(error.code).toBe(code);
      expect(error.field).toBe('file');
      expect(error.message).toMatch(/[a-z]{3,}/);
      expect(error.messageZh).toMatch(/[\u4e00-\u9fff]{2,}/);
      expect(filesUnder(mediaDir)).toEqual(before);
    },
  );

  it('audits a refused upload with who, what and why', async () => {
    await upload(t.app, editor, { filename: 'shell.php.jpg', bytes: Buffer.from('<?php ?>') });
    const [record] = await t.gazette.deps.store.audit.list(
      { action: 'media.upload', actorId: editor.userId },
      1,
      0,
    );
    expect(record).toMatchObject({ result: 'failed', actorName: 'bianji' });
    expect(record?.summary).toMatchObject({ name: 'shell.php.jpg', code: 'GZ_MEDIA_NAME_INVALID' });
  });

  it('refuses a request without a file, or not multipart at all', async () => {
    const none = await upload(t.app, editor, null, { alt: '说明' });
    expect(errorOf(none).code).toBe('GZ_INVALID_INPUT');
    const json = await editor.call('POST', '/media', { file: 'x' });
    expect(json.statusCode).toBe(400);
  });

  it('refuses an upload from someone who cannot write articles', async () => {
    const reviewer = await signedInUser(t, 'shenhe', ['reviewer-1']);
    const before = filesUnder(mediaDir);
    const res = await upload(t.app, reviewer, { filename: '图.png', bytes: await png(20, 20) });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('GZ_FORBIDDEN');
    expect(filesUnder(mediaDir)).toEqual(before);
  });

  it('refuses an upload without the CSRF token', async () => {
    const res = await upload(
      t.app,
      { ...editor, csrf: 'wrong' },
      { filename: '图.png', bytes: await png(20, 20) },
    );
    expect(errorOf(res).code).toBe('GZ_CSRF_INVALID');
  });

  describe('size limits (configurable per type)', () => {
    it('stops streaming a file larger than any limit, with nothing left behind', async () => {
      const deps = t.gazette.deps;
      const small = await buildServer({
        deps: {
          ...deps,
          media: {
            files: deps.media!.files,
            images: deps.media!.images,
            limits: { imageBytes: 2000, documentBytes: 4000, maxPixels: 1e6 },
          },
        },
        theme: t.gazette.theme,
        mediaDir,
        logLevel: 'silent',
        trustProxy: false,
      });
      try {
        const client = await signedInUser({ ...t, app: small }, 'daxiao', ['contributor']);
        const before = filesUnder(mediaDir);
        const res = await upload(small, client, {
          filename: '大文件.pdf',
          bytes: pdf(['x'.repeat(60)].concat(Array(400).fill('line'))),
        });
        expect(res.statusCode, res.body).toBe(400);
        expect(errorOf(res).code).toBe('GZ_MEDIA_TOO_LARGE');
        expect(errorOf(res).messageZh).toContain('大小');
        expect(filesUnder(mediaDir)).toEqual(before);
      } finally {
        await small.close();
      }
    });

    it('applies the image limit to images once their type is known', async () => {
      const deps = t.gazette.deps;
      const files = deps.media!.files;
      const tempPath = files.incomingPath();
      const { writeFileSync } = await import('node:fs');
      writeFileSync(tempPath, await png(300, 300, { r: 1, g: 2, b: 3 }));
      const before = filesUnder(mediaDir);
      const refused = await uploadMedia(
        {
          ...deps,
          media: { ...deps.media!, limits: { imageBytes: 100, documentBytes: 10_000_000, maxPixels: 1e6 } },
        },
        { kind: 'system', reason: 'test' },
        { tempPath, filename: '小图.png' },
      ).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(GazetteError);
      expect((refused as GazetteError).code).toBe('GZ_MEDIA_TOO_LARGE');
      expect((refused as GazetteError).message).toContain('PNG files are at most');
      expect(filesUnder(mediaDir)).toEqual(before);
    });
  });
});
