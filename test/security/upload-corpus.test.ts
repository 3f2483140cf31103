import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, upload } from '../media/media-client.js';
import { jpegWithGps, pdf, png, pngClaiming } from '../media/media-fixtures.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * The outside test's upload corpus: polyglots, decompression bombs, hostile names and lying Content-Types.
 * Each upload is refused with a clear 4xx (a stable code, English and Chinese) leaving nothing on disk, or
 * stored safely: a harmless name, and served with its real type, a Content-Disposition and
 * `X-Content-Type-Options: nosniff`, never as a page.
 */

let t: TestGazette;
let editor: AdminClient;
let mediaDir: string;

beforeAll(async () => {
  t = await startTestGazette();
  editor = await signedInUser(t, 'upload-editor', ['editor']);
  mediaDir = join(t.dataDir, 'media');
});
afterAll(() => t.close());

const SCRIPT = Buffer.from('<html><body><script>alert(1)</script><img src=x onerror=alert(1)></body></html>');

/** A zip whose entries are deflated (method 8), as Word writes them. */
function deflatedZip(entries: Readonly<Record<string, Buffer>>, declareSize?: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(entries)) {
    const packed = deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name, 'utf8');
    const size = declareSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A DOCX whose document part inflates to `megabytes` MB of zeros (declaring it, or lying about it). */
function docxBomb(megabytes: number, lie: boolean): Buffer {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
  return deflatedZip(
    {
      '[Content_Types].xml': Buffer.from(types),
      '_rels/.rels': Buffer.from(rels),
      'word/document.xml': Buffer.alloc(megabytes * 1024 * 1024, 0x20),
    },
    lie ? 1000 : undefined,
  );
}

async function gif(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 1, g: 2, b: 3 } } })
    .gif()
    .toBuffer();
}

/** A PDF that asks its reader to run JavaScript when opened (an incremental update after %%EOF). */
function pdfWithScript(): Buffer {
  return Buffer.concat([
    pdf(['公开文件']),
    Buffer.from(
      '\n99 0 obj << /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >> endobj\n' +
        '<html><script>alert(1)</script></html>\n%%EOF\n',
    ),
  ]);
}

interface Case {
  readonly filename: string;
  readonly bytes: () => Buffer | Promise<Buffer>;
  readonly contentType?: string;
}

const CASES: Readonly<Record<string, Case>> = {
  'GIF with a script after its trailer': {
    filename: 'poly.gif',
    bytes: async () => Buffer.concat([await gif(), Buffer.from('*/=alert(1)//'), SCRIPT]),
  },
  'GIF header followed by JavaScript': {
    filename: 'gifar.gif',
    bytes: () => Buffer.from('GIF89a/*\x00\x00\x00\x00*/=alert(1);//<script>alert(1)</script>'),
  },
  'JPEG with a web page appended': {
    filename: 'photo.jpg',
    bytes: async () => Buffer.concat([await jpegWithGps(40, 30), SCRIPT]),
  },
  'PNG with a web page appended, sent as text/html': {
    filename: 'page.png',
    contentType: 'text/html',
    bytes: async () => Buffer.concat([await png(20, 20), SCRIPT]),
  },
  'PDF with JavaScript and HTML': { filename: '文件.pdf', bytes: pdfWithScript },
  'HTML behind a PDF signature': {
    filename: 'fake.pdf',
    bytes: () => Buffer.concat([Buffer.from('%PDF-1.4\n'), SCRIPT]),
  },
  'web page sent as image/png': { filename: 'x.png', contentType: 'image/png', bytes: () => SCRIPT },
  'web page named .txt': { filename: 'notes.txt', contentType: 'text/plain', bytes: () => SCRIPT },
  'SVG with a script': {
    filename: 'logo.svg',
    contentType: 'image/svg+xml',
    bytes: () =>
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
      ),
  },
  'SVG with a script named .png': {
    filename: 'logo.png',
    bytes: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  },
  'PNG claiming 60000×60000 pixels': { filename: 'bomb.png', bytes: () => pngClaiming(60_000, 60_000) },
  'PNG claiming 30000×30000 pixels': { filename: 'bomb2.png', bytes: () => pngClaiming(30_000, 30_000) },
  'DOCX of 16 KB expanding to 16 MB (zip bomb)': {
    filename: 'bomb.docx',
    bytes: () => docxBomb(16, false),
  },
  'DOCX lying about its 64 MB document part': { filename: 'liar.docx', bytes: () => docxBomb(64, true) },
  'name with ../': { filename: '../../../etc/cron.d/x.png', bytes: () => png(10, 10) },
  'name with an encoded ../': { filename: '..%2f..%2fx.png', bytes: () => png(10, 10) },
  'name with ..\\': { filename: '..\\..\\windows\\x.png', bytes: () => png(10, 10) },
  'name with CR LF': { filename: 'a\r\nContent-Type: text/html\r\n\r\n.png', bytes: () => png(10, 10) },
  'name with NUL': { filename: 'a.php\u0000.png', bytes: () => png(10, 10) },
  'double extension a.php.jpg': { filename: 'a.php.jpg', bytes: () => jpegWithGps(40, 30) },
  'double extension a.jpg.html': { filename: 'a.jpg.html', bytes: () => jpegWithGps(40, 30) },
  'double extension a.html.png': { filename: 'a.html.png', bytes: () => png(10, 10) },
  'name a.asp;.jpg': { filename: 'a.asp;.jpg', bytes: () => jpegWithGps(40, 30) },
  'name .htaccess': { filename: '.htaccess', bytes: () => Buffer.from('AddType text/html .png') },
  'name with a right-to-left override': { filename: '照片\u202egnp.exe', bytes: () => png(10, 10) },
  'name of 400 characters': { filename: `${'长'.repeat(400)}.png`, bytes: () => png(10, 10) },
  'name with trailing dot and space': { filename: 'a.html. ', bytes: () => png(10, 10) },
};

