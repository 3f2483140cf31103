/**
 * A link inside a block's text, in reading order: `text` occurs in the block's text (in its own list item or
 * table cell), `href` is absolute when the page's address is known, else as the page wrote it (site-relative or
 * relative). Unsafe schemes (javascript:, data:, …) and links within the old page (`#top`) are never kept.
 */
export interface ImportedLink {
  readonly text: string;
  readonly href: string;
}

/** One block of an imported body, in reading order. */
export interface ImportedBlock {
  readonly type: 'heading' | 'paragraph' | 'list' | 'table' | 'image';
  /** Plain text: a table's rows on lines with cells joined by ` | `; a list's items on lines; an image's caption or alt. */
  readonly text: string;
  /** Images only. */
  readonly src?: string;
  readonly alt?: string;
  /** Links in the text (an image's: in its caption); absent when there are none. */
  readonly links?: readonly ImportedLink[];
}

export interface ImportedAttachment {
  readonly name: string;
  readonly url: string;
}

/** Document metadata found on 政务公开 pages. */
export type ImportedMeta = Readonly<Record<string, string>>;

/** A policy document's metadata read from its page's table (see policy-fields.ts). */
export interface ImportedPolicy {
  readonly indexNumber: string;
  readonly documentNumber: string;
  readonly issuers: readonly string[];
  /** YYYY-MM-DD */
  readonly writtenAt: string | null;
  readonly publishedAt: string | null;
  /** 主题分类 as `一级/二级`. */
  readonly themes: readonly string[];
  readonly validity: 'valid' | 'expired' | 'repealed' | 'amended' | null;
}

export interface ImportedItem {
  /** `policy`: an article with a policy document's metadata table (`policy`). */
  readonly kind: 'article' | 'series' | 'policy';
  readonly title: string;
  /** 引题 (kicker) shown above the headline; '' when absent. */
  readonly kicker: string;
  readonly subtitle: string;
  /** A series' label (合集, 系列评论…); '' for an article. */
  readonly label: string;
  readonly source: string;
  readonly author: string;
  readonly editor: string;
  /** ISO 8601 with the +08:00 offset, or null when the page gives no date. */
  readonly publishedAt: string | null;
  /** What the page states of `publishedAt`: the day only, or the time to the minute or second; null without date. */
  readonly datePrecision: 'date' | 'minute' | 'second' | null;
  readonly meta: ImportedMeta;
  /** An article's body; a series' lead. */
  readonly blocks: readonly ImportedBlock[];
  readonly attachments: readonly ImportedAttachment[];
  /** Member articles of a series, in order; empty for an article. */
  readonly members: readonly ImportedItem[];
  readonly policy?: ImportedPolicy;
}

/** Identity fields of the site, found in its chrome (footer) and kept out of the body. */
export interface SiteChrome {
  readonly sponsor: string;
  readonly icpRecord: string;
  readonly policeRecord: string;
  readonly siteCode: string;
}

/** What one page yields: the machine-readable shape of `gazette import --dry-run --format json`. */
export interface ImportedPage {
  readonly file: string;
  /** Original URL when the page says (canonical link, og:url) or was crawled; '' otherwise. */
  readonly url: string;
  readonly encoding: string;
  readonly items: readonly ImportedItem[];
  readonly chrome: SiteChrome;
  readonly warnings: readonly string[];
}

/** Byline and date fields collected from a page's field lines. */
export interface PageFields {
  source: string;
  author: string;
  editor: string;
  publishedAt: string | null;
  datePrecision: 'date' | 'minute' | 'second' | null;
  meta: Record<string, string>;
}

export const emptyFields = (): PageFields => ({
  source: '',
  author: '',
  editor: '',
  publishedAt: null,
  datePrecision: null,
  meta: {},
});
