import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { GazetteError } from '../core/index.js';
import { zipEntries } from './zip-entries.js';

export type MediaKind = 'image' | 'document';

/** A type Gazette accepts: what it is called, how it is stored and served. */
export interface MediaType {
  readonly mime: string;
  /** The extension it is stored and linked under. */
  readonly ext: string;
  readonly kind: MediaKind;
  /** Extensions a display name of this type may end with. */
  readonly names: readonly string[];
  /** Short label for editors and for the size note on public pages (PDF, DOCX…). */
  readonly label: string;
}

const type = (mime: string, kind: MediaKind, names: readonly string[], label: string): MediaType => ({
  mime,
  ext: names[0] ?? '',
  kind,
  names,
  label,
});

/**
 * The allow-list. Images: JPEG, PNG, GIF, WebP (SVG is refused: it is a document that can carry script).
 * Documents: PDF, Word, Excel, OFD (the Chinese fixed-layout format), CSV and plain text. Plain zip archives
 * are refused: nothing inside them can be checked for personal data before it goes online.
 */
export const MEDIA_TYPES = {
  jpeg: type('image/jpeg', 'image', ['jpg', 'jpeg'], 'JPEG'),
  png: type('image/png', 'image', ['png'], 'PNG'),
  gif: type('image/gif', 'image', ['gif'], 'GIF'),
  webp: type('image/webp', 'image', ['webp'], 'WebP'),
  pdf: type('application/pdf', 'document', ['pdf'], 'PDF'),
  docx: type(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'document',
    ['docx'],
    'DOCX',
  ),
  xlsx: type(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'document',
    ['xlsx'],
    'XLSX',
  ),
  doc: type('application/msword', 'document', ['doc'], 'DOC'),
  xls: type('application/vnd.ms-excel', 'document', ['xls'], 'XLS'),
  ofd: type('application/ofd', 'document', ['ofd'], 'OFD'),
  csv: type('text/csv', 'document', ['csv'], 'CSV'),
  txt: type('text/plain', 'document', ['txt'], 'TXT'),
} as const satisfies Record<string, MediaType>;

export type MediaTypeName = keyof typeof MEDIA_TYPES;

/** The allowed type whose MIME type this is, if any. */
export function mediaTypeOfMime(mime: string): MediaType | undefined {
  return Object.values(MEDIA_TYPES).find((t) => t.mime === mime);
}

/** Extensions a server somewhere might execute or a browser render as a page: never inside a file name. */
const DANGEROUS = new Set(
  (
    'php php3 php4 php5 php7 phtml phar pht asp aspx asa ashx asmx axd cer cdx jsp jspx jspf do action cgi pl ' +
    'py rb sh bash exe dll so bat cmd com scr msi vbs vbe ps1 js mjs jse wsf hta html htm shtml xhtml xht svg ' +
    'svgz swf jar war htaccess config'
  ).split(' '),
);

const MAX_NAME = 120;

function invalidName(reason: string): GazetteError {
  return new GazetteError('GZ_MEDIA_NAME_INVALID', reason, { field: 'file' });
}

/**
 * The display name of an upload, as the editor chose it (Chinese is fine), or `GZ_MEDIA_NAME_INVALID`:
 * no path (`../../x`), no control characters, no hidden file, and no executable extension anywhere in it
 * (`a.php.jpg`), because some web servers run a file by any of its extensions.
 */
export function cleanDisplayName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (name === '') throw invalidName('the file has no name');
  if (/[/\\]/.test(name) || name.split(/[/\\]/).includes('..'))
    throw invalidName('a file name holds no path');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f"<>|:*?]/.test(name))
    throw invalidName('the file name has characters not allowed');
  if (name.startsWith('.')) throw invalidName('a file name does not start with a dot');
  if ([...name].length > MAX_NAME) throw invalidName(`a file name is at most ${MAX_NAME} characters`);
  const parts = name.toLowerCase().split('.');
  if (parts.length < 2 || (parts.at(-1) ?? '') === '') throw invalidName('the file name has no extension');
  // The last extension must then match the content; an inner one is what tricks a misconfigured server.
  // IIS once ran `x.asp;.jpg` as ASP: what follows a semicolon or a space does not make a part harmless.
  const risky = parts.slice(1, -1).find((part) => DANGEROUS.has(part.trim().replace(/[;\s].*$/, '')));
  if (risky !== undefined) throw invalidName(`the file name contains the extension .${risky.trim()}`);
  return name;
}

