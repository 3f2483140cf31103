import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePage, type ImportedItem, type ImportedPage } from '../../src/import/index.js';

const PAGES = new URL('./pages/', import.meta.url);
const pages = readdirSync(PAGES).filter((name) => /\.(html?|shtml|txt)$/.test(name));

const ITEM_FIELDS = [
  'kind',
  'title',
  'kicker',
  'subtitle',
  'label',
  'source',
  'author',
  'editor',
  'publishedAt',
  'meta',
  'blocks',
  'attachments',
  'policy',
] as const;
const CHROME_FIELDS = ['sponsor', 'icpRecord', 'policeRecord', 'siteCode'] as const;

/** Hits and totals per field over the whole page set, printed at the end: the importer's accuracy. */
const tally = new Map<string, { hits: number; total: number }>();
function count(field: string, actual: unknown, expected: unknown): void {
  const entry = tally.get(field) ?? { hits: 0, total: 0 };
  entry.total += 1;
  if (JSON.stringify(actual) === JSON.stringify(expected)) entry.hits += 1;
  tally.set(field, entry);
}

/**
 * The comparable part of an item: blocks as type, text (and src for images, links when a block has them);
 * members the same way. Expected files list `links` only on blocks that have links, as the JSON output does.
 */
function comparable(item: ImportedItem): Record<string, unknown> {
  return {
    ...Object.fromEntries(ITEM_FIELDS.map((field) => [field, item[field]])),
    blocks: item.blocks.map((b) => ({
      type: b.type,
      text: b.text,
      ...(b.src === undefined ? {} : { src: b.src }),
      ...(b.links === undefined ? {} : { links: b.links }),
    })),
    members: item.members.map(comparable),
  };
}

type Block = { type: string; text: string; links?: unknown[] };
/** Blocks without their links: `blocks` accuracy measures text as before; `blocks.links` the links alone. */
const withoutLinks = (blocks: unknown) =>
  ((blocks ?? []) as Block[]).map(({ links: _links, ...rest }) => rest);
const linksIn = (blocks: unknown) =>
  ((blocks ?? []) as Block[]).flatMap((b, index) => (b.links ?? []).map((link) => [index, link]));

function tallyItem(
  prefix: string,
  actual: Record<string, unknown> | undefined,
  expected: Record<string, unknown>,
) {
  for (const field of ITEM_FIELDS) {
    if (field === 'blocks') {
      count(`${prefix}blocks`, withoutLinks(actual?.[field]), withoutLinks(expected[field]));
      count(`${prefix}blocks.links`, linksIn(actual?.[field]), linksIn(expected[field]));
    } else count(`${prefix}${field}`, actual?.[field] ?? [], expected[field] ?? []);
  }
  const members = (expected['members'] ?? []) as Record<string, unknown>[];
  const actualMembers = (actual?.['members'] ?? []) as Record<string, unknown>[];
  count(`${prefix}members (count)`, actualMembers.length, members.length);
  members.forEach((member, index) => tallyItem('member.', actualMembers[index], member));
}

describe('the page set under test/import/pages (one of each common portal template)', () => {
  it.each(pages)('%s parses as its .expected.json says', (name) => {
    const expected = JSON.parse(
      readFileSync(new URL(name.replace(/\.[a-z]+$/, '.expected.json'), PAGES), 'utf8'),
    ) as { encoding: string; items: Record<string, unknown>[]; chrome: Record<string, string> };
    const page: ImportedPage = parsePage(name, readFileSync(new URL(name, PAGES)));
    const items = page.items.map(comparable);
    count('encoding', page.encoding, expected.encoding);
    for (const field of CHROME_FIELDS) count(`chrome.${field}`, page.chrome[field], expected.chrome[field]);
    count('items (count)', items.length, expected.items.length);
    expected.items.forEach((item, index) => tallyItem('', items[index], item));
    expect({ encoding: page.encoding, items: items.map(withoutEmpty), chrome: page.chrome }).toEqual({
      ...expected,
      items: expected.items.map(withoutEmpty),
    });
  });

  afterAll(() => {
    const rows = [...tally].map(
      ([field, { hits, total }]) =>
        `${field.padEnd(24)} ${String(hits).padStart(3)}/${String(total).padEnd(3)} ${((100 * hits) / total).toFixed(0)}%`,
    );
    console.log(`Per-field accuracy on ${pages.length} pages:\n${rows.join('\n')}`);
  });
});

/** Expected files leave out an empty attachment list; compare with the same omission. */
function withoutEmpty(item: Record<string, unknown>): Record<string, unknown> {
  const { attachments, members, ...rest } = item;
  return {
    ...rest,
    ...(Array.isArray(attachments) && attachments.length > 0 ? { attachments } : {}),
    members: ((members ?? []) as Record<string, unknown>[]).map(withoutEmpty),
  };
}
