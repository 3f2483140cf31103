import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';

const trustProxyOf = (value?: string) =>
  loadConfig(value === undefined ? {} : { GAZETTE_TRUST_PROXY: value }).trustProxy;

describe('GAZETTE_TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(trustProxyOf()).toBe(false);
    for (const value of ['', 'false', '0', 'no', 'off']) expect(trustProxyOf(value), value).toBe(false);
  });

  it('reads true as one hop, never as "trust every address in X-Forwarded-For"', () => {
    expect(trustProxyOf('true')).toBe(1);
    expect(trustProxyOf('1')).toBe(1);
    expect(trustProxyOf('2')).toBe(2);
  });

  it('reads a list of proxy addresses and CIDR ranges', () => {
    expect(trustProxyOf('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(trustProxyOf(' 10.0.0.2, 192.168.0.0/16 ,::1,fd00::/8')).toEqual([
      '10.0.0.2',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
    ]);
  });

  it('refuses anything else, saying what it takes', () => {
    for (const value of ['maybe', '10.0.0.0/33', '10.0.0.1,nginx', '999', '1.2.3.4/8/1']) {
      expect(() => trustProxyOf(value), value).toThrow(/trustProxy: must be false, a number of proxy hops/);
    }
  });
});
