export type * from './model.js';
export { decodeBytes, declaredCharset, type DecodedText } from './decode.js';
export { parseDateText, readFieldLine, isChromeLine, readChrome } from './fields.js';
export { assemble, joinBrokenHeadings, type PageParts } from './assemble.js';
export { parseTextPage, splitTitleLine } from './parse-text.js';
export { parseHtmlPage } from './parse-html.js';
export { parsePage, refusal, MAX_PAGE_BYTES, PAGE_EXTENSIONS } from './parse-page.js';
export {
  blocksToHtml,
  continuationOf,
  joinContinuation,
  fingerprintOf,
  importPage,
  isPageFile,
  readPage,
  type ImportStatus,
  type ImportTarget,
  type PageOutcome,
} from './import-pages.js';
export {
  crawl,
  robotsAllow,
  robotsRules,
  type CrawlOptions,
  type Fetched,
  type FetchedPage,
} from './crawl.js';
export {
  attachmentFileName,
  crawledAttachments,
  importAttachments,
  localAttachments,
  type AttachmentFetcher,
} from './attachments.js';
export { readPolicyFields, textLines, withPolicyFields } from './policy-fields.js';
