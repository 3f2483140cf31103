import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, runChecks } from './engine.js';
import { LABELLED_CASES, type ExpectedFinding } from './labelled-cases.js';
import type { Finding } from './types.js';

// Every default rule is measured: a rule added without labelled cases fails the test below. The
// wrong-character rule (typo) is a statistical warning measured on the public CSC sets (bench/check).
const RULES = DEFAULT_RULES.map((rule) => rule.id).filter((id) => id !== 'typo');

interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  problems: string[];
}

function matches(finding: Finding, expected: ExpectedFinding): boolean {
  return (
    finding.rule === expected.rule &&
    (expected.excerpt === undefined || finding.excerpt === expected.excerpt) &&
    (expected.field === undefined || finding.field === expected.field)
  );
}

function measure(): Map<string, Tally> {
  const tallies = new Map<string, Tally>(
    RULES.map((rule) => [rule, { truePositives: 0, falsePositives: 0, falseNegatives: 0, problems: [] }]),
  );
  for (const labelled of LABELLED_CASES) {
    const findings = runChecks(labelled.input, undefined, {
      ownSources: ['青川政府网'],
      today: '2026-11-28',
      ...labelled.options,
    });
    const unmatched = [...labelled.expected];
    for (const finding of findings) {
      const tally = tallies.get(finding.rule);
      if (!tally) continue;
      const index = unmatched.findIndex((expected) => matches(finding, expected));
      if (index === -1) {
        tally.falsePositives++;
        tally.problems.push(`false positive in “${labelled.name}”: ${finding.excerpt || finding.field}`);
      } else {
        tally.truePositives++;
        unmatched.splice(index, 1);
      }
    }
    for (const missed of unmatched) {
      const tally = tallies.get(missed.rule);
      if (!tally) continue;
      tally.falseNegatives++;
      tally.problems.push(`missed in “${labelled.name}”: ${missed.excerpt ?? missed.field ?? ''}`);
    }
  }
  return tallies;
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 1 : numerator / denominator);

describe('labelled cases (校对 precision and recall)', () => {
  it('has at least 80 cases, positive and negative', () => {
    expect(LABELLED_CASES.length).toBeGreaterThanOrEqual(80);
    expect(LABELLED_CASES.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(30);
  });

  it('reaches precision ≥ 0.95 and recall ≥ 0.9 for every rule', () => {
    const tallies = measure();
    const rows = [...tallies].map(([rule, t]) => ({
      rule,
      tp: t.truePositives,
      fp: t.falsePositives,
      fn: t.falseNegatives,
      precision: ratio(t.truePositives, t.truePositives + t.falsePositives).toFixed(3),
      recall: ratio(t.truePositives, t.truePositives + t.falseNegatives).toFixed(3),
    }));
    console.log(`${LABELLED_CASES.length} labelled cases`);
    console.table(rows);
    for (const [rule, t] of tallies) {
      expect(t.truePositives, `${rule} has positive cases`).toBeGreaterThan(0);
      expect(
        ratio(t.truePositives, t.truePositives + t.falsePositives),
        `${rule}: ${t.problems.join('; ')}`,
      ).toBeGreaterThanOrEqual(0.95);
      expect(
        ratio(t.truePositives, t.truePositives + t.falseNegatives),
        `${rule}: ${t.problems.join('; ')}`,
      ).toBeGreaterThanOrEqual(0.9);
    }
  });
});
