import { parseMediaUrl, responsiveWidths, variantUrl } from './media-url.js';

/** What a theme needs to show a library image at the right size: `srcset` per format, `sizes`, intrinsic size. */
export interface ResponsiveImage {
  readonly src: string;
  /** Renditions in the original format, with the original itself as the widest. */
  readonly srcset: string;
  /** The same widths as WebP, for a `<source type="image/webp">`. */
  readonly webpSrcset: string;
  readonly sizes: string;
  readonly width: number;
  readonly height: number;
}

/** The article column is at most 960 CSS pixels wide. */
const COLUMN_WIDTH = 960;

/**
 * Renditions of a library image link (/media/f/{key}_{w}x{h}.{ext}); null for any other URL, whose size
 * is unknown. `displayWidth` is the width an editor set, when smaller than the image.
 */
export function responsiveImage(src: string, displayWidth?: number): ResponsiveImage | null {
  const link = parseMediaUrl(src);
  if (!link || link.width === undefined || link.height === undefined || link.width === 0) return null;
  const { key, ext, width, height } = link;
  const widths = responsiveWidths(width);
  const shown = Math.min(displayWidth ?? width, width, COLUMN_WIDTH);
  return {
    src,
    srcset: widths.map((w) => `${w === width ? src : variantUrl(key, w, ext)} ${w}w`).join(', '),
    webpSrcset: widths.map((w) => `${variantUrl(key, w, 'webp')} ${w}w`).join(', '),
    sizes: `(max-width: ${shown}px) 100vw, ${shown}px`,
    width: displayWidth ?? width,
    height: displayWidth ? Math.round((height * displayWidth) / width) : height,
  };
}

const IMG = /<img\b([^>]*?)\/?>/gi;
const ATTRIBUTE = /([a-zA-Z-]+)="([^"]*)"/g;

function attributesOf(tag: string): Map<string, string> {
  return new Map(
    [...tag.matchAll(ATTRIBUTE)].map((m): [string, string] => [m[1]?.toLowerCase() ?? '', m[2] ?? '']),
  );
}

/**
 * Body images as the public page shows them (the body is sanitised HTML, so every attribute is quoted):
 * library images get WebP and original-format `srcset`, `sizes` and width/height (no layout shift); every
 * image loads lazily, since the body starts below the title, summary and cover.
 */
export function responsiveBodyImages(html: string): string {
  if (!/<img\b/i.test(html)) return html;
  return html.replace(IMG, (_tag, inner: string) => {
    const attributes = attributesOf(inner);
    const src = attributes.get('src') ?? '';
    const alt = attributes.get('alt') ?? '';
    const setWidth = Number(attributes.get('width'));
    const image = responsiveImage(src, Number.isInteger(setWidth) && setWidth > 0 ? setWidth : undefined);
    if (!image) {
      const rest = [...attributes].map(([name, value]) => ` ${name}="${value}"`).join('');
      return `<img${rest} loading="lazy" decoding="async">`;
    }
    return (
      `<picture><source type="image/webp" srcset="${image.webpSrcset}" sizes="${image.sizes}">` +
      `<img src="${image.src}" srcset="${image.srcset}" sizes="${image.sizes}" width="${image.width}" ` +
      `height="${image.height}" alt="${alt}" loading="lazy" decoding="async"></picture>`
    );
  });
}
