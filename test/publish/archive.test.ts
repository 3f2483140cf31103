import { describe, expect, it } from 'vitest';
import {
  archiveCount,
  pageItems,
  staticListChanges,
  staticListPages,
  staticPagination,
  staticListUrl,
  type ListPage,
} from '../../src/publish/archive.js';

/** A list row: its id and a revision (an edit of its title changes the row). */
interface Row {
  readonly id: number;
  readonly rev: number;
}

const BASE = '/xw/';

/** Everything a static list page shows: its rows and its pager. */
function pagesOf(list: readonly Row[], size: number, emptyHasPage: boolean): Map<ListPage, string> {
  const pages = new Map<ListPage, string>();
  if (list.length === 0 && !emptyHasPage) return pages;
  for (const page of staticListPages(list.length, size)) {
    const rows = pageItems(list, page, size).map((r) => `${r.id}.${r.rev}`);
    pages.set(page, JSON.stringify([rows, staticPagination(BASE, page, list.length, size)]));
  }
  return pages;
}

function truth(before: readonly Row[], after: readonly Row[], size: number, emptyHasPage: boolean) {
  const a = pagesOf(before, size, emptyHasPage);
  const b = pagesOf(after, size, emptyHasPage);
  const render = [...b.keys()].filter((p) => a.get(p) !== b.get(p)).sort((x, y) => x - y);
  const remove = [...a.keys()].filter((p) => !b.has(p)).sort((x, y) => x - y);
  return { render, remove };
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('static list pages (numbered from the oldest)', () => {
  it('holds every item exactly once in the archive pages plus the base page, newest first', () => {
    for (const total of [0, 1, 19, 20, 21, 39, 40, 41, 99, 100, 101]) {
      const list = Array.from({ length: total }, (_, i) => ({ id: total - i, rev: 0 }));
      const seen = new Set<number>();
      for (const page of staticListPages(total, 20)) {
        const rows = pageItems(list, page, 20);
        if (page > 0) expect(rows).toHaveLength(20);
        for (const r of rows) seen.add(r.id);
        // Newest first on every page.
        expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((x, y) => y - x));
      }
      expect(seen.size).toBe(total);
      const base = pageItems(list, 0, 20).length;
      expect(base).toBe(total < 20 ? total : total - (archiveCount(total, 20) - 1) * 20);
    }
  });

  it('archive page 1 holds the oldest items and keeps them as new items arrive', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => ({ id: n - i, rev: 0 }));
    expect(pageItems(list(45), 1, 20).map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    for (let n = 60; n < 130; n++) expect(pageItems(list(n), 2, 20)).toEqual(pageItems(list(59), 2, 20));
  });

  it('links every page so that a reader walks from the base page to page 1 and back', () => {
    for (const total of [5, 20, 40, 41, 60, 135, 400]) {
      const pages = archiveCount(total, 20);
      const seen = new Set<string>();
      let url: string | null = BASE;
      let page: ListPage = 0;
      while (url) {
        seen.add(url);
        const view = staticPagination(BASE, page, total, 20);
        url = view.nextUrl;
        page = url ? Number(/page\/(\d+)\//.exec(url)?.[1]) : 0;
      }
      // The base page shows page F's items: the walk goes from it to F − 1 … 1.
      const expected = [
        BASE,
        ...Array.from({ length: Math.max(0, pages - 1) }, (_, i) => staticListUrl(BASE, pages - 1 - i)),
      ];
      expect([...seen]).toEqual(expected);
      for (let k = 1; k <= pages; k++) {
        const view = staticPagination(BASE, k, total, 20);
        expect(view.prevUrl).toBe(k === pages ? BASE : staticListUrl(BASE, k + 1));
        expect(view.archive).toEqual({
          total: null,
          newestUrl: BASE,
          oldestUrl: k > 1 ? staticListUrl(BASE, 1) : null,
        });
        expect(view.links.some((l) => l.kind === 'page' && l.page === 1)).toBe(true);
        expect(view.links.filter((l) => l.current).map((l) => l.page)).toEqual([k]);
      }
      expect(staticPagination(BASE, 0, total, 20).archive?.total).toBe(total);
    }
  });

  it('names exactly the pages whose rows or links change, for random publishes, withdrawals, moves, edits', () => {
    const next = random(20261128);
    let id = 0;
    for (let round = 0; round < 3000; round++) {
      const size = [2, 3, 5, 20][Math.floor(next() * 4)]!;
      const emptyHasPage = next() < 0.5;
      const total = Math.floor(next() * size * 7);
      const before: Row[] = Array.from({ length: total }, () => ({ id: ++id, rev: 0 }));
      const op = Math.floor(next() * 4);
      let after: Row[];
      let spots: [Parameters<typeof staticListChanges>[0], Parameters<typeof staticListChanges>[1]];
      let rowChanged = true;
      const at = (n: number) => Math.floor(next() * n);
      if (op === 0 || total === 0) {
        // Enters: new (top) or back-dated (anywhere).
        const index = next() < 0.6 ? 0 : at(total + 1);
        after = [...before.slice(0, index), { id: ++id, rev: 0 }, ...before.slice(index)];
        spots = [undefined, { index, total: total + 1 }];
      } else if (op === 1) {
        const index = at(total);
        after = before.filter((_, i) => i !== index);
        spots = [{ index, total }, undefined];
      } else if (op === 2) {
        const from = at(total);
        const to = at(total);
        const moved = before[from]!;
        rowChanged = next() < 0.5;
        const rest = before.filter((_, i) => i !== from);
        after = [...rest.slice(0, to), rowChanged ? { ...moved, rev: 1 } : moved, ...rest.slice(to)];
        spots = [
          { index: from, total },
          { index: to, total },
        ];
      } else {
        const index = at(total);
        rowChanged = next() < 0.7;
        after = before.map((r, i) => (i === index && rowChanged ? { ...r, rev: 1 } : r));
        spots = [
          { index, total },
          { index, total },
        ];
      }
      const planned = staticListChanges(spots[0], spots[1], rowChanged, size, emptyHasPage);
      expect({ op, size, total, spots, planned }, `round ${round}`).toEqual({
        op,
        size,
        total,
        spots,
        planned: truth(before, after, size, emptyHasPage),
      });
    }
  });

  it('a publish at the top of a long list touches the base page and at most the two newest archive pages', () => {
    for (let total = 0; total < 400; total++) {
      const { render, remove } = staticListChanges(undefined, { index: 0, total: total + 1 }, true, 20, true);
      const pages = archiveCount(total + 1, 20);
      expect(remove).toEqual([]);
      expect(render[0]).toBe(0);
      expect(render.every((p) => p === 0 || p >= pages - 2)).toBe(true);
      expect(render.length).toBeLessThanOrEqual(4);
    }
  });
});
