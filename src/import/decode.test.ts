import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode.js';

const TEXT = '关于做好全市防汛工作的通知：各区县人民政府要加强值班值守，确保群众安全。';
const page = (charset: string, body: string) =>
  `<html><head><meta charset="${charset}"></head><body>${body}</body></html>`;

describe('decodeBytes', () => {
  it('follows a UTF-8 byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);
    expect(decodeBytes(bytes)).toMatchObject({ text: TEXT, encoding: 'utf-8' });
  });

  it('reads GBK declared as gb2312', () => {
    const decoded = decodeBytes(iconv.encode(page('gb2312', TEXT), 'gbk'));
    expect(decoded.text).toContain(TEXT);
    expect(decoded.warning).toBeNull();
  });

  it('reads Big5 declared as big5', () => {
    const traditional = '關於做好全市防汛工作的通知，各區縣人民政府要加強值班。';
    expect(decodeBytes(iconv.encode(page('big5', traditional), 'big5')).text).toContain(traditional);
  });

  it('overrules a meta tag that declares GBK on UTF-8 bytes', () => {
    const decoded = decodeBytes(Buffer.from(page('gbk', TEXT)));
    expect(decoded).toMatchObject({ encoding: 'utf-8' });
    expect(decoded.text).toContain(TEXT);
    expect(decoded.warning).toMatch(/wrong/);
  });

  it('overrules a meta tag that declares UTF-8 on GBK bytes, and one with no declaration at all', () => {
    const lying = decodeBytes(iconv.encode(page('utf-8', TEXT), 'gbk'));
    expect(lying.text).toContain(TEXT);
    expect(lying.warning).toMatch(/wrong/);
    expect(decodeBytes(iconv.encode(TEXT, 'gbk')).text).toBe(TEXT);
  });

  it('prefers the header charset to the meta tag', () => {
    expect(decodeBytes(iconv.encode(TEXT, 'gbk'), 'GBK')).toMatchObject({ text: TEXT, encoding: 'gb18030' });
  });
});
