import { describe, expect, it } from 'vitest';
import {
  assertColumnSlug,
  assertSeriesSlug,
  buildColumnTree,
  childPath,
  COLUMN_KIND_LABELS,
  COLUMN_KINDS,
  columnTrail,
  DEFAULT_FRESHNESS_DAYS,
  descendantIds,
  RESERVED_SLUGS,
  type Column,
  type ColumnNode,
} from './column.js';
import { GazetteError, type ErrorCode } from './errors.js';

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof GazetteError) return error.code;
    throw error;
  }
  return undefined;
}

function column(id: number, parentId: number | null, overrides: Partial<Column> = {}): Column {
  return {
    id,
    siteId: 1,
    parentId,
    slug: `c${id}`,
    path: `c${id}`,
    name: `栏目${id}`,
    kind: 'news',
    position: 0,
    description: '',
    keywords: '',
    freshnessDays: null,
    updateClass: null,
    reviewLevels: 3,
    linkUrl: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The tree as nested ids, easy to compare. */
type Shape = [number, Shape[]];
const shape = (nodes: readonly ColumnNode[]): Shape[] => nodes.map((n) => [n.id, shape(n.children)]);

describe('column kinds', () => {
  it('labels every kind in Chinese', () => {
    for (const kind of COLUMN_KINDS) expect(COLUMN_KIND_LABELS[kind]).toMatch(/\p{Script=Han}/u);
  });

  it('expects news every 14 days and notices and policies every 180, and does not check topics, pages or links', () => {
    expect(DEFAULT_FRESHNESS_DAYS).toEqual({
      news: 14,
      notice: 180,
      policy: 180,
      interpretation: 180,
      topic: null,
      page: null,
      link: null,
    });
  });
});

describe('assertColumnSlug', () => {
  it.each(['zwgk', 'tzgg', 'a', '2024nian', 'xw-2024', 'a1', 'x'.repeat(64)])(
    'accepts %s at any level',
    (slug) => {
      expect(() => assertColumnSlug(slug, true)).not.toThrow();
      expect(() => assertColumnSlug(slug, false)).not.toThrow();
    },
  );

  it('refuses every reserved name at the top level only', () => {
    for (const slug of RESERVED_SLUGS) {
      expect(
        codeOf(() => assertColumnSlug(slug, true)),
        slug,
      ).toBe('GZ_INVALID_SLUG');
    }
    for (const slug of ['admin', 'api', 'assets', 'media', 'series', 'tags', 'search', 'sitemap', 'feeds']) {
      expect(() => assertColumnSlug(slug, false), slug).not.toThrow();
    }
  });

  it.each([
    ['upper case', 'Zwgk'],
    ['an underscore', 'zw_gk'],
    ['a leading hyphen', '-zwgk'],
    ['a trailing hyphen', 'zwgk-'],
    ['a slash', 'zwgk/tzgg'],
    ['a dot', 'index.html'],
    ['a space', 'zw gk'],
    ['Chinese', '政务公开'],
    ['nothing', ''],
    ['65 characters', 'x'.repeat(65)],
    ['digits only', '2024'],
    ['a single digit', '1'],
    ['the pagination segment', 'page'],
  ])('refuses %s at any level', (_label, slug) => {
    expect(codeOf(() => assertColumnSlug(slug, true))).toBe('GZ_INVALID_SLUG');
    expect(codeOf(() => assertColumnSlug(slug, false))).toBe('GZ_INVALID_SLUG');
  });

  it('names the field at fault', () => {
    try {
      assertColumnSlug('Bad', false);
      expect.unreachable();
    } catch (error) {
      expect((error as GazetteError).details).toMatchObject({ field: 'slug' });
    }
  });
});

describe('assertSeriesSlug', () => {
  it('accepts the names a column may not use at the top level', () => {
    expect(() => assertSeriesSlug('admin')).not.toThrow();
    expect(() => assertSeriesSlug('lianghui-2024')).not.toThrow();
  });

  it.each(['Lianghui', 'liang_hui', '-x', 'x-', '', 'a/b'])('refuses %j', (slug) => {
    expect(codeOf(() => assertSeriesSlug(slug))).toBe('GZ_INVALID_SLUG');
  });
});

describe('childPath', () => {
  it('is the slug itself at the top level', () => {
    expect(childPath(null, 'zwgk')).toBe('zwgk');
  });

  it('joins the parent path and the slug', () => {
    expect(childPath('zwgk', 'tzgg')).toBe('zwgk/tzgg');
    expect(childPath('zwgk/zcwj', 'gfxwj')).toBe('zwgk/zcwj/gfxwj');
  });
});

describe('buildColumnTree', () => {
  it('returns an empty forest for no columns', () => {
    expect(buildColumnTree([])).toEqual([]);
  });

  it('orders siblings by position, then by id', () => {
    const tree = buildColumnTree([
      column(5, null, { position: 2 }),
      column(3, null, { position: 1 }),
      column(4, null, { position: 1 }),
      column(1, null, { position: 3 }),
      column(2, null, { position: 0 }),
    ]);
    expect(shape(tree)).toEqual([
      [2, []],
      [3, []],
      [4, []],
      [5, []],
      [1, []],
    ]);
  });

  it('orders by id, not by name, when positions are equal', () => {
    const tree = buildColumnTree([column(2, null, { name: '甲' }), column(1, null, { name: '乙' })]);
    expect(tree.map((n) => n.id)).toEqual([1, 2]);
  });

  it('nests children four levels deep, each level ordered', () => {
    const tree = buildColumnTree([
      column(4, 3),
      column(1, null),
      column(3, 2),
      column(2, 1, { position: 1 }),
      column(6, 1, { position: 0 }),
      column(5, 4),
      column(7, null),
    ]);
    expect(shape(tree)).toEqual([
      [
        1,
        [
          [6, []],
          [2, [[3, [[4, [[5, []]]]]]]],
        ],
      ],
      [7, []],
    ]);
  });

  it('keeps every field of the column in its node', () => {
    const only = column(1, null, { name: '政务公开', slug: 'zwgk', path: 'zwgk', kind: 'policy' });
    const [node] = buildColumnTree([only]);
    expect(node).toEqual({ ...only, children: [] });
  });

  it('does not reorder or change the columns it was given', () => {
    const columns = [column(2, null, { position: 1 }), column(1, null, { position: 0 })];
    const before = structuredClone(columns);
    buildColumnTree(columns);
    expect(columns).toEqual(before);
  });

  it('terminates on a cycle in bad data and leaves the cycle out', () => {
    const tree = buildColumnTree([column(1, null), column(2, 3), column(3, 2), column(4, 4)]);
    expect(shape(tree)).toEqual([[1, []]]);
  });

  it('leaves out a column whose parent is missing', () => {
    expect(shape(buildColumnTree([column(1, null), column(2, 99)]))).toEqual([[1, []]]);
  });
});

describe('columnTrail', () => {
  const columns = [column(1, null), column(2, 1), column(3, 2), column(4, 3), column(5, 1)];

  it('lists the column and its ancestors, root first', () => {
    expect(columnTrail(columns, 4).map((c) => c.id)).toEqual([1, 2, 3, 4]);
  });

  it('is the column alone at the top level', () => {
    expect(columnTrail(columns, 1).map((c) => c.id)).toEqual([1]);
  });

  it('is empty for an unknown column', () => {
    expect(columnTrail(columns, 99)).toEqual([]);
  });

  it('stops at a missing parent', () => {
    expect(columnTrail([column(2, 1), column(3, 2)], 3).map((c) => c.id)).toEqual([2, 3]);
  });

  it('terminates on a cycle in bad data', () => {
    const trail = columnTrail([column(1, 2), column(2, 1)], 1);
    expect(trail.length).toBeLessThanOrEqual(64);
  });
});

describe('descendantIds', () => {
  const columns = [column(1, null), column(2, 1), column(3, 2), column(4, 3), column(5, 1), column(6, null)];

  it('lists the column and every column below it', () => {
    expect(descendantIds(columns, 1).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('starts with the column itself', () => {
    expect(descendantIds(columns, 2)[0]).toBe(2);
  });

  it('is the column alone for a leaf', () => {
    expect(descendantIds(columns, 4)).toEqual([4]);
    expect(descendantIds(columns, 6)).toEqual([6]);
  });

  it('terminates on a cycle in bad data, listing each id once', () => {
    expect(descendantIds([column(1, 2), column(2, 1)], 1).sort((a, b) => a - b)).toEqual([1, 2]);
  });
});
