import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: '文' } })).toBe(
      '{"a":{"c":"文","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for objects built in a different key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: null })).toBe(canonicalJson({ z: null, y: [1, 2], x: 1 }));
  });

  it('drops undefined members and writes non-finite numbers and holes as null, like JSON.stringify', () => {
    const value = { a: undefined, b: Number.NaN, c: [undefined, Infinity], d: 'x' };
    expect(canonicalJson(value)).toBe('{"b":null,"c":[null,null],"d":"x"}');
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('round-trips through JSON.parse to the same text', () => {
    const value = { quote: '"\\\n\u2028', n: -0, big: 1e21, small: 5e-7, nested: { 中文: ['一', '二'] } };
    const text = canonicalJson(value);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('uses toJSON, as dates have', () => {
    expect(canonicalJson({ at: new Date('2026-11-28T00:00:00.000Z') })).toBe(
      '{"at":"2026-11-28T00:00:00.000Z"}',
    );
  });
});
