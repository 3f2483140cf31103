/**
 * Reader display preferences (长者模式, 高对比度, 字号). They live in cookies that a plain link sets
 * (`/_prefs?...`), so they work without JavaScript; the renderer turns them into classes on <html>.
 * A page's bytes depend on these cookies and on nothing else a reader sends.
 */

export type FontSize = 's' | 'm' | 'l';

export interface RenderPreferences {
  /** 长者模式 / 关怀版: larger text and targets, ≥ 7:1 colours, one column, large cursor, read-aloud. */
  readonly elder: boolean;
  /** 高对比度: black on white, underlined links, strong borders. */
  readonly contrast: boolean;
  /** 字号 of article text; `m` is the default. */
  readonly fontSize: FontSize;
}

export const ELDER_COOKIE = 'gz_elder';
export const CONTRAST_COOKIE = 'gz_contrast';
export const FONT_SIZE_COOKIE = 'gz_fs';

/**
 * Every cookie that changes a rendered public page. Caches of rendered pages must key by these cookies'
 * values (or by `renderPreferenceKey`); any other cookie leaves the page unchanged.
 */
export const RENDER_PREFERENCE_COOKIES: readonly string[] = Object.freeze([
  ELDER_COOKIE,
  CONTRAST_COOKIE,
  FONT_SIZE_COOKIE,
]);

export const DEFAULT_PREFERENCES: RenderPreferences = Object.freeze({
  elder: false,
  contrast: false,
  fontSize: 'm',
});

const FONT_SIZES: readonly FontSize[] = ['s', 'm', 'l'];

function isFontSize(value: string | undefined): value is FontSize {
  return FONT_SIZES.includes(value as FontSize);
}

/** Values of the named cookies in a Cookie header; malformed pairs are skipped, the first of a name wins. */
function cookieValues(header: string | undefined, names: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  if (!header) return found;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    if (names.includes(name) && !found.has(name)) found.set(name, pair.slice(eq + 1).trim());
  }
  return found;
}

/** Preferences from a request's Cookie header. Unknown values count as the default, never as an error. */
export function readRenderPreferences(cookieHeader: string | undefined): RenderPreferences {
  const values = cookieValues(cookieHeader, RENDER_PREFERENCE_COOKIES);
  const fontSize = values.get(FONT_SIZE_COOKIE);
  return {
    elder: values.get(ELDER_COOKIE) === '1',
    contrast: values.get(CONTRAST_COOKIE) === '1',
    fontSize: isFontSize(fontSize) ? fontSize : 'm',
  };
}

/**
 * A short stable key of the preferences (`e0c0m` ...): twelve values at most, whatever the cookies hold,
 * so a reader sending odd cookie values cannot multiply a page cache's entries.
 */
export function renderPreferenceKey(prefs: RenderPreferences): string {
  return `e${prefs.elder ? 1 : 0}c${prefs.contrast ? 1 : 0}${prefs.fontSize}`;
}

/** What `/_prefs` may be asked to change; absent fields stay as they are. */
export interface PreferenceChange {
  readonly elder?: boolean;
  readonly contrast?: boolean;
  readonly fontSize?: FontSize;
}

/** The `/_prefs` link that applies `change` and comes back to `path` (a site path, query allowed). */
export function preferenceUrl(change: PreferenceChange, path: string): string {
  const query = new URLSearchParams();
  if (change.elder !== undefined) query.set('elder', change.elder ? '1' : '0');
  if (change.contrast !== undefined) query.set('contrast', change.contrast ? '1' : '0');
  if (change.fontSize !== undefined) query.set('fs', change.fontSize);
  query.set('back', path);
  return `${PREFERENCES_PATH}?${query.toString()}`;
}

export const PREFERENCES_PATH = '/_prefs';

/** The longest `back` accepted, and the longest Location it may become once percent-encoded. */
const MAX_BACK_LENGTH = 2048;
const MAX_LOCATION_LENGTH = 8192;

/**
 * A `back` target that stays on this site: an absolute path (query allowed, no fragment), returned
 * normalised and percent-encoded for a Location header; null for anything else (`//host`, `/\host`,
 * `https:`, control characters, and paths whose dot segments collapse into `//host`), so `/_prefs`
 * cannot be used as an open redirect. The decision is taken on the normalised result, the very string
 * the browser will resolve.
 */
export function sameSitePath(back: string): string | null {
  if (!back.startsWith('/') || back.length > MAX_BACK_LENGTH) return null;
  // Browsers read a backslash as a slash and drop tabs and newlines inside a URL.
  for (let i = 0; i < back.length; i++) {
    const code = back.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return null;
  }
  const base = 'http://gazette.invalid';
  let url: URL;
  try {
    url = new URL(back, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  const target = `${url.pathname}${url.search}`;
  return isSameSitePath(target) ? target : null;
}

/**
 * Whether a Location value is a path of this site to any browser: one leading slash not followed by
 * another slash or a backslash, printable ASCII only (no whitespace a browser would strip), bounded.
 */
function isSameSitePath(location: string): boolean {
  return location.length <= MAX_LOCATION_LENGTH && /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(location);
}
