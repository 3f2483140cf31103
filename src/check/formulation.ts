import { FORMULATIONS, type FormulationDictionary, type WrongForm } from './data/formulations.js';
import { PROTECTED_NAMES } from './data/protected-names.js';
import { findNearMisses, quotedAsWrongForm } from './near-miss.js';
import type { CheckOptions, TextFinding, TextRule } from './types.js';

interface Compiled {
  readonly canonical: string;
  readonly wrong: WrongForm;
}

function compile(dictionary: FormulationDictionary): Compiled[] {
  const compiled = dictionary.flatMap((entry) =>
    entry.wrong.map((w) => ({ canonical: entry.canonical, wrong: typeof w === 'string' ? { form: w } : w })),
  );
  // Longer wrong forms first, so that 人民检查院 is reported once rather than also as 检查院.
  return compiled.sort((a, b) => b.wrong.form.length - a.wrong.form.length);
}

/** Whether the canonical form occurs in the text covering the match (the wrong form is then part of a right one). */
function insideCanonical(text: string, start: number, end: number, canonical: string): boolean {
  for (let from = Math.max(0, end - canonical.length); from <= start; from++) {
    if (text.startsWith(canonical, from)) return true;
  }
  return false;
}

function guarded(text: string, start: number, end: number, wrong: WrongForm): boolean {
  if (wrong.notBefore?.some((next) => text.startsWith(next, end))) return true;
  if (wrong.notAfter?.some((previous) => text.slice(0, start).endsWith(previous))) return true;
  return false;
}

/** Whether the span lies inside an occurrence of a term the site allows. */
function insideAllowed(text: string, start: number, end: number, allowed: readonly string[]): boolean {
  return allowed.some((term) => {
    for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
      if (at <= start && at + term.length >= end) return true;
    }
    return false;
  });
}

/**
 * Finds known wrong forms of fixed formulations and protected names (the country, national bodies, places,
 * long formulations) with one character wrong, added or missing, with the correct form as the suggestion.
 * A wrong form quoted in a sentence that corrects it, or inside a term the site allows, is not reported.
 */
export function createFormulationRule(
  dictionary: FormulationDictionary = FORMULATIONS,
  protectedNames: readonly string[] = PROTECTED_NAMES,
): TextRule {
  const shipped = compile(dictionary);
  // A site's own entries come with every call (CheckOptions); compiled once per dictionary object.
  const withSite = new WeakMap<FormulationDictionary, Compiled[]>();
  const entriesFor = (extra: FormulationDictionary | undefined): Compiled[] => {
    if (!extra || extra.length === 0) return shipped;
    let merged = withSite.get(extra);
    if (!merged) {
      merged = [...shipped, ...compile(extra)].sort((a, b) => b.wrong.form.length - a.wrong.form.length);
      withSite.set(extra, merged);
    }
    return merged;
  };
  return {
    kind: 'text',
    id: 'formulation',
    scan(text: string, options: CheckOptions): TextFinding[] {
      const entries = entriesFor(options.formulations);
      const allowed = options.allowedWords ?? [];
      const findings: TextFinding[] = [];
      const taken: [number, number][] = [];
      for (const { canonical, wrong } of entries) {
        for (
          let start = text.indexOf(wrong.form);
          start !== -1;
          start = text.indexOf(wrong.form, start + 1)
        ) {
          const end = start + wrong.form.length;
          if (taken.some(([s, e]) => start < e && end > s)) continue;
          // A guarded form is a different, correct reading: no near miss is reported there either.
          taken.push([start, end]);
          if (guarded(text, start, end, wrong) || insideCanonical(text, start, end, canonical)) continue;
          if (quotedAsWrongForm(text, start, end) || insideAllowed(text, start, end, allowed)) continue;
          findings.push({
            rule: 'formulation',
            severity: 'block',
            confidence: 'certain',
            message: `严重表述错误：“${wrong.form}”应为“${canonical}”。`,
            messageEn: `Serious formulation error: "${wrong.form}" should be "${canonical}".`,
            start,
            end,
            excerpt: wrong.form,
            suggestion: canonical,
          });
        }
      }
      for (const miss of findNearMisses(text, protectedNames)) {
        const { start, end, found, name } = miss;
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        if (quotedAsWrongForm(text, start, end) || insideAllowed(text, start, end, allowed)) continue;
        taken.push([start, end]);
        findings.push({
          rule: 'formulation',
          severity: 'block',
          confidence: 'likely',
          message: `严重表述错误：“${found}”疑为“${name}”之误。`,
          messageEn: `Serious formulation error: "${found}" looks like a misspelling of "${name}".`,
          start,
          end,
          excerpt: found,
          suggestion: name,
        });
      }
      return findings.sort((a, b) => a.start - b.start);
    },
  };
}

export const formulationRule: TextRule = createFormulationRule();
