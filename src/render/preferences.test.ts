import { describe, expect, it } from 'vitest';
import {
  preferenceUrl,
  readRenderPreferences,
  RENDER_PREFERENCE_COOKIES,
  renderPreferenceKey,
  sameSitePath,
} from './preferences.js';

describe('reader preferences', () => {
  it('reads elder mode, high contrast and font size from the Cookie header, ignoring other cookies', () => {
    expect(readRenderPreferences(undefined)).toEqual({ elder: false, contrast: false, fontSize: 'm' });
    expect(readRenderPreferences('gz_session=abc; gz_elder=1; gz_fs=l; gz_contrast=1')).toEqual({
      elder: true,
      contrast: true,
      fontSize: 'l',
    });
    expect(readRenderPreferences('gz_elder=yes; gz_fs=xxl; gz_contrast=0')).toEqual({
      elder: false,
      contrast: false,
      fontSize: 'm',
    });
    expect(RENDER_PREFERENCE_COOKIES).toEqual(['gz_elder', 'gz_contrast', 'gz_fs']);
  });

  it('keys odd cookie values to the same few variants', () => {
    const keys = new Set(
      ['gz_fs=1', 'gz_fs=2', 'gz_elder=a', '', 'gz_fs=m'].map((c) =>
        renderPreferenceKey(readRenderPreferences(c)),
      ),
    );
    expect([...keys]).toEqual(['e0c0m']);
    expect(renderPreferenceKey(readRenderPreferences('gz_elder=1; gz_fs=s'))).toBe('e1c0s');
  });

  it('builds /_prefs links that come back to the page', () => {
    expect(preferenceUrl({ elder: true }, '/tags/老旧小区/')).toBe(
      '/_prefs?elder=1&back=%2Ftags%2F%E8%80%81%E6%97%A7%E5%B0%8F%E5%8C%BA%2F',
    );
    expect(preferenceUrl({ fontSize: 's', contrast: false }, '/')).toBe('/_prefs?contrast=0&fs=s&back=%2F');
  });

  it('accepts only same-site paths as the way back (no open redirect)', () => {
    expect(sameSitePath('/')).toBe('/');
    expect(sameSitePath('/xwzx/page/2/')).toBe('/xwzx/page/2/');
    expect(sameSitePath('/search?q=老旧')).toBe('/search?q=%E8%80%81%E6%97%A7');
    expect(sameSitePath('/tags/老旧小区/')).toBe('/tags/%E8%80%81%E6%97%A7%E5%B0%8F%E5%8C%BA/');
    expect(sameSitePath('/a/../b')).toBe('/b');
    for (const bad of [
      '',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/x\r\nSet-Cookie: a=b',
      ' /x',
      `/${'a'.repeat(3000)}`,
    ])
      expect(sameSitePath(bad), JSON.stringify(bad)).toBeNull();
  });

  // What a `back` value becomes after the query string is decoded: dot segments that collapse into `//`,
  // backslashes browsers read as slashes, whitespace browsers strip, schemes, and lengths.
  const redirectTricks = [
    '/.//evil.example/phish',
    '/./\\evil.example',
    '/..//evil.example',
    '/a/..//evil.example',
    '/a/b/../..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/.%2e//evil.example',
    '/.\\\\evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '\t//evil.example',
    '///evil.example',
    '////evil.example',
    'https:evil.example',
    'https://evil.example/',
    'HTTPS://evil.example/',
    'http:/evil.example',
    'ftp://evil.example/',
    '//evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/\u0000//evil.example',
    '/x\u007f',
    `/${'a'.repeat(2048)}`,
    `/${'政'.repeat(2000)}`,
  ];

  it('refuses every redirect trick, deciding on the normalised path', () => {
    for (const trick of redirectTricks) expect(sameSitePath(trick), JSON.stringify(trick)).toBeNull();
  });

  it('only ever returns a path that a browser resolves to the same site', () => {
    const site = 'https://portal.example';
    const candidates = [
      ...redirectTricks,
      '/%2F%2Fevil.example',
      '/%5C%5Cevil.example',
      '/x?next=//evil.example',
      '/a/./b/../c/',
      '/\u3000/evil.example',
      '/\uff0f\uff0fevil.example',
    ];
    for (const candidate of candidates) {
      const target = sameSitePath(candidate);
      if (target === null) continue;
      expect(target, candidate).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
      expect(new URL(target, `${site}/_prefs`).origin, candidate).toBe(site);
    }
    expect(sameSitePath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(sameSitePath('/a/./b/../c/')).toBe('/a/c/');
  });
});
