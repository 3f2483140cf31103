import type { Finding } from './types.js';

/**
 * A publisher's decision to publish despite block findings: the reason is audited, and the override
 * names the findings it covers, so that an edit introducing a new block finding is stopped again.
 */
export interface PublishOverride {
  readonly reason: string;
  /** `findingKey` of every block finding the publisher saw and accepted. */
  readonly acknowledged: readonly string[];
}

export type PublishGateResult =
  | { readonly allowed: true; readonly overridden: readonly Finding[] }
  | {
      readonly allowed: false;
      readonly blocking: readonly Finding[];
      readonly problem: 'blocked' | 'no-reason';
    };

/** Shortest accepted reason, in characters: “同意” alone does not explain anything. */
export const MIN_OVERRIDE_REASON = 4;

/** Identifies a finding independently of where it moved in the text (an edit elsewhere shifts offsets). */
export function findingKey(finding: Finding): string {
  return `${finding.rule}|${finding.field}|${finding.excerpt}`;
}

/**
 * Whether an article with these findings may be published. Warnings never stop it; block findings do,
 * unless an override with a reason acknowledges every one of them.
 */
export function evaluatePublishGate(
  findings: readonly Finding[],
  override: PublishOverride | null,
): PublishGateResult {
  const blocking = findings.filter((finding) => finding.severity === 'block');
  if (blocking.length === 0) return { allowed: true, overridden: [] };
  if (override === null) return { allowed: false, blocking, problem: 'blocked' };
  if ([...override.reason.trim()].length < MIN_OVERRIDE_REASON) {
    return { allowed: false, blocking, problem: 'no-reason' };
  }
  const acknowledged = new Set(override.acknowledged);
  const uncovered = blocking.filter((finding) => !acknowledged.has(findingKey(finding)));
  if (uncovered.length > 0) return { allowed: false, blocking: uncovered, problem: 'blocked' };
  return { allowed: true, overridden: blocking };
}
