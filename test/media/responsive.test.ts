import { describe, expect, it } from 'vitest';
import {
  cleanDisplayName,
  contentDisposition,
  decodeText,
  mediaUrlsIn,
  parseMediaUrl,
  responsiveBodyImages,
  responsiveImage,
  responsiveWidths,
} from '../../src/media/index.js';

const KEY = '0123456789abcdef0123';

describe('responsive widths', () => {
  it('offers the standard widths below the image and the image itself up to 1600, never upscaled', () => {
    expect(responsiveWidths(300)).toEqual([300]);
    expect(responsiveWidths(480)).toEqual([480]);
    expect(responsiveWidths(1200)).toEqual([480, 960, 1200]);
    expect(responsiveWidths(1600)).toEqual([480, 960, 1600]);
    expect(responsiveWidths(4000)).toEqual([480, 960, 1600]);
  });
});

describe('library links', () => {
  it('reads a document, an image and a variant link, and nothing else', () => {
    expect(parseMediaUrl(`/media/f/${KEY}.pdf`)).toEqual({ key: KEY, ext: 'pdf' });
    expect(parseMediaUrl(`/media/f/${KEY}_1200x800.jpg`)).toEqual({
      key: KEY,
      ext: 'jpg',
      width: 1200,
      height: 800,
    });
    expect(parseMediaUrl(`/media/f/${KEY}_480w.webp`)).toEqual({ key: KEY, ext: 'webp', variantWidth: 480 });
    expect(parseMediaUrl(`/media/f/../${KEY}.pdf`)).toBeNull();
    expect(parseMediaUrl(`/media/ab/${'a'.repeat(64)}.pdf`)).toBeNull();
    expect(mediaUrlsIn(`<a href="/media/f/${KEY}.pdf">x</a><img src="https://example.org/a.png">`)).toEqual([
      `/media/f/${KEY}.pdf`,
    ]);
  });
});

describe('images on public pages', () => {
  it('gives a library image srcset in WebP and its own format, sizes, width, height and lazy loading', () => {
    const html = responsiveBodyImages(`<p><img src="/media/f/${KEY}_1200x800.jpg" alt="会议现场" /></p>`);
    expect(html).toBe(
      `<p><picture><source type="image/webp" srcset="/media/f/${KEY}_480w.webp 480w, /media/f/${KEY}_960w.webp 960w, /media/f/${KEY}_1200w.webp 1200w" sizes="(max-width: 960px) 100vw, 960px">` +
        `<img src="/media/f/${KEY}_1200x800.jpg" srcset="/media/f/${KEY}_480w.jpg 480w, /media/f/${KEY}_960w.jpg 960w, /media/f/${KEY}_1200x800.jpg 1200w" sizes="(max-width: 960px) 100vw, 960px" width="1200" height="800" alt="会议现场" loading="lazy" decoding="async"></picture></p>`,
    );
  });

  it('keeps a width the editor set, with the height in proportion', () => {
    const image = responsiveImage(`/media/f/${KEY}_1200x800.jpg`, 600);
    expect(image).toMatchObject({ width: 600, height: 400, sizes: '(max-width: 600px) 100vw, 600px' });
  });

  it('only adds lazy loading to other images, keeping their attributes', () => {
    expect(responsiveBodyImages('<img src="https://example.org/a.png" alt="外部" width="300">')).toBe(
      '<img src="https://example.org/a.png" alt="外部" width="300" loading="lazy" decoding="async">',
    );
    expect(responsiveImage('https://example.org/a.png')).toBeNull();
  });
});

describe('file names', () => {
  it('keeps Chinese names and refuses paths, hidden files and executable inner extensions', () => {
    expect(cleanDisplayName(' 2026年预算公开表.xlsx ')).toBe('2026年预算公开表.xlsx');
    for (const bad of [
      '../../x.png',
      'a/b.pdf',
      '..',
      '.htaccess',
      'a.php.jpg',
      'x.asp;.jpg.jpg',
      'a.jsp.pdf',
      '无扩展名',
      '',
    ]) {
      expect(() => cleanDisplayName(bad), bad).toThrow(
        expect.objectContaining({ code: 'GZ_MEDIA_NAME_INVALID' }),
      );
    }
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('关于“十五五”规划(草案).pdf', 'attachment')).toBe(
      `attachment; filename="__${'_'.repeat(3)}__${'_'.repeat(2)}(__).pdf"; filename*=UTF-8''%E5%85%B3%E4%BA%8E%E2%80%9C%E5%8D%81%E4%BA%94%E4%BA%94%E2%80%9D%E8%A7%84%E5%88%92%28%E8%8D%89%E6%A1%88%29.pdf`,
    );
  });

  it('reads CSV text saved as UTF-8 or GBK, and treats binary as not text', () => {
    expect(decodeText(new Uint8Array(Buffer.from('\ufeff姓名,电话\n', 'utf8')))).toBe('姓名,电话\n');
    expect(decodeText(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toBe('姓名');
    expect(decodeText(new Uint8Array([0x89, 0x50, 0x00, 0x47]))).toBeNull();
  });
});
