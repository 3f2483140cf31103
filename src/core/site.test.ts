import { describe, expect, it } from 'vitest';
import { GazetteError, type ErrorCode } from './errors.js';
import {
  assertHostName,
  assertSiteCode,
  ICP_FILING_URL,
  normaliseBaseUrl,
  policeRecordCodeOf,
  policeRecordUrl,
  SITE_CODE_PATTERN,
  siteAnsweringHost,
  type Site,
} from './site.js';

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof GazetteError) return error.code;
    throw error;
  }
  return undefined;
}

describe('assertSiteCode', () => {
  it.each(['1500000001', '0000000000', 'bm12345678'])('accepts %s', (code) => {
    expect(() => assertSiteCode(code)).not.toThrow();
    expect(SITE_CODE_PATTERN.test(code)).toBe(true);
  });

  it('accepts an empty code, for a site that has none yet', () => {
    expect(() => assertSiteCode('')).not.toThrow();
  });

  it.each([
    ['9 digits', '150000000'],
    ['11 digits', '15000000011'],
    ['upper-case BM', 'BM12345678'],
    ['bm with 7 digits', 'bm1234567'],
    ['bm with 9 digits', 'bm123456789'],
    ['letters', 'abcdefghij'],
    ['a letter among digits', '15000x0001'],
    ['surrounding spaces', ' 1500000001 '],
    ['full-width digits', '１５０００００００１'],
    ['a trailing newline', '1500000001\n'],
  ])('rejects %s with GZ_INVALID_SITE_CODE', (_label, code) => {
    expect(codeOf(() => assertSiteCode(code))).toBe('GZ_INVALID_SITE_CODE');
  });

  it('names the field at fault', () => {
    try {
      assertSiteCode('123');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GazetteError);
      expect((error as GazetteError).details).toMatchObject({ field: 'siteCode' });
    }
  });
});

describe('filing links', () => {
  it('points ICP records at the MIIT filing site', () => {
    expect(ICP_FILING_URL).toBe('https://beian.miit.gov.cn/');
  });

  it('links a public-security record by its numeric code', () => {
    expect(policeRecordUrl('11010502030000')).toBe(
      'https://beian.mps.gov.cn/#/query/webSearch?code=11010502030000',
    );
  });

  it('encodes whatever it is given as a query value', () => {
    expect(policeRecordUrl('1&x=2')).toBe('https://beian.mps.gov.cn/#/query/webSearch?code=1%26x%3D2');
  });
});

describe('policeRecordCodeOf', () => {
  it('extracts the digits of a 公网安备 number', () => {
    expect(policeRecordCodeOf('京公网安备11010502030000号')).toBe('11010502030000');
  });

  it('extracts the digits with spaces around them', () => {
    expect(policeRecordCodeOf('沪公网安备 31010402001234 号')).toBe('31010402001234');
  });

  it('returns an empty string when there is no record number', () => {
    expect(policeRecordCodeOf('')).toBe('');
    expect(policeRecordCodeOf('京公网安备号')).toBe('');
    expect(policeRecordCodeOf('京ICP备12345号')).toBe('');
  });
});

describe('normaliseBaseUrl', () => {
  it('keeps the origin of an https URL', () => {
    expect(normaliseBaseUrl('https://www.example.gov.cn')).toBe('https://www.example.gov.cn');
  });

  it('strips a trailing slash', () => {
    expect(normaliseBaseUrl('https://www.example.gov.cn/')).toBe('https://www.example.gov.cn');
  });

  it('strips a path, query and fragment', () => {
    expect(normaliseBaseUrl('https://www.example.gov.cn/zwgk/index.html?a=1#top')).toBe(
      'https://www.example.gov.cn',
    );
  });

  it('accepts http and keeps a non-default port', () => {
    expect(normaliseBaseUrl('http://localhost:8080/')).toBe('http://localhost:8080');
  });

  it('drops a default port and lower-cases the host', () => {
    expect(normaliseBaseUrl('HTTPS://WWW.Example.GOV.CN:443/')).toBe('https://www.example.gov.cn');
  });

  it.each([
    'ftp://www.example.gov.cn/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'mailto:a@example.gov.cn',
  ])('rejects the non-http scheme of %s with GZ_INVALID_INPUT', (value) => {
    expect(codeOf(() => normaliseBaseUrl(value))).toBe('GZ_INVALID_INPUT');
  });

  it.each(['', 'not a url', 'www.example.gov.cn', '/zwgk/', 'https://'])(
    'rejects %j with GZ_INVALID_INPUT',
    (value) => {
      expect(codeOf(() => normaliseBaseUrl(value))).toBe('GZ_INVALID_INPUT');
    },
  );

  it('names the field at fault', () => {
    try {
      normaliseBaseUrl('ftp://x');
      expect.unreachable();
    } catch (error) {
      expect((error as GazetteError).details).toMatchObject({ field: 'baseUrl' });
    }
  });
});

describe('assertHostName', () => {
  it('takes a lower-case host name as it is', () => {
    expect(assertHostName('lanbin.qingchuan.gov.cn')).toBe('lanbin.qingchuan.gov.cn');
    expect(assertHostName('localhost')).toBe('localhost');
  });

  it.each([
    ['Lanbin.qingchuan.gov.cn', 'upper case'],
    ['lanbin.qingchuan.gov.cn:8080', 'a port'],
    ['https://lanbin.qingchuan.gov.cn', 'a scheme or path'],
    ['lanbin.qingchuan.gov.cn/xwzx', 'a scheme or path'],
    ['-lanbin.gov.cn', 'not a host name'],
    ['lanbin..gov.cn', 'not a host name'],
    ['', 'not a host name'],
  ])('refuses %s (%s), naming why', (host, why) => {
    expect(codeOf(() => assertHostName(host))).toBe('GZ_INVALID_HOST');
    expect(() => assertHostName(host)).toThrow(why);
  });
});

describe('siteAnsweringHost', () => {
  const site = (id: number, hosts: string[], status: Site['status'] = 'active') =>
    ({ id, hosts, status }) as unknown as Site;

  it('gives a claimed host its site and every other host the site without hosts', () => {
    const sites = [site(1, []), site(2, ['a.gov.cn']), site(3, ['b.gov.cn', 'www.b.gov.cn'])];
    expect(siteAnsweringHost(sites, 'www.b.gov.cn')?.id).toBe(3);
    expect(siteAnsweringHost(sites, 'a.gov.cn')?.id).toBe(2);
    expect(siteAnsweringHost(sites, 'unknown.example')?.id).toBe(1);
  });

  it('answers an unclaimed host with nobody once every site has a host, except loopback names', () => {
    const sites = [site(1, ['a.gov.cn']), site(2, ['b.gov.cn'])];
    expect(siteAnsweringHost(sites, 'unknown.example')).toBeUndefined();
    expect(siteAnsweringHost(sites, '127.0.0.1')?.id).toBe(1);
  });

  it('never hands a disabled site’s host to another site, and passes over disabled sites as the fallback', () => {
    const sites = [
      site(1, [], 'disabled'),
      site(2, ['a.gov.cn'], 'disabled'),
      site(3, []),
      site(4, ['b.gov.cn']),
    ];
    expect(siteAnsweringHost(sites, 'a.gov.cn')).toBeUndefined();
    expect(siteAnsweringHost(sites, 'unknown.example')?.id).toBe(3);
    expect(
      siteAnsweringHost([site(1, ['a.gov.cn'], 'disabled'), site(2, ['b.gov.cn'])], 'localhost')?.id,
    ).toBe(2);
  });
});
