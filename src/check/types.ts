import type { HtmlImage } from '../core/index.js';
import type { FormulationDictionary } from './data/formulations.js';

/** How serious a finding is: `block` stops publishing unless a publisher overrides it with a reason. */
export type Severity = 'block' | 'warn';

/** How sure the rule is: 确定 (certain), 疑似 (likely), 可能 (possible). */
export type Confidence = 'certain' | 'likely' | 'possible';

export const CONFIDENCE_LABELS: Readonly<Record<Confidence, string>> = {
  certain: '确定',
  likely: '疑似',
  possible: '可能',
};

/** The parts of an article a check reads; every text field is checked on its own. */
export type CheckField =
  | 'title'
  | 'kicker'
  | 'subtitle'
  | 'summary'
  | 'body'
  | 'text'
  | 'source'
  | 'author'
  | 'originalAuthor'
  | 'originalTitle'
  | 'editor'
  | 'imageAlt'
  | 'images'
  | 'headings'
  | 'attachment'
  /** A policy document's 解读 and its 发文字号 (see `policy.ts`). */
  | 'interpretation'
  | 'documentNumber';

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Chinese message for editors. */
  readonly message: string;
  readonly messageEn: string;
  readonly field: CheckField;
  /** Offsets (UTF-16 code units) into the plain text of `field`; both 0 for findings about a missing value. */
  readonly start: number;
  readonly end: number;
  /** The text found (empty for a missing value). */
  readonly excerpt: string;
  /** A replacement for the excerpt (a mask or the correct form), or null when there is none. */
  readonly suggestion: string | null;
}

/** An image of the body, as `htmlToText` finds it. */
export type CheckImage = HtmlImage;

/**
 * What is checked. Plain text (`text`, from `gazette check --stdin`) and the fields of an article;
 * the metadata rule only runs when `article` is true (a bare text has no metadata to miss).
 */
export interface CheckInput {
  readonly article?: boolean;
  readonly text?: string;
  readonly title?: string;
  readonly kicker?: string;
  readonly subtitle?: string;
  readonly summary?: string;
  /** Sanitised HTML; reduced to text (offsets refer to that text), its images and headings. */
  readonly bodyHtml?: string;
  readonly source?: string;
  readonly author?: string;
  readonly originalAuthor?: string;
  readonly originalTitle?: string;
  readonly editor?: string;
  /** The column kind (`news`, `policy`, …), for rules that depend on it. */
  readonly columnKind?: string;
  readonly coverUrl?: string;
  readonly coverAlt?: string;
  /** Text extracted from attached or linked files (PDF, Word, Excel…): personal-data rules read it. */
  readonly attachments?: readonly AttachmentText[];
}

export interface AttachmentText {
  /** The file's display name, named in the finding's message. */
  readonly name: string;
  readonly text: string;
}

/** One text field, ready for text rules. */
export interface FieldText {
  readonly field: CheckField;
  readonly text: string;
}

export interface CheckOptions {
  /** Names under which the site publishes its own content (site name, sponsor): such a source is not a reprint. */
  readonly ownSources?: readonly string[];
  /** Today as `YYYY-MM-DD`, to reject birth dates in the future; without it, years up to 2099 pass. */
  readonly today?: string;
  /** Extra sensitive words (the default list holds only a test sample). */
  readonly sensitiveWords?: readonly string[];
  /** Terms containing a sensitive word that are fine (whole-word matching). */
  readonly allowedWords?: readonly string[];
  /** The site's own wrong forms of formulations (its 校对词库), checked besides the shipped dictionary. */
  readonly formulations?: FormulationDictionary;
  /** The site's address, so that absolute links to it count as internal. */
  readonly siteBaseUrl?: string;
  /** Internal article paths linked from the text that are withdrawn or do not exist (looked up by the caller). */
  readonly deadLinks?: ReadonlyMap<string, 'withdrawn' | 'missing'>;
}

/** A finding before the engine adds the field it was found in. */
export type TextFinding = Omit<Finding, 'field'>;

/** A rule over one text field at a time. */
export interface TextRule {
  readonly kind: 'text';
  readonly id: string;
  scan(text: string, options: CheckOptions): TextFinding[];
}

/** A rule over the whole input (metadata and structure). */
export interface InputRule {
  readonly kind: 'input';
  readonly id: string;
  inspect(input: CheckInput, options: CheckOptions): Finding[];
}

export type Rule = TextRule | InputRule;
