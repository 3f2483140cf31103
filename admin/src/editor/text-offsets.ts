import type { Node as PmNode } from '@tiptap/pm/model';

/**
 * Finds the place of a check finding in the editor. The server gives offsets into the plain text of the
 * stored body (src/check/html-text.ts: text with a line break at every block boundary); the editor's
 * document is rebuilt into the same kind of text, and the finding's excerpt is looked up there, taking
 * the occurrence nearest the server's offset (the text may have moved since the check ran).
 */
export function findInDoc(doc: PmNode, excerpt: string, start: number): { from: number; to: number } | null {
  if (excerpt === '') return null;
  let text = '';
  const segments: { textStart: number; pos: number; length: number }[] = [];
  doc.descendants((node, pos) => {
    if (node.isText) {
      segments.push({ textStart: text.length, pos, length: node.text?.length ?? 0 });
      text += node.text ?? '';
    } else if (node.isBlock && text.length > 0 && !text.endsWith('\n')) {
      text += '\n';
    }
    return true;
  });
  const at = nearestOccurrence(text, excerpt, start);
  if (at === null) return null;
  const from = positionOf(segments, at);
  const to = positionOf(segments, at + excerpt.length);
  return from === null || to === null ? null : { from, to };
}

/** The index of the occurrence of `needle` in `haystack` nearest `near`, or null. */
export function nearestOccurrence(haystack: string, needle: string, near: number): number | null {
  let best: number | null = null;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
    if (best === null || Math.abs(i - near) < Math.abs(best - near)) best = i;
  }
  return best;
}

function positionOf(
  segments: readonly { textStart: number; pos: number; length: number }[],
  offset: number,
): number | null {
  for (const segment of segments) {
    if (offset >= segment.textStart && offset <= segment.textStart + segment.length) {
      return segment.pos + (offset - segment.textStart);
    }
  }
  return null;
}
