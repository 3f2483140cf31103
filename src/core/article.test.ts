import { describe, expect, it } from 'vitest';
import {
  ARTICLE_STATUSES,
  articlePath,
  assertWithdrawable,
  decidePublish,
  normaliseTag,
  normaliseTags,
  type Actor,
  type Article,
} from './article.js';
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

type Publishable = Pick<Article, 'id' | 'status' | 'path' | 'publishedAt'>;

const system: Actor = { kind: 'system', reason: 'import' };
const user: Actor = { kind: 'user', userId: 7 };
const NOW = '2024-03-18T02:12:00.000Z';
const draft: Publishable = { id: 42, status: 'draft', path: null, publishedAt: null };

describe('ARTICLE_STATUSES', () => {
  it('has draft, published and withdrawn', () => {
    expect([...ARTICLE_STATUSES]).toEqual(['draft', 'published', 'withdrawn']);
  });
});

describe('articlePath', () => {
  it('has the shape /{column}/{yyyymm}/t{yyyymmdd}_{id}.html', () => {
    expect(articlePath('zwgk/tzgg', 42, '2024-03-18T02:12:00.000Z')).toBe(
      '/zwgk/tzgg/202403/t20240318_42.html',
    );
  });

  it('dates the path in Shanghai, where 20:00 UTC is already the next day', () => {
    expect(articlePath('zwgk/tzgg', 42, '2024-03-17T20:00:00Z')).toBe('/zwgk/tzgg/202403/t20240318_42.html');
    expect(articlePath('zwgk/tzgg', 42, '2024-03-17T15:59:59Z')).toBe('/zwgk/tzgg/202403/t20240317_42.html');
  });

  it('moves into the next month and year at Shanghai midnight', () => {
    expect(articlePath('xwzx', 7, '2023-12-31T16:00:00Z')).toBe('/xwzx/202401/t20240101_7.html');
    expect(articlePath('xwzx', 7, '2023-12-31T15:59:59Z')).toBe('/xwzx/202312/t20231231_7.html');
  });

  it('pads month and day to two digits', () => {
    expect(articlePath('xwzx', 1, '2024-01-05T04:00:00Z')).toBe('/xwzx/202401/t20240105_1.html');
  });
});

describe('decidePublish', () => {
  it('publishes a draft now, at a path dated today', () => {
    expect(decidePublish(draft, 'zwgk/tzgg', NOW, user)).toEqual({
      publishedAt: NOW,
      path: '/zwgk/tzgg/202403/t20240318_42.html',
    });
  });

  it('lets the system actor back-date, dating the path by the requested time', () => {
    expect(decidePublish(draft, 'zwgk/tzgg', NOW, system, '2019-06-30T20:00:00.000Z')).toEqual({
      publishedAt: '2019-06-30T20:00:00.000Z',
      path: '/zwgk/tzgg/201907/t20190701_42.html',
    });
  });

  it('refuses a back-dated time from a user with GZ_BACKDATE_FORBIDDEN', () => {
    expect(codeOf(() => decidePublish(draft, 'zwgk/tzgg', NOW, user, '2024-03-17T02:12:00.000Z'))).toBe(
      'GZ_BACKDATE_FORBIDDEN',
    );
  });

  it('refuses a user back-dating by a time written with a +08:00 offset', () => {
    // 12:00 in Shanghai is 04:00 UTC, six hours before now, though the text sorts after NOW.
    expect(
      codeOf(() =>
        decidePublish(draft, 'zwgk/tzgg', '2024-03-18T10:00:00.000Z', user, '2024-03-18T12:00:00+08:00'),
      ),
    ).toBe('GZ_BACKDATE_FORBIDDEN');
  });

  it('refuses a requested time that is not a time, rather than dating the path NaN', () => {
    expect(codeOf(() => decidePublish(draft, 'zwgk/tzgg', NOW, system, 'yesterday'))).toBe(
      'GZ_INVALID_INPUT',
    );
  });

  it('lets a user ask for the present time', () => {
    expect(decidePublish(draft, 'zwgk/tzgg', NOW, user, NOW).publishedAt).toBe(NOW);
  });

  it.each([
    ['a user', user],
    ['the system', system],
  ])(
    'refuses to publish an already published article for %s with GZ_ARTICLE_NOT_PUBLISHABLE',
    (_label, actor) => {
      const published: Publishable = {
        id: 42,
        status: 'published',
        path: '/zwgk/tzgg/202403/t20240318_42.html',
        publishedAt: NOW,
      };
      expect(codeOf(() => decidePublish(published, 'zwgk/tzgg', '2024-04-01T00:00:00.000Z', actor))).toBe(
        'GZ_ARTICLE_NOT_PUBLISHABLE',
      );
    },
  );

  it('re-publishes a withdrawn article at its original time and path, never re-dated', () => {
    const withdrawn: Publishable = {
      id: 42,
      status: 'withdrawn',
      path: '/zwgk/tzgg/202403/t20240318_42.html',
      publishedAt: NOW,
    };
    expect(decidePublish(withdrawn, 'zwgk/tzgg', '2025-01-10T08:00:00.000Z', user)).toEqual({
      publishedAt: NOW,
      path: '/zwgk/tzgg/202403/t20240318_42.html',
    });
  });

  it('keeps the original path of a re-published article even after its column moved', () => {
    const withdrawn: Publishable = {
      id: 42,
      status: 'withdrawn',
      path: '/zwgk/tzgg/202403/t20240318_42.html',
      publishedAt: NOW,
    };
    expect(decidePublish(withdrawn, 'xxgk/gg', '2025-01-10T08:00:00.000Z', system).path).toBe(
      '/zwgk/tzgg/202403/t20240318_42.html',
    );
  });

  it('ignores a time the system asks for when re-publishing a withdrawn article', () => {
    const withdrawn: Publishable = {
      id: 42,
      status: 'withdrawn',
      path: '/zwgk/tzgg/202403/t20240318_42.html',
      publishedAt: NOW,
    };
    expect(
      decidePublish(withdrawn, 'zwgk/tzgg', '2025-01-10T08:00:00.000Z', system, '2020-01-01T00:00:00.000Z'),
    ).toEqual({
      publishedAt: NOW,
      path: '/zwgk/tzgg/202403/t20240318_42.html',
    });
  });
});

