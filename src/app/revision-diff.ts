import { createRequire } from 'node:module';
import { diffArrays } from 'diff';
import type { Jieba as JiebaClass } from '@node-rs/jieba';
import type { ArticleContent } from './ports.js';
import type { Revision } from './ports-revisions.js';
import { plainText } from './sanitize.js';

/**
 * A word-level diff between two revisions of an article that works for Chinese: text is split into words
 * by jieba (`@node-rs/jieba`, its default dictionary) and the word sequences are compared, so that
 * changing 常务会议 to 专题会议 shows as one word removed and one added, not as a rewritten sentence and
 * not as a scatter of single characters. Where the jieba binary cannot load on a platform, Chinese falls
 * back to one token per character (Latin text stays one token per word).
 */

export const DIFF_FIELDS = [
  'title',
  'kicker',
  'subtitle',
  'summary',
  'source',
  'originalAuthor',
  'originalTitle',
  'author',
  'editor',
  'tags',
  'body',
] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export type DiffPartKind = 'same' | 'added' | 'removed';

export interface DiffPart {
  readonly kind: DiffPartKind;
  readonly text: string;
}

export interface FieldDiff {
  readonly field: DiffField;
  readonly changed: boolean;
  /** The text of both sides in order; `same` parts belong to both, removal before addition. */
  readonly parts: readonly DiffPart[];
}

export interface RevisionDiff {
  readonly fields: readonly FieldDiff[];
}

/** The fields a diff reads. */
export type DiffContent = Pick<ArticleContent, Exclude<DiffField, 'body'> | 'bodyHtml'>;

/** What a diff reads of each side: a revision, or an article's content. */
export type DiffSide = DiffContent | Pick<Revision, 'content'>;

/** `a` is the older side: what is only in `a` is `removed`, what is only in `b` is `added`. */
export function diffRevisions(a: DiffSide, b: DiffSide): RevisionDiff {
  const older = contentOf(a);
  const newer = contentOf(b);
  return {
    fields: DIFF_FIELDS.map((field) => {
      const parts = diffText(fieldText(older, field), fieldText(newer, field));
      return { field, changed: parts.some((part) => part.kind !== 'same'), parts };
    }),
  };
}

/**
 * Word-level diff of two texts. Paragraphs (lines) are matched first, which is cheap; only runs of
 * paragraphs that were replaced are compared word by word, so a long article with a few edits costs
 * little, and a run that would take too long to compare word by word is shown replaced whole.
 */
export function diffText(older: string, newer: string): DiffPart[] {
  if (older === newer) return older === '' ? [] : [{ kind: 'same', text: older }];
  const parts: DiffPart[] = [];
  const blocks = diffArrays(lines(older), lines(newer));
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i]!;
    const text = block.value.join('');
    const next = blocks[i + 1];
    if (block.removed && next?.added) {
      diffWords(text, next.value.join(''), parts);
      i += 1;
    } else {
      push(parts, block.added ? 'added' : block.removed ? 'removed' : 'same', text);
    }
  }
  return parts;
}

const WORD_DIFF_TIMEOUT_MS = 250;

function diffWords(older: string, newer: string, parts: DiffPart[]): void {
  const changes = diffArrays(tokenize(older), tokenize(newer), { timeout: WORD_DIFF_TIMEOUT_MS });
  if (!changes) {
    push(parts, 'removed', older);
    push(parts, 'added', newer);
    return;
  }
  for (const change of changes) {
    push(parts, change.added ? 'added' : change.removed ? 'removed' : 'same', change.value.join(''));
  }
}

function push(parts: DiffPart[], kind: DiffPartKind, text: string): void {
  if (text === '') return;
  const last = parts.at(-1);
  if (last && last.kind === kind) parts[parts.length - 1] = { kind, text: last.text + text };
  else parts.push({ kind, text });
}

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function contentOf(side: DiffSide): DiffContent {
  return 'content' in side ? side.content : side;
}

function fieldText(content: DiffContent, field: DiffField): string {
  if (field === 'body') return bodyText(content.bodyHtml);
  if (field === 'tags') return content.tags.join('、');
  return content[field];
}

const BLOCK_END =
  /<\/(?:p|h[1-6]|li|blockquote|tr|caption|figcaption|pre|div|table|ul|ol|figure)\s*>|<br\s*\/?>|<hr\s*\/?>/gi;

/** An article body reduced to its text, one paragraph (or list item, table row, heading) per line. */
export function bodyText(html: string): string {
  const marked = html
    .replace(/<img\b[^>]*>/gi, (tag) => {
      const alt = /\balt\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '';
      return ` [图片${alt ? `：${alt}` : ''}] `;
    })
    .replace(/<\/t[dh]\s*>/gi, ' ')
    .replace(BLOCK_END, '\n');
  return marked
    .split('\n')
    .map((line) => plainText(line))
    .filter((line) => line !== '')
    .join('\n');
}

interface Segmenter {
  readonly name: 'jieba' | 'characters';
  readonly cut: (text: string) => string[];
}

let segmenter: Segmenter | undefined;

/** Which segmenter diffs use on this machine: `jieba`, or `characters` when jieba could not load. */
export function diffSegmenterName(): Segmenter['name'] {
  return loadSegmenter().name;
}

/** Words of a text by the same segmenter (jieba's default dictionary, no site terms), e.g. for line breaks. */
export function segmentWords(text: string): string[] {
  return loadSegmenter().cut(text);
}

function loadSegmenter(): Segmenter {
  if (segmenter) return segmenter;
  try {
    // Loaded on first use: the native module and its dictionary take a fraction of a second.
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: typeof JiebaClass };
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    const jieba = Jieba.withDict(dict);
    segmenter = { name: 'jieba', cut: (text) => jieba.cut(text, true) };
  } catch {
    segmenter = { name: 'characters', cut: characterTokens };
  }
  return segmenter;
}

/** Fallback tokens: each Chinese character alone, Latin words and numbers whole, runs of space whole. */
export function characterTokens(text: string): string[] {
  return text.match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}_])+|\s+|[^]/gu) ?? [];
}

function tokenize(text: string): string[] {
  const { cut } = loadSegmenter();
  // Line breaks stay tokens of their own, so that a change never runs across paragraphs.
  return text.split(/(\n)/).flatMap((piece) => (piece === '\n' ? ['\n'] : piece === '' ? [] : cut(piece)));
}
