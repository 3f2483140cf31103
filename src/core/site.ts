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
