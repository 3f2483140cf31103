import { parseDocumentNumber } from '../core/index.js';
import type { Finding } from './types.js';

/** What the checks know of a policy document beyond its text. */
export interface PolicyCheckInput {
  readonly documentNumber: string;
  /** Links to 解读 of the document. */
  readonly interpretations: number;
  /** When the article went online (ISO), null while it has not. */
  readonly publishedAt: string | null;
  /** Days a 解读 may follow the document (the site sets them). */
  readonly graceDays: number;
  readonly now: string;
}

const DAY_MS = 86_400_000;

const finding = (
  field: Finding['field'],
  message: string,
  messageEn: string,
  excerpt = '',
  suggestion: string | null = null,
): Finding => ({
  rule: 'policy',
  severity: 'warn',
  confidence: 'certain',
  message,
  messageEn,
  field,
  start: 0,
  end: 0,
  excerpt,
  suggestion,
});

/**
 * Warnings (never blocks) about a policy document: a 发文字号 with the wrong brackets, with its right form; no
 * 解读 linked — before publication as a reminder, after it once the site's grace days have passed.
 */
export function checkPolicyDocument(input: PolicyCheckInput): Finding[] {
  const findings: Finding[] = [];
  const parsed = parseDocumentNumber(input.documentNumber);
  if (parsed.ok && parsed.warning) {
    findings.push(
      finding(
        'documentNumber',
        parsed.warning.message,
        'The document number should hold its year in 〔〕',
        input.documentNumber,
        parsed.warning.fix ?? null,
      ),
    );
  }
  if (input.interpretations === 0) {
    if (input.publishedAt === null) {
      findings.push(
        finding(
          'interpretation',
          `尚未关联政策解读；解读可在文件发布后${input.graceDays}日内补充`,
          `No interpretation is linked yet; one may follow within ${input.graceDays} days of publication`,
        ),
      );
    } else if (Date.parse(input.now) - Date.parse(input.publishedAt) > input.graceDays * DAY_MS) {
      findings.push(
        finding(
          'interpretation',
          `文件已发布超过${input.graceDays}日，仍未关联政策解读`,
          `Published more than ${input.graceDays} days ago without an interpretation`,
        ),
      );
    }
  }
  return findings;
}
