import type { PolicyClass, Validity } from './policy.js';

/**
 * Table 二 of the annual report on government information disclosure (第二十条第（一）项): 规章 and 行政规范性文件,
 * each with 本年制发件数, 本年废止件数 and 现行有效件数, counted from the policy documents.
 */

/** 本年制发, 本年废止, 现行有效 for one class of policy document. */
export interface ClassCounts {
  readonly issued: number;
  readonly repealed: number;
  readonly inForce: number;
}

export interface ActiveDisclosureCounts {
  readonly rule: ClassCounts;
  readonly normative: ClassCounts;
}

/** What the count reads of a document (dates YYYY-MM-DD). */
export interface CountedDocument {
  readonly policyClass: PolicyClass;
  readonly writtenAt: string | null;
  readonly publishedAt: string | null;
  readonly validity: Validity;
  readonly validityDate: string | null;
}

/**
 * The day a document was issued (制发): its 成文日期, the date of signature that its 发文字号's year follows,
 * else its 发布日期; null when it has neither.
 */
export const issuedOn = (doc: CountedDocument): string | null => doc.writtenAt ?? doc.publishedAt;

/**
 * Whether a document had stopped being in force on `day`: 废止 or 失效 on or before that day. A 废止/失效 without
 * its date counts as ended (the office recorded the end, not when). 已修改 stays in force as amended.
 */
function endedBy(doc: CountedDocument, day: string): boolean {
  if (doc.validity !== 'repealed' && doc.validity !== 'expired') return false;
  return doc.validityDate === null || doc.validityDate <= day;
}

function countClass(docs: readonly CountedDocument[], year: number): ClassCounts {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  let issued = 0;
  let repealed = 0;
  let inForce = 0;
  for (const doc of docs) {
    const on = issuedOn(doc);
    if (on === null || on > last) continue;
    if (on >= first) issued += 1;
    if (doc.validity === 'repealed' && doc.validityDate !== null && doc.validityDate >= first) {
      if (doc.validityDate <= last) repealed += 1;
    }
    if (!endedBy(doc, last)) inForce += 1;
  }
  return { issued, repealed, inForce };
}

/**
 * The counts for `year`: issued in the year (by 成文日期, else 发布日期), repealed in the year (废止 with its date
 * in the year), and in force at the end of the year (issued by 31 December and not 废止/失效 by then). Documents
 * of the class 其他 are not counted; neither are documents issued after the year.
 */
export function countActiveDisclosure(
  docs: readonly CountedDocument[],
  year: number,
): ActiveDisclosureCounts {
  return {
    rule: countClass(
      docs.filter((d) => d.policyClass === 'rule'),
      year,
    ),
    normative: countClass(
      docs.filter((d) => d.policyClass === 'normative'),
      year,
    ),
  };
}
