import type { Metadata, Sharp } from 'sharp';
import { GazetteError } from '../core/index.js';
import { MEDIA_TYPES, type MediaType } from './media-types.js';
import { responsiveWidths } from './media-url.js';

export interface ImageVariant {
  readonly width: number;
  /** `webp` or the original's extension. */
  readonly format: string;
  readonly bytes: Buffer;
}

export interface ProcessedImage {
  readonly width: number;
  readonly height: number;
  /** The image in its own format, upright, without EXIF, GPS, XMP or IPTC (the colour profile is kept). */
  readonly original: Buffer;
  readonly variants: readonly ImageVariant[];
}

function encode(image: Sharp, type: MediaType): Sharp {
  switch (type.mime) {
    case MEDIA_TYPES.png.mime:
      return image.png();
    case MEDIA_TYPES.gif.mime:
      return image.gif();
    case MEDIA_TYPES.webp.mime:
      return image.webp({ quality: 82 });
    default:
      return image.jpeg({ quality: 85 });
  }
}

const broken = (cause: unknown) =>
  new GazetteError(
    'GZ_MEDIA_IMAGE_BROKEN',
    cause instanceof Error ? cause.message : undefined,
    { field: 'file' },
    {
      cause,
    },
  );

const tooLarge = (detail: string) => new GazetteError('GZ_MEDIA_IMAGE_TOO_LARGE', detail, { field: 'file' });

/** libvips refuses an image over the pixel limit already when reading its header; anything else is damage. */
const refusal = (error: unknown) =>
  error instanceof Error && /pixel limit/i.test(error.message) ? tooLarge(error.message) : broken(error);

/**
 * Decodes an uploaded image once per output: upright (EXIF orientation applied), stripped of metadata, in
 * its own format and as WebP at the responsive widths. The pixel count is checked from the header before
 * anything is decoded (a 100 KB PNG can claim 60000×60000 pixels), and libvips refuses it again while
 * decoding; a truncated file fails instead of coming out half grey.
 */
export async function processImage(
  path: string,
  type: MediaType,
  maxPixels: number,
): Promise<ProcessedImage> {
  // Loaded at the first upload: libvips is about 30 MB that a process serving pages never needs.
  const { default: sharp } = await import('sharp');
  const animated = type.mime === MEDIA_TYPES.gif.mime || type.mime === MEDIA_TYPES.webp.mime;
  const input = () => sharp(path, { limitInputPixels: maxPixels, failOn: 'truncated', animated });
  let metadata: Metadata;
  try {
    metadata = await input().metadata();
  } catch (error) {
    throw refusal(error);
  }
  const pages = metadata.pages ?? 1;
  const frameHeight = metadata.pageHeight ?? metadata.height;
  if (!metadata.width || !frameHeight) throw broken(new Error('the image has no size'));
  if (metadata.width * frameHeight * pages > maxPixels) {
    throw tooLarge(
      `${metadata.width}×${frameHeight}${pages > 1 ? `×${pages} frames` : ''} is over ${maxPixels} pixels`,
    );
  }
  const turned = (metadata.orientation ?? 1) >= 5;
  const width = turned ? frameHeight : metadata.width;
  const height = turned ? metadata.width : frameHeight;
  const upright = () => input().rotate().keepIccProfile();
  try {
    const original = await encode(upright(), type).toBuffer();
    const variants: ImageVariant[] = [];
    for (const w of responsiveWidths(width)) {
      const resized = () => upright().resize({ width: w, withoutEnlargement: true });
      variants.push({ width: w, format: 'webp', bytes: await resized().webp({ quality: 80 }).toBuffer() });
      if (w < width && type.mime !== MEDIA_TYPES.webp.mime) {
        variants.push({ width: w, format: type.ext, bytes: await encode(resized(), type).toBuffer() });
      }
    }
    return { width, height, original, variants };
  } catch (error) {
    throw refusal(error);
  }
}
