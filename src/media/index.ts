export * from './media-types.js';
export * from './media-url.js';
export { processImage, type ImageVariant, type ProcessedImage } from './process-image.js';
export { extractText, MAX_TEXT, type ExtractedText, type TextStatus } from './extract-text.js';
export { contentDisposition } from './content-disposition.js';
export { zipEntries, type ZipEntry } from './zip-entries.js';
export { responsiveImage, responsiveBodyImages, type ResponsiveImage } from './responsive-html.js';