/** The final extension of a display name, lower case. */
export function extensionOf(name: string): string {
  return name.toLowerCase().split('.').at(-1) ?? '';
}

function notAllowed(what: string): GazetteError {
  return new GazetteError('GZ_MEDIA_TYPE_NOT_ALLOWED', what, { field: 'file' });
}

/** Whole-text markup that makes a "text" file a page or a script in a browser that sniffs. */
const MARKUP = /<\?php|<script|<html|<svg|<!doctype|<iframe|<object|<body/i;

/** Decodes text bytes as UTF-8 or, failing that, GB 18030 (Excel in China saves CSV as GBK); null if binary. */
export function decodeText(bytes: Uint8Array): string | null {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  if (body.includes(0)) return null;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(body);
      // eslint-disable-next-line no-control-regex
      const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
      return controls > text.length / 100 ? null : text;
    } catch {
      // try the next encoding
    }
  }
  return null;
}

/** Largest total a document archive may expand to, and its largest expansion ratio. */
const MAX_EXPANDED = 512 * 1024 * 1024;
const MAX_RATIO = 200;

async function checkArchive(path: string, size: number): Promise<readonly string[]> {
  const entries = await zipEntries(path);
  if (entries === null) throw notAllowed('the archive cannot be read');
  const expanded = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (expanded > MAX_EXPANDED || expanded > Math.max(size, 64 * 1024) * MAX_RATIO) {
    throw new GazetteError('GZ_MEDIA_UNSAFE_ARCHIVE', `${size} bytes expand to ${expanded}`, {
      field: 'file',
    });
  }
  return entries.map((entry) => entry.name);
}

/**
 * The real type of an uploaded file, from its bytes: the browser's Content-Type and the name are not
 * trusted. The name's extension must then agree with the bytes (a PDF called 照片.jpg is refused), so that
 * what a reader downloads opens with the program its name promises.
 */
export async function detectMediaType(path: string, displayName: string): Promise<MediaType> {
  const { size } = await stat(path);
  if (size === 0) throw new GazetteError('GZ_MEDIA_EMPTY', undefined, { field: 'file' });
  const named = extensionOf(displayName);
  if (named === 'svg' || named === 'svgz') throw notAllowed('SVG images are not accepted');
  const found = await fileTypeFromFile(path);
  let detected: MediaType | undefined;
  switch (found?.mime) {
    case undefined: {
      if (named !== 'csv' && named !== 'txt') break;
      const text = decodeText(await readFile(path));
      if (text !== null && !MARKUP.test(text)) detected = named === 'csv' ? MEDIA_TYPES.csv : MEDIA_TYPES.txt;
      break;
    }
    case MEDIA_TYPES.docx.mime:
    case MEDIA_TYPES.xlsx.mime:
      await checkArchive(path, size);
      detected = mediaTypeOfMime(found.mime);
      break;
    case 'application/zip': {
      const names = await checkArchive(path, size);
      if (named === 'ofd' && names.some((name) => name.toUpperCase() === 'OFD.XML'))
        detected = MEDIA_TYPES.ofd;
      break;
    }
    case 'application/x-cfb':
      // Old Word and Excel files share one container; the name tells which one the sender meant.
      if (named === 'doc') detected = MEDIA_TYPES.doc;
      if (named === 'xls') detected = MEDIA_TYPES.xls;
      break;
    default:
      detected = found ? mediaTypeOfMime(found.mime) : undefined;
  }
  if (detected === undefined) {
    throw notAllowed(found ? `${found.mime} is not an accepted type` : 'the content is not an accepted type');
  }
  if (!detected.names.includes(named)) {
    throw new GazetteError(
      'GZ_MEDIA_TYPE_MISMATCH',
      `the content is ${detected.label}, the name ends in .${named}`,
      {
        field: 'file',
      },
    );
  }
  return detected;
}

/** SHA-256 and size of a file, read as a stream (uploads can be large). */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), size };
}
