#!/usr/bin/env node
// Wrong-character check (错别字) on the three public CSC sets (bench/check/data, from shibing624/pycorrector,
// Apache-2.0), measured at sentence level as in the pycorrector table: a sentence with errors counts as
// corrected only when the whole corrected sentence equals the target; a correct sentence the checker changes is
// a false positive. Detection is also reported: a sentence with errors is detected when the flagged positions are
// exactly the wrong ones. Each set is split once: every third line (index % 3 == 2) is held out; thresholds are
// tuned on the rest (dev) only. Uses the built code: `npm run build` first.
//   node bench/check/run.mjs [--json] [--tune] [--verbose SET]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { findTypos, correctTypos, typoLexicon, DEFAULT_TYPO_THRESHOLDS } = await import(
  join(here, '..', '..', 'dist', 'check', 'index.js')
);

const SETS = [
  { name: 'EC-LAW', file: 'ec_law_test.tsv', kenlm: 0.3763 },
  { name: 'SIGHAN-2015', file: 'sighan2015_test.tsv', kenlm: 0.3147 },
  { name: 'MCSC', file: 'mcsc_test.tsv', kenlm: 0.3317 },
];

function load(file) {
  const rows = readFileSync(join(here, 'data', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [source, target] = l.split('\t');
      return { source, target };
    });
  return {
    dev: rows.filter((_, i) => i % 3 !== 2),
    heldOut: rows.filter((_, i) => i % 3 === 2),
  };
}

function f1(tp, fp, fn) {
  const p = tp + fp === 0 ? 0 : tp / (tp + fp);
  const r = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { precision: p, recall: r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

function measure(rows, thresholds, lexicon, verbose = false) {
  let ctp = 0,
    cfp = 0,
    cfn = 0,
    dtp = 0,
    dfn = 0,
    negatives = 0,
    flaggedNeg = 0;
  for (const { source, target } of rows) {
    const found = findTypos(source, { thresholds, lexicon });
    const predicted = correctTypos(source, found);
    if (source === target) {
      negatives++;
      if (found.length > 0) {
        flaggedNeg++;
        cfp++;
        if (verbose) console.log(`FP  ${source}\n    ${predicted}`);
      }
      continue;
    }
    if (predicted === target) ctp++;
    else {
      cfn++;
      if (verbose) console.log(`FN  ${source}\n => ${predicted}\n ok ${target}`);
    }
    if (source.length === target.length) {
      const wrong = [];
      for (let i = 0; i < source.length; i++) if (source[i] !== target[i]) wrong.push(i);
      const flagged = found.map((c) => c.at).sort((a, b) => a - b);
      if (flagged.length === wrong.length && flagged.every((p, k) => p === wrong[k])) dtp++;
      else dfn++;
    } else dfn++;
  }
  const correction = f1(ctp, cfp, cfn);
  const detection = f1(dtp, flaggedNeg, dfn);
  return {
    sentences: rows.length,
    withErrors: rows.length - negatives,
    correction,
    detection,
    falseAlarmRate: negatives === 0 ? 0 : flaggedNeg / negatives,
  };
}

const lexicon = typoLexicon();
const sets = SETS.map((s) => ({ ...s, ...load(s.file) }));

if (process.argv.includes('--tune')) {
  // Grid over the thresholds on the dev parts of EC-LAW and SIGHAN (MCSC is kept as a check of another register).
  const grid = [];
  for (const margin of [5, 6])
    for (const junkBelow of [0, 4, 6, 10]) grid.push({ ...DEFAULT_TYPO_THRESHOLDS, margin, junkBelow });
  const scored = grid.map((t) => {
    const r = sets.slice(0, 2).map((s) => measure(s.dev, t, lexicon));
    const fa = Math.max(...r.map((x) => x.falseAlarmRate));
    return { t, f: (r[0].correction.f1 + r[1].correction.f1) / 2, fa };
  });
  scored
    .filter((s) => s.fa <= 0.05)
    .sort((a, b) => b.f - a.f)
    .slice(0, 10)
    .forEach((s) => console.log(s.f.toFixed(4), s.fa.toFixed(3), JSON.stringify(s.t)));
  process.exit(0);
}

const verboseAt = process.argv.indexOf('--verbose');
const verboseSet = verboseAt > 0 ? process.argv[verboseAt + 1] : undefined;
const results = [];
for (const s of sets) {
  for (const part of ['dev', 'heldOut']) {
    results.push({
      set: s.name,
      part,
      kenlmCorrectionF1: s.kenlm,
      ...measure(s[part], DEFAULT_TYPO_THRESHOLDS, lexicon, verboseSet === s.name && part === 'dev'),
    });
  }
}
// Speed: every sentence of the three sets, several passes, one thread.
const all = sets.flatMap((s) => [...s.dev, ...s.heldOut].map((r) => r.source));
findTypos(all[0], { lexicon });
const started = process.hrtime.bigint();
let passes = 0;
while (Number(process.hrtime.bigint() - started) < 3e9) {
  for (const sentence of all) findTypos(sentence, { lexicon });
  passes++;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const speed = {
  sentencesPerSecond: Math.round((passes * all.length) / seconds),
  sentences: passes * all.length,
};

if (process.argv.includes('--json')) console.log(JSON.stringify({ results, speed }, null, 2));
else {
  const pct = (x) => x.toFixed(3);
  console.log(
    'set          part     n    errs  corr P  corr R  corr F1 | det P  det R  det F1 | flagged correct | Kenlm corr F1',
  );
  for (const r of results)
    console.log(
      `${r.set.padEnd(12)} ${r.part.padEnd(7)} ${String(r.sentences).padStart(4)} ${String(r.withErrors).padStart(5)}  ` +
        `${pct(r.correction.precision)}   ${pct(r.correction.recall)}   ${pct(r.correction.f1)}  | ` +
        `${pct(r.detection.precision)}  ${pct(r.detection.recall)}  ${pct(r.detection.f1)} | ` +
        `${(100 * r.falseAlarmRate).toFixed(1).padStart(5)} %         | ${r.kenlmCorrectionF1}`,
    );
  console.log(`speed: ${speed.sentencesPerSecond} sentences/s on one thread (${speed.sentences} sentences)`);
}