/** What makes a stored upload unsafe to serve: every problem found (none: an empty list). */
async function servedProblems(res: LightMyRequestResponse): Promise<string[]> {
  const view = res.json<{ url: string; filename: string; mime: string; variants?: { url: string }[] }>();
  const problems: string[] = [];
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[/\\\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]|^\.|\.\./.test(view.filename)) {
    problems.push(`stored name ${JSON.stringify(view.filename)}`);
  }
  if (
    !/^(image\/(jpeg|png|gif|webp)|application\/pdf|application\/vnd\.|text\/(plain|csv))/.test(view.mime)
  ) {
    problems.push(`stored as ${view.mime}`);
  }
  for (const url of [view.url, ...(view.variants ?? []).map((v) => v.url)]) {
    const path = new URL(url, 'http://site.example').pathname;
    const served = await t.app.inject({ method: 'GET', url: path, cookies: { gz_session: editor.cookie } });
    const type = String(served.headers['content-type'] ?? '');
    if (served.statusCode !== 200) problems.push(`${path}: ${served.statusCode}`);
    if (/html|svg|javascript|^(text|application)\/xml/i.test(type))
      problems.push(`${path} served as ${type}`);
    if (served.headers['x-content-type-options'] !== 'nosniff') problems.push(`${path}: no nosniff`);
    if (path.startsWith('/media/f/') && !served.headers['content-disposition']) {
      problems.push(`${path}: no Content-Disposition`);
    }
  }
  return problems;
}

describe('the upload corpus', () => {
  it.each(Object.keys(CASES))('%s: refused clearly or stored safely', async (name) => {
    const { filename, bytes, contentType } = CASES[name]!;
    const before = filesUnder(mediaDir);
    const res = await upload(t.app, editor, {
      filename,
      bytes: await bytes(),
      ...(contentType ? { contentType } : {}),
    });
    expect(res.statusCode, res.body).not.toBe(500);
    if (res.statusCode >= 400) {
      expect(res.statusCode, res.body).toBeLessThan(500);
      const error = errorOf(res);
      expect(error.code).toMatch(/^GZ_/);
      expect(error.message).toMatch(/[a-z]{3,}/);
      expect(error.messageZh).toMatch(/[\u4e00-\u9fff]{2,}/);
      expect(filesUnder(mediaDir)).toEqual(before);
    } else {
      expect(await servedProblems(res)).toEqual([]);
    }
  });

  it('refuses the zip bomb and the pixel bombs, not merely survives them', async () => {
    for (const name of ['DOCX of 16 KB expanding to 16 MB (zip bomb)', 'PNG claiming 60000×60000 pixels']) {
      const { filename, bytes } = CASES[name]!;
      const res = await upload(t.app, editor, { filename, bytes: await bytes() });
      expect(res.statusCode, name).toBe(400);
    }
  });

  it('keeps answering after the corpus', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
  });
});
