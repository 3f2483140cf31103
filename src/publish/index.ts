export * from './plan.js';
export { buildSite, siteContextOf, type BuildOptions, type BuildReport } from './build.js';
export {
  createStaticPublisher,
  type ApplyReport,
  type PublisherOptions,
  type StaticPublisher,
} from './incremental.js';
export { verifyOutput, type VerifyReport } from './verify.js';
export { renderPage, pageUrls, NOT_FOUND_URL, type RenderedPage } from './pages.js';
export { fileOf, GONE_DIR, GONE_MAP, MANIFEST } from './output.js';
export { atomFeed, rssFeed } from './feeds.js';
export { sitemapFiles, SITEMAP_MAX_URLS } from './sitemap.js';
export { loadSiteIndex, placementOf, articleState, withArticle, type SiteIndex } from './site-index.js';
export {
  outputLayout,
  currentBuild,
  readManifestFile,
  MANIFEST_SHARDS,
  FileSet,
  saveManifest,
  startBuild,
  switchTo,
  pruneBuilds,
  objectPath,
  sha256,
  writeAtomic,
  fileUnder,
  type Manifest,
  type OutputLayout,
} from './writer.js';
