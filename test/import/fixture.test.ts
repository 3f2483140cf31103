import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/import/index.js';

const FIXTURES = new URL('../fixtures/pages/', import.meta.url);
const PAGE = 'nmgrd-six-editorials-collection';
const present = existsSync(fileURLToPath(new URL(`${PAGE}.txt`, FIXTURES)));
if (!present) {
  console.warn(`skipping the shared fixture test: ${fileURLToPath(FIXTURES)}${PAGE}.txt is absent`);
}

interface Expected {
  readonly title: string;
  readonly label: string;
  readonly source: string;
  readonly publishedAt: string;
  readonly editor: string;
  readonly leadStartsWith: string;
  readonly members: readonly {
    readonly title: string;
    readonly firstParagraphStartsWith: string;
    readonly lastParagraphEndsWith: string;
  }[];
  readonly siteChrome: {
    readonly sponsor: string;
    readonly icp: string;
    readonly publicSecurityRecord: string;
    readonly notBody: readonly string[];
  };
}

describe.skipIf(!present)('the shared fixture page (a collection of six editorials saved as text)', () => {
  const read = (name: string) => readFileSync(new URL(name, FIXTURES));
  const expected = JSON.parse(read(`${PAGE}.expected.json`).toString('utf8')) as Expected;
  const page = parsePage(`${PAGE}.txt`, read(`${PAGE}.txt`));
  const item = page.items[0];

  it('is one series with the headline, label, source, date and editor as displayed', () => {
    expect(page.items).toHaveLength(1);
    expect(item?.kind).toBe('series');
    expect(item?.title).toBe(expected.title);
    expect(item?.label).toBe(expected.label);
    expect(item?.source).toBe(expected.source);
    expect(item?.publishedAt?.slice(0, 10)).toBe(expected.publishedAt);
    expect(item?.publishedAt).toMatch(/\+08:00$/);
    expect(item?.editor).toBe(expected.editor);
    expect(item?.blocks[0]?.text.startsWith(expected.leadStartsWith)).toBe(true);
  });

  it('has one member per editorial, in order, with its own first and last paragraphs', () => {
    expect(item?.members.map((m) => m.title)).toEqual(expected.members.map((m) => m.title));
    expected.members.forEach((want, index) => {
      const paragraphs = (item?.members[index]?.blocks ?? []).filter((b) => b.type === 'paragraph');
      expect(paragraphs[0]?.text.startsWith(want.firstParagraphStartsWith)).toBe(true);
      expect(paragraphs[paragraphs.length - 1]?.text.endsWith(want.lastParagraphEndsWith)).toBe(true);
    });
  });

  it('reports the site chrome separately and keeps it out of every body', () => {
    expect(page.chrome.sponsor).toBe(expected.siteChrome.sponsor);
    expect(page.chrome.icpRecord).toBe(expected.siteChrome.icp);
    expect(page.chrome.policeRecord).toBe(expected.siteChrome.publicSecurityRecord);
    const bodies = [item, ...(item?.members ?? [])].flatMap((i) => i?.blocks ?? []).map((b) => b.text);
    for (const chrome of expected.siteChrome.notBody) {
      expect(bodies.filter((text) => text.includes(chrome))).toEqual([]);
    }
  });
});
