/**
 * One line of a web server's access log in the combined format (nginx `combined`, Apache
 * `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"`), or the common format without the last two.
 */
export interface AccessLogLine {
  readonly address: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly method: string;
  /** The request target as sent: path and query, undecoded. */
  readonly target: string;
  readonly status: number;
  readonly referer: string;
  readonly userAgent: string;
}

const LINE =
  /^(\S+) \S+ \S+ \[(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\] "([A-Z]+) (\S+)(?: [^"]*)?" (\d{3}) (?:\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const unescape = (value: string | undefined): string =>
  value === undefined || value === '-' ? '' : value.replace(/\\(.)/g, '$1');

/** The line's fields, or null when it is not a combined or common log line. */
export function parseAccessLogLine(line: string): AccessLogLine | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const month = MONTHS.indexOf(m[3] as string);
  if (month < 0) return null;
  const [day, year, hour, minute, second] = [m[2], m[4], m[5], m[6], m[7]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const offset = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) * 60_000;
  const at = Date.UTC(year, month, day, hour, minute, second) - offset;
  if (!Number.isFinite(at) || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  return {
    address: m[1] as string,
    at,
    method: m[11] as string,
    target: m[12] as string,
    status: Number(m[13]),
    referer: unescape(m[14]),
    userAgent: unescape(m[15]),
  };
}

/** Files of a page's own that are not pages (the theme, media, feeds, robots). */
const NOT_A_PAGE =
  /\.(css|js|mjs|map|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|eot|pdf|docx?|xlsx?|pptx?|zip|rar|7z|txt|xml|json|mp4|mp3|ofd|wps)$/i;
const NOT_PUBLIC = /^\/(admin|api|assets|media|_)(\/|$)/;

/**
 * The page a request target counts as, or null when it is not a page a reader reads: decoded path without
 * the query, `index.html` folded into its directory (the static build writes `/zwgk/index.html` for `/zwgk/`).
 */
export function pageOfTarget(target: string): string | null {
  const raw = target.split(/[?#]/, 1)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (!path.startsWith('/') || path.length > 500 || NOT_PUBLIC.test(path) || NOT_A_PAGE.test(path))
    return null;
  // eslint-disable-next-line no-control-regex -- a control character is never in a page's path
  if (path.includes('/../') || /[\u0000-\u001f]/.test(path)) return null;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** The `q` of a search request target (`/search?q=…`), or null. */
export function searchTermOfTarget(target: string): string | null {
  const [path, query = ''] = target.split('?', 2);
  if (path !== '/search' && path !== '/api/search' && path !== '/search.html') return null;
  try {
    const q = new URLSearchParams(query).get('q');
    return q === null || q.trim() === '' ? null : q.trim();
  } catch {
    return null;
  }
}
