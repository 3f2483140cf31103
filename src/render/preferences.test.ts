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
});
