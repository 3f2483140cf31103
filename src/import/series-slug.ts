import { pinyin } from 'pinyin-pro';

/** The longest URL name an imported series gets. */
export const MAX_SERIES_SLUG = 60;

/** The name used when a title has neither Chinese characters nor letters or digits. */
const FALLBACK = 'series';

/** Cuts a hyphenated name to `max` characters at a hyphen, never inside a syllable. */
function cut(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max + 1);
  const at = head.lastIndexOf('-');
  return at > 0 ? head.slice(0, at) : slug.slice(0, max);
}

/**
 * The URL name of an imported series: the title's full toneless pinyin, a hyphen between syllables (ü as v),
 * digits and Latin letters kept as words, everything else dropped; at most 60 characters.
 * 六论深入学习贯彻全国两会精神 → liu-lun-shen-ru-xue-xi-guan-che-quan-guo-liang-hui-jing-shen.
 */
export function seriesSlugOf(title: string): string {
  const words = pinyin(title, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' })
    .flatMap((part) => part.toLowerCase().split(/[^a-z0-9]+/))
    .filter((word) => word !== '');
  return cut(words.join('-'), MAX_SERIES_SLUG) || FALLBACK;
}

/** The n-th candidate when a name is taken (n ≥ 2): `name-2`, still within 60 characters. */
export function withSuffix(slug: string, n: number): string {
  const suffix = `-${n}`;
  return `${cut(slug, MAX_SERIES_SLUG - suffix.length).replace(/-+$/, '')}${suffix}`;
}
