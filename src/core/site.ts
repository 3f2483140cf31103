import { GazetteError } from './errors.js';

export type AccountKind = 'wechat' | 'weibo' | 'app' | 'other';

export interface MediaAccount {
  readonly name: string;
  readonly kind: AccountKind;
  /** Public URL of the QR code image, or null when there is none. */
  readonly qrUrl: string | null;
}

export interface Sponsor {
  readonly name: string;
  readonly address: string;
  readonly phone: string;
  readonly email: string;
  readonly postcode: string;
}

/** A link the site edits: a 政务服务 tile on the home page. */
export interface PortalLink {
  readonly name: string;
  /** A site path (`/…`) or an http(s) URL. */
  readonly url: string;
}

/**
 * What a government portal's home page and articles show beyond the columns, all edited in the settings:
 * 政务服务 tiles, the 互动交流 entries, the 党政机关 mark, and whether articles show their view count.
 * Badge images are media-library links (`/media/f/…`, stable when the file is replaced) or https URLs.
 */
export interface PortalSettings {
  readonly services: readonly PortalLink[];
  /** 领导信箱: where letters to the leadership are written. Empty: not shown. */
  readonly mailboxUrl: string;
  /** 12345 政务服务便民热线 as dialled, e.g. `12345` or `0000-12345`. Empty: not shown. */
  readonly hotline: string;
  /** 我为政府网站找错: the national error-report page for this site. Empty: not shown. */
  readonly errorReportUrl: string;
  readonly errorReportBadgeUrl: string | null;
  /** 党政机关网站标识: the verification page of a site that holds the mark. Empty: not shown. */
  readonly partyMarkUrl: string;
  readonly partyMarkBadgeUrl: string | null;
  /** Articles show 浏览次数. */
  readonly showViewCount: boolean;
}

export const NO_PORTAL_SETTINGS: PortalSettings = {
  services: [],
  mailboxUrl: '',
  hotline: '',
  errorReportUrl: '',
  errorReportBadgeUrl: null,
  partyMarkUrl: '',
  partyMarkBadgeUrl: null,
  showViewCount: false,
};

/** The 我为政府网站找错 page of the national platform for a site with this 网站标识码. */
export function errorReportUrlFor(siteCode: string): string {
  return `https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=${encodeURIComponent(siteCode)}`;
}

/** A disabled site answers none of its hosts; its content and accounts stay. */
export type SiteStatus = 'active' | 'disabled';

export interface Site {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  /** Canonical origin of the public site, e.g. https://www.example.gov.cn (no trailing slash). */
  readonly baseUrl: string;
  /** Host names this site answers to; the first site answers to any host. */
  readonly hosts: readonly string[];
  readonly sponsor: Sponsor;
  readonly icpRecord: string;
  readonly policeRecord: string;
  readonly policeRecordCode: string;
  readonly siteCode: string;
  readonly footerNotice: string;
  readonly language: string;
  readonly accounts: readonly MediaAccount[];
  /** 哀悼日: every public page is shown in greyscale while this is on (set by an admin, one switch). */
  readonly mourning: boolean;
  readonly portal: PortalSettings;
  readonly status: SiteStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** 网站标识码: 10 digits for local sites, `bm` + 8 digits for central departments. */
export const SITE_CODE_PATTERN = /^(?:\d{10}|bm\d{8})$/;

export function assertSiteCode(code: string): void {
  if (code !== '' && !SITE_CODE_PATTERN.test(code)) {
    throw new GazetteError('GZ_INVALID_SITE_CODE', code, { field: 'siteCode' });
  }
}

/** The MIIT filing site, where an ICP record number must link. */
export const ICP_FILING_URL = 'https://beian.miit.gov.cn/';

/** The public-security filing site links to one record by its numeric code. */
export function policeRecordUrl(recordCode: string): string {
  return `https://beian.mps.gov.cn/#/query/webSearch?code=${encodeURIComponent(recordCode)}`;
}

/** Digits of a 公网安备 number, e.g. 京公网安备11010502030000号 -> 11010502030000. */
export function policeRecordCodeOf(record: string): string {
  const match = /(\d{10,})/.exec(record);
  return match?.[1] ?? '';
}

/** Origin without trailing slash; throws `GZ_INVALID_INPUT` when not http(s). */
export function normaliseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GazetteError('GZ_INVALID_INPUT', 'baseUrl must be an absolute URL', { field: 'baseUrl' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GazetteError('GZ_INVALID_INPUT', 'baseUrl must be http or https', { field: 'baseUrl' });
  }
  return url.origin;
}

const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** A host name as a site claims it: lower-case labels separated by dots, no port, no trailing dot. */
export const HOST_NAME_PATTERN = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})*$`);

/**
 * A host a site answers to, exactly as given: a name with a port, upper case, a scheme or a path is refused
 * (`GZ_INVALID_HOST`, naming it) rather than silently changed, so what an operator types is what routes.
 */
export function assertHostName(host: string): string {
  if (!HOST_NAME_PATTERN.test(host)) {
    const why = /[A-Z]/.test(host)
      ? 'upper case'
      : /:\d*$/.test(host)
        ? 'a port'
        : /^[a-z]+:\/\//i.test(host) || host.includes('/')
          ? 'a scheme or path'
          : 'not a host name';
    throw new GazetteError('GZ_INVALID_HOST', `${host.slice(0, 100)}: ${why}`, { field: 'hosts' });
  }
  return host;
}

/**
 * The site that answers a request's host: the active site claiming it; else the active site without hosts
 * (a single office needs no host set-up); else, for a loopback name, the first active site. A host claimed
 * by a disabled site is answered by nobody: its pages never fall through to another site.
 */
export function siteAnsweringHost(sites: readonly Site[], host: string): Site | undefined {
  const claimant = sites.find((s) => s.hosts.includes(host));
  if (claimant) return claimant.status === 'active' ? claimant : undefined;
  const active = sites.filter((s) => s.status === 'active');
  return active.find((s) => s.hosts.length === 0) ?? (LOOPBACK_HOSTS.has(host) ? active[0] : undefined);
}

/** Names a browser on the machine itself uses. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
