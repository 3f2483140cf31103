import { clipText, htmlToLine } from '../core/index.js';
import type { Theme } from './theme.js';
import type { DisplayView, FontSizeLinkView, PageView } from './view-models.js';
import { DEFAULT_PREFERENCES, preferenceUrl, type FontSize, type RenderPreferences } from './preferences.js';

const FONT_SIZE_LABELS: readonly (readonly [FontSize, string])[] = [
  ['l', '大'],
  ['m', '中'],
  ['s', '小'],
];

/** Templates with public forms: their pages load the proof-of-work script of the anti-abuse guard. */
const FORM_TEMPLATES: ReadonlySet<PageView['template']> = new Set(['interact', 'disclosure']);

/** Pages with running text to read aloud. */
const READ_ALOUD_TEMPLATES: ReadonlySet<PageView['template']> = new Set(['article', 'series']);

/**
 * The display part of every page: the reader's preferences as <html> classes and the links that change
 * them, plus the site's mourning greyscale (哀悼日), which applies to every reader.
 */
export function displayView(options: {
  readonly theme: Theme;
  readonly template: PageView['template'];
  /** The page's own path (query allowed): the preference links come back to it. */
  readonly path: string;
  readonly preferences: RenderPreferences | undefined;
  readonly mourning: boolean;
}): DisplayView {
  const prefs = options.preferences ?? DEFAULT_PREFERENCES;
  const { path, theme } = options;
  const classes = [
    prefs.elder ? 'elder' : '',
    prefs.contrast ? 'hc' : '',
    prefs.fontSize === 'm' ? '' : `fs-${prefs.fontSize}`,
    options.mourning ? 'mourning' : '',
  ].filter(Boolean);
  const fontSizes: FontSizeLinkView[] = FONT_SIZE_LABELS.map(([size, label]) => ({
    label,
    url: preferenceUrl({ fontSize: size }, path),
    current: size === prefs.fontSize,
  }));
  return {
    htmlClass: classes.join(' '),
    elder: prefs.elder,
    contrast: prefs.contrast,
    mourning: options.mourning,
    elderToggleUrl: preferenceUrl({ elder: !prefs.elder }, path),
    contrastToggleUrl: preferenceUrl({ contrast: !prefs.contrast }, path),
    fontSizes,
    readAloudScriptUrl:
      prefs.elder && READ_ALOUD_TEMPLATES.has(options.template) ? theme.assetUrl('read-aloud.js') : '',
    faviconUrl: theme.assetUrl('favicon.svg'),
    articleToolsScriptUrl: options.template === 'article' ? theme.assetUrl('article-tools.js') : '',
    formGuardScriptUrl: FORM_TEMPLATES.has(options.template) ? theme.assetUrl('form-guard.js') : '',
  };
}

const TABLE_OPEN = /<table\b([^>]*)>/gi;
const CAPTION = /<caption\b[^>]*>([\s\S]*?)<\/caption>/i;

/**
 * Wraps every table of a stored (sanitised) body in a focusable, labelled region (a named <section>) that
 * scrolls sideways, so a wide table never widens the page on a phone and keyboard users can scroll it too.
 */
export function wrapTables(html: string): string {
  if (!/<table\b/i.test(html)) return html;
  let n = 0;
  const opened = html.replace(TABLE_OPEN, (match, _attrs: string, offset: number) => {
    n++;
    const caption = CAPTION.exec(html.slice(offset, html.indexOf('</table', offset)))?.[1];
    const name = caption ? clipText(htmlToLine(caption), 80) : '';
    const label = name ? `表格：${name}` : `表格${n}`;
    return `<section class="table-scroll" aria-label="${escapeAttribute(label)}" tabindex="0">${match}`;
  });
  return opened.replace(/<\/table\s*>/gi, '</table></section>');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
