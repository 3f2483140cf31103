import { readFile } from 'node:fs/promises';
import { decodeText, MEDIA_TYPES, type MediaType } from './media-types.js';

/** `ok`: text was found; `none`: the file holds no text (a scan); `failed`: the parser gave up; `unsupported`. */
export type TextStatus = 'ok' | 'none' | 'failed' | 'unsupported';

export interface ExtractedText {
  readonly text: string;
  readonly status: TextStatus;
}

/** Longest text kept per file: enough for any notice or table, bounded for the database and the checks. */
export const MAX_TEXT = 1_000_000;
const TIMEOUT_MS = 30_000;

async function pdfText(path: string): Promise<string> {
  const { extractText } = await import('unpdf');
  const { text } = await extractText(new Uint8Array(await readFile(path)), { mergePages: true });
  return text;
}

async function docxText(path: string): Promise<string> {
  const mammoth = await import('mammoth');
  const result = await mammoth.extractRawText({ path });
  return result.value;
}

async function xlsxText(path: string): Promise<string> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const lines: string[] = [];
  let length = 0;
  workbook.eachSheet((sheet) => {
    lines.push(sheet.name);
    sheet.eachRow((row) => {
      if (length > MAX_TEXT) return;
      const cells: string[] = [];
      row.eachCell((cell) => cells.push(cell.text));
      const line = cells.join('\t');
      length += line.length;
      lines.push(line);
    });
  });
  return lines.join('\n');
}

function readers(type: MediaType): ((path: string) => Promise<string>) | undefined {
  switch (type.mime) {
    case MEDIA_TYPES.pdf.mime:
      return pdfText;
    case MEDIA_TYPES.docx.mime:
      return docxText;
    case MEDIA_TYPES.xlsx.mime:
      return xlsxText;
    case MEDIA_TYPES.csv.mime:
    case MEDIA_TYPES.txt.mime:
      return async (path) => decodeText(await readFile(path)) ?? '';
    default:
      return undefined;
  }
}

/**
 * The text of a document, for the personal-data checks and for search. Old Word/Excel and OFD are stored
 * without text (`unsupported`); a parser that fails or takes too long leaves `failed`, never a refused upload.
 */
export async function extractText(path: string, type: MediaType): Promise<ExtractedText> {
  const read = readers(type);
  if (read === undefined) return { text: '', status: 'unsupported' };
  let timer: NodeJS.Timeout | undefined;
  try {
    const text = await Promise.race([
      read(path),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('text extraction timed out')), TIMEOUT_MS);
      }),
    ]);
    const clean = text
      .replaceAll('\u0000', '')
      .replace(/[ \t]+\n/g, '\n')
      .trim()
      .slice(0, MAX_TEXT);
    return { text: clean, status: clean === '' ? 'none' : 'ok' };
  } catch {
    return { text: '', status: 'failed' };
  } finally {
    clearTimeout(timer);
  }
}