describe('assertWithdrawable', () => {
  it('allows withdrawing a published article', () => {
    expect(() => assertWithdrawable({ status: 'published' })).not.toThrow();
  });

  it.each(['draft', 'withdrawn'] as const)(
    'refuses to withdraw a %s article with GZ_ARTICLE_NOT_PUBLISHED',
    (status) => {
      expect(codeOf(() => assertWithdrawable({ status }))).toBe('GZ_ARTICLE_NOT_PUBLISHED');
    },
  );
});

describe('normaliseTag', () => {
  it('trims and collapses inner whitespace, full-width spaces included', () => {
    expect(normaliseTag('  政务\t\n公开  ')).toBe('政务 公开');
    expect(normaliseTag('\u3000两会\u3000')).toBe('两会');
  });

  it('folds full-width letters and digits to their ordinary form', () => {
    expect(normaliseTag('ＡＩ２０２４')).toBe('AI2024');
  });

  it('cuts a tag to 32 characters', () => {
    expect(normaliseTag('字'.repeat(40))).toBe('字'.repeat(32));
  });

  it('never ends in a space after cutting', () => {
    expect(normaliseTag(`${'a'.repeat(31)} bcd`)).toBe('a'.repeat(31));
  });

  it('never cuts a character outside the basic plane in half', () => {
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(normaliseTag(`中${'𠀀'.repeat(20)}`)).not.toMatch(loneSurrogate);
  });
});

describe('normaliseTags', () => {
  it('trims, dedupes and keeps the first-seen order', () => {
    expect(normaliseTags([' 两会 ', '政务公开', '两会', '政务公开 '])).toEqual(['两会', '政务公开']);
  });

  it('dedupes a full-width spelling with its ordinary one', () => {
    expect(normaliseTags(['ＡＩ', 'AI', 'Ａ Ｉ'])).toEqual(['AI', 'A I']);
  });

  it('drops empty tags', () => {
    expect(normaliseTags(['', '   ', '\u3000', '两会'])).toEqual(['两会']);
  });

  it('drops tags containing a slash, full-width slash included', () => {
    expect(normaliseTags(['a/b', '教育／卫生', '/', '教育'])).toEqual(['教育']);
  });

  it('returns an empty list for no tags', () => {
    expect(normaliseTags([])).toEqual([]);
  });
});
