import type { Article } from '../core/index.js';
import { bankCardRule } from './bank-card.js';
import { formulationRule } from './formulation.js';
import { htmlToText } from '../core/index.js';
import { internalLinkRule } from './internal-link.js';
import { leaderNameRule } from './leader-name.js';
import { metadataRule } from './metadata.js';
import { mobileNumberRule } from './mobile-number.js';
import { personalIdRule } from './personal-id.js';
import { punctuationRule } from './punctuation.js';
import { sensitiveWordRule } from './sensitive-word.js';
import { typoRule } from './typo.js';
import type { AttachmentText, CheckInput, CheckOptions, FieldText, Finding, Rule } from './types.js';

export const DEFAULT_RULES: readonly Rule[] = [
  personalIdRule,
  mobileNumberRule,
  bankCardRule,
  formulationRule,
  leaderNameRule,
  sensitiveWordRule,
  metadataRule,
  internalLinkRule,
  punctuationRule,
  typoRule,
];

/** The text fields of an input, each checked on its own; the body is reduced from HTML to text. */
export function fieldTexts(input: CheckInput): FieldText[] {
  const fields: FieldText[] = [];
  const add = (field: FieldText['field'], text: string | undefined) => {
    if (text !== undefined && text !== '') fields.push({ field, text });
  };
  add('text', input.text);
  add('title', input.title);
  add('kicker', input.kicker);
  add('subtitle', input.subtitle);
  add('summary', input.summary);
  const body = input.bodyHtml === undefined ? undefined : htmlToText(input.bodyHtml);
  add('body', body?.text);
  add('source', input.source);
  add('author', input.author);
  add('originalAuthor', input.originalAuthor);
  add('originalTitle', input.originalTitle);
  add('editor', input.editor);
  // Alternative texts are published too (read aloud, shown when an image fails): one per line.
  add(
    'imageAlt',
    [input.coverAlt ?? '', ...(body?.images ?? []).map((image) => image.alt)].filter(Boolean).join('\n'),
  );
  return fields;
}

const FIELD_ORDER: readonly string[] = [
  'text',
  'title',
  'kicker',
  'subtitle',
  'summary',
  'body',
  'source',
  'author',
  'originalAuthor',
  'originalTitle',
  'editor',
  'imageAlt',
  'images',
  'headings',
  'attachment',
];

/**
 * Rules that read attachments: personal data only. Inspectors scan old attachments for ID, mobile and bank
 * card numbers; wording rules would drown an editor in findings from forms and tables nobody retypes.
 */
export const ATTACHMENT_RULES: readonly Rule[] = [personalIdRule, mobileNumberRule, bankCardRule];

/** Findings in the text of attached files, each message naming the file. */
function attachmentFindings(
  attachments: readonly AttachmentText[],
  rules: readonly Rule[],
  options: CheckOptions,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.kind !== 'text' || !ATTACHMENT_RULES.includes(rule)) continue;
    for (const file of attachments) {
      for (const finding of rule.scan(file.text, options)) {
        findings.push({
          ...finding,
          field: 'attachment',
          message: `附件“${file.name}”：${finding.message}`,
          messageEn: `Attachment "${file.name}": ${finding.messageEn}`,
        });
      }
    }
  }
  return findings;
}

/** Runs the rules over every field of the input; findings come back in reading order (block first per place). */
export function runChecks(
  input: CheckInput,
  rules: readonly Rule[] = DEFAULT_RULES,
  options: CheckOptions = {},
): Finding[] {
  const findings: Finding[] = [];
  const fields = fieldTexts(input);
  for (const rule of rules) {
    if (rule.kind === 'input') {
      findings.push(...rule.inspect(input, options));
      continue;
    }
    for (const { field, text } of fields) {
      for (const finding of rule.scan(text, options)) findings.push({ ...finding, field });
    }
  }
  findings.push(...attachmentFindings(input.attachments ?? [], rules, options));
  return withoutRepeatedTypos(findings).sort(
    (a, b) =>
      FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) ||
      a.start - b.start ||
      (a.severity === b.severity ? 0 : a.severity === 'block' ? -1 : 1),
  );
}

/** A wrong-character warning where a blocking finding already names the same text says nothing new. */
function withoutRepeatedTypos(findings: readonly Finding[]): Finding[] {
  const blocks = findings.filter((f) => f.severity === 'block');
  return findings.filter(
    (f) =>
      f.rule !== 'typo' || !blocks.some((b) => b.field === f.field && b.start < f.end && b.end > f.start),
  );
}

/** What the checks read of an article. */
export function articleCheckInput(article: Article, columnKind?: string): CheckInput {
  return {
    article: true,
    title: article.title,
    kicker: article.kicker,
    subtitle: article.subtitle,
    summary: article.summary,
    bodyHtml: article.bodyHtml,
    source: article.source,
    author: article.author,
    originalAuthor: article.originalAuthor,
    originalTitle: article.originalTitle,
    editor: article.editor,
    coverUrl: article.coverUrl,
    coverAlt: article.coverAlt,
    ...(columnKind === undefined ? {} : { columnKind }),
  };
}

/** Every check over an article. */
export function checkArticle(article: Article, options: CheckOptions = {}, columnKind?: string): Finding[] {
  return runChecks(articleCheckInput(article, columnKind), DEFAULT_RULES, options);
}

/** The findings that stop publication unless a publisher overrides them with a reason. */
export function blockingFindings(
  article: Article,
  options: CheckOptions = {},
  attachments: readonly AttachmentText[] = [],
): Finding[] {
  return runChecks({ ...articleCheckInput(article), attachments }, DEFAULT_RULES, options).filter(
    (finding) => finding.severity === 'block',
  );
}
