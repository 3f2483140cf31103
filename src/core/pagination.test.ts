import { describe, expect, it } from 'vitest';
import { GazetteError, type ErrorCode } from './errors.js';
import { PAGE_SIZE, pageLinks, paginate, type PageLink } from './pagination.js';

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof GazetteError) return error.code;
    throw error;
  }
  return undefined;
}

describe('paginate', () => {
  it('shows 20 items to a page by default', () => {
    expect(PAGE_SIZE).toBe(20);
    expect(paginate('1', 100).pageSize).toBe(20);
  });

  it("accepts '1'", () => {
    expect(paginate('1', 45)).toEqual({ page: 1, pages: 3, total: 45, pageSize: 20, offset: 0 });
  });

  it('takes page 1 when no page is given', () => {
    expect(paginate(undefined, 45).page).toBe(1);
  });

  it('accepts a page given as a number', () => {
    expect(paginate(2, 45).page).toBe(2);
  });

  it('computes the offset of a page', () => {
    expect(paginate('2', 45).offset).toBe(20);
    expect(paginate('3', 45)).toEqual({ page: 3, pages: 3, total: 45, pageSize: 20, offset: 40 });
    expect(paginate('4', 100, 10).offset).toBe(30);
  });

  it('counts a last, partly filled page', () => {
    expect(paginate('1', 40).pages).toBe(2);
    expect(paginate('1', 41).pages).toBe(3);
  });

  it('accepts page 1 of an empty list', () => {
    expect(paginate('1', 0)).toEqual({ page: 1, pages: 1, total: 0, pageSize: 20, offset: 0 });
  });

  it('refuses page 2 of an empty list', () => {
    expect(codeOf(() => paginate('2', 0))).toBe('GZ_INVALID_PAGE');
  });

  it('refuses a page past the last one with GZ_INVALID_PAGE', () => {
    expect(codeOf(() => paginate('4', 45))).toBe('GZ_INVALID_PAGE');
    expect(codeOf(() => paginate('3', 40))).toBe('GZ_INVALID_PAGE');
  });

  it.each(['0', '-1', '1.5', 'abc', '01', '99999999', '', ' 1', '1 ', '+1', '1e2', '0x1', '２'])(
    'refuses %j with GZ_INVALID_PAGE',
    (raw) => {
      expect(codeOf(() => paginate(raw, 1_000_000_000))).toBe('GZ_INVALID_PAGE');
    },
  );

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses the number %s with GZ_INVALID_PAGE',
    (raw) => {
      expect(codeOf(() => paginate(raw, 1_000_000_000))).toBe('GZ_INVALID_PAGE');
    },
  );

  it('reports the invalid page as a not-found error', () => {
    try {
      paginate('0', 10);
      expect.unreachable();
    } catch (error) {
      expect((error as GazetteError).kind).toBe('not-found');
    }
  });
});

const p = (page: number, current = false): PageLink => ({ kind: 'page', page, current });
const gap: PageLink = { kind: 'gap' };

describe('pageLinks', () => {
  it('shows the only page of one', () => {
    expect(pageLinks(1, 1)).toEqual([p(1, true)]);
  });

  it('shows the first page, the two after it, a gap and the last', () => {
    expect(pageLinks(1, 10)).toEqual([p(1, true), p(2), p(3), gap, p(10)]);
  });

  it('shows a single hidden page instead of a gap, and a gap for two or more', () => {
    expect(pageLinks(5, 10)).toEqual([p(1), p(2), p(3), p(4), p(5, true), p(6), p(7), gap, p(10)]);
  });

  it('shows gaps on both sides of the pages around the current one', () => {
    expect(pageLinks(6, 12)).toEqual([p(1), gap, p(4), p(5), p(6, true), p(7), p(8), gap, p(12)]);
  });

  it('shows the first page, a gap and the last three', () => {
    expect(pageLinks(10, 10)).toEqual([p(1), gap, p(8), p(9), p(10, true)]);
  });

  it('shows every page without a gap when there are few', () => {
    expect(pageLinks(3, 5)).toEqual([p(1), p(2), p(3, true), p(4), p(5)]);
    expect(pageLinks(2, 2)).toEqual([p(1), p(2, true)]);
  });

  it('never shows a page twice or two gaps in a row', () => {
    for (let pages = 1; pages <= 12; pages++) {
      for (let page = 1; page <= pages; page++) {
        const links = pageLinks(page, pages);
        const numbers = links.flatMap((l) => (l.kind === 'page' ? [l.page] : []));
        expect(new Set(numbers).size).toBe(numbers.length);
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        expect(numbers[0]).toBe(1);
        expect(numbers.at(-1)).toBe(pages);
        expect(links.filter((l) => l.kind === 'page' && l.current)).toEqual([p(page, true)]);
        links.forEach((l, i) => {
          if (l.kind === 'gap') expect(links[i + 1]?.kind).toBe('page');
        });
      }
    }
  });
});
