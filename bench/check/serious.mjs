#!/usr/bin/env node
// Serious wording errors (严重表述错误): recall and precision of the blocking rules (formulation, leader-name) on
// bench/check/serious-cases.json, dev and held-out parts (every third case held out), reported errors and
// constructed ones apart. Uses the built code: `npm run build` first.
//   node bench/check/serious.mjs [--verbose]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const check = await import(join(here, '..', '..', 'dist', 'check', 'index.js'));
const { cases } = JSON.parse(readFileSync(join(here, 'serious-cases.json'), 'utf8'));
const RULES = new Set(['formulation', 'leader-name']);
const verbose = process.argv.includes('--verbose');

function findingsOf(c) {
  const leaders = c.leaders ? [...c.leaders, ...check.NATIONAL_LEADERS] : undefined;
  const rules = check.DEFAULT_RULES.map((rule) =>
    rule.id === 'leader-name' && leaders ? check.createLeaderNameRule(leaders) : rule,
  );
  return check
    .runChecks({ text: c.text }, rules, { today: c.today ?? '2026-11-28' })
    .filter((f) => RULES.has(f.rule));
}

const tally = () => ({ tp: 0, fp: 0, fn: 0, cases: 0, negatives: 0, flaggedNegatives: 0 });
const parts = { dev: tally(), heldOut: tally() };
const byOrigin = {};
cases.forEach((c, i) => {
  const part = parts[i % 3 === 2 ? 'heldOut' : 'dev'];
  const origin = (byOrigin[`${i % 3 === 2 ? 'heldOut' : 'dev'} ${c.origin}`] ??= tally());
  const found = findingsOf(c);
  const unmatched = [...c.expected];
  for (const t of [part, origin]) t.cases++;
  if (c.expected.length === 0) for (const t of [part, origin]) t.negatives++;
  if (c.expected.length === 0 && found.length > 0) for (const t of [part, origin]) t.flaggedNegatives++;
  for (const f of found) {
    // A finding matches an expected one of the same rule when one excerpt contains the other (办工厅 / 国务院办工厅).
    const k = unmatched.findIndex(
      (e) => e.rule === f.rule && (e.excerpt.includes(f.excerpt) || f.excerpt.includes(e.excerpt)),
    );
    if (k === -1) {
      for (const t of [part, origin]) t.fp++;
      if (verbose) console.log(`FP  ${c.text}  ${f.rule}:${f.excerpt}`);
    } else {
      for (const t of [part, origin]) t.tp++;
      unmatched.splice(k, 1);
    }
  }
  for (const e of unmatched) {
    for (const t of [part, origin]) t.fn++;
    if (verbose) console.log(`FN  ${c.text}  ${e.rule}:${e.excerpt}`);
  }
});
const fmt = (x) => (Number.isNaN(x) ? '-' : x.toFixed(3));
console.log('part / origin            cases  errors  found  false  recall  precision');
for (const [name, t] of [...Object.entries(parts), ...Object.entries(byOrigin).sort()]) {
  console.log(
    `${name.padEnd(24)} ${String(t.cases).padStart(5)} ${String(t.tp + t.fn).padStart(7)} ${String(t.tp).padStart(6)} ${String(t.fp).padStart(6)}  ${fmt(t.tp / (t.tp + t.fn))}   ${fmt(t.tp / (t.tp + t.fp))}`,
  );
}
