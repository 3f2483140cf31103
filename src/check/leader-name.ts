import { FORMULATIONS } from './data/formulations.js';
import { NATIONAL_LEADERS, SAMPLE_LEADERS, type LeaderEntry, type LeaderList } from './data/leaders.js';
import { quotedAsWrongForm } from './near-miss.js';
import { confusionSets } from './typo-lexicon.js';
import type { CheckOptions, TextFinding, TextRule } from './types.js';

/** How far before a name a title may stand (市委书记、市长林望川 …). */
const TITLE_WINDOW = 8;

const inEffect = (from: string, to: string | null, day: string) => from <= day && (to === null || day <= to);

/** The clause just before `start` (back to the last sentence break, at most TITLE_WINDOW characters). */
function clauseBefore(text: string, start: number): string {
  return (
    text
      .slice(Math.max(0, start - TITLE_WINDOW), start)
      .split(/[。；;！!？?\n]/)
      .pop() ?? ''
  );
}

/** Wrong forms the formulation dictionary reports already (习进平): not reported twice. */
const LISTED_WRONG = new Set(
  FORMULATIONS.flatMap((entry) => entry.wrong.map((w) => (typeof w === 'string' ? w : w.form))),
);

/** Whether `found` is `name` with one character replaced by a same-sound or look-alike one. */
function confusedName(found: string, name: string): boolean {
  if (found.length !== name.length || found === name) return false;
  const confusions = confusionSets();
  let differences = 0;
  for (let i = 0; i < name.length; i++) {
    if (found[i] === name[i]) continue;
    differences++;
    if (differences > 1 || confusions.get(name[i]!)?.has(found[i]!) !== true) return false;
  }
  return differences === 1;
}

/** Spans right after a title (市长林旺川) or right before it (林旺川市长) as long as the name. */
function besideTitles(text: string, leader: LeaderEntry): number[] {
  const starts = new Set<number>();
  const n = leader.name.length;
  for (const { title } of leader.titles) {
    for (let at = text.indexOf(title); at !== -1; at = text.indexOf(title, at + 1)) {
      starts.add(at + title.length);
      if (at - n >= 0) starts.add(at - n);
    }
  }
  return [...starts].filter((start) => start + n <= text.length);
}

/** The longest of `titles` that the text ends with before `at`, or that it starts with at `at`. */
function adjacentTitle(text: string, at: number, titles: readonly string[], after: boolean): string | null {
  let best: string | null = null;
  for (const title of titles) {
    const fits = after ? text.startsWith(title, at) : text.slice(0, at).endsWith(title);
    if (fits && (best === null || title.length > best.length)) best = title;
  }
  return best;
}

/**
 * Leader names next to their titles: a wrong form of the name after one of the leader's titles is a
 * serious error (block, certain); a title that was not in effect on `today` before the right name is
 * probably outdated (warn, likely). A wrong form without a title nearby may be another person and is
 * not reported.
 */
export function createLeaderNameRule(leaders: LeaderList = SAMPLE_LEADERS): TextRule {
  return {
    kind: 'text',
    id: 'leader-name',
    scan(text: string, options: CheckOptions): TextFinding[] {
      const findings: TextFinding[] = [];
      const reported = new Set<number>();
      const nationalTitles = [
        ...new Set(leaders.filter((l) => l.national).flatMap((l) => l.titles.map((t) => t.title))),
      ];
      for (const leader of leaders) {
        const titles = leader.titles.map((t) => t.title);
        for (const wrong of leader.wrongNames) {
          for (let start = text.indexOf(wrong); start !== -1; start = text.indexOf(wrong, start + 1)) {
            if (!titles.some((title) => clauseBefore(text, start).includes(title))) continue;
            if (quotedAsWrongForm(text, start, start + wrong.length)) continue;
            reported.add(start);
            findings.push({
              rule: 'leader-name',
              severity: 'block',
              confidence: 'certain',
              message: `领导姓名错误：“${wrong}”应为“${leader.name}”。`,
              messageEn: `Wrong leader name: "${wrong}" should be "${leader.name}".`,
              start,
              end: start + wrong.length,
              excerpt: wrong,
              suggestion: leader.name,
            });
          }
        }
        // A name one same-sound or look-alike character off, right beside one of the leader's titles.
        for (const start of besideTitles(text, leader)) {
          const found = text.slice(start, start + leader.name.length);
          if (reported.has(start) || LISTED_WRONG.has(found) || !confusedName(found, leader.name)) continue;
          if (quotedAsWrongForm(text, start, start + found.length)) continue;
          if ((options.allowedWords ?? []).some((w) => w.includes(found))) continue;
          reported.add(start);
          findings.push({
            rule: 'leader-name',
            severity: 'block',
            confidence: 'likely',
            message: `领导姓名疑似错误：“${found}”应为“${leader.name}”。`,
            messageEn: `Leader's name probably wrong: "${found}" should be "${leader.name}".`,
            start,
            end: start + found.length,
            excerpt: found,
            suggestion: leader.name,
          });
        }
        // Another national leader's title beside this national leader's name.
        if (leader.national) {
          for (let at = text.indexOf(leader.name); at !== -1; at = text.indexOf(leader.name, at + 1)) {
            const end = at + leader.name.length;
            for (const after of [false, true]) {
              const title = adjacentTitle(text, after ? end : at, nationalTitles, after);
              if (title === null || titles.includes(title)) continue;
              const start = after ? at : at - title.length;
              const stop = after ? end + title.length : end;
              if (quotedAsWrongForm(text, start, stop)) continue;
              findings.push({
                rule: 'leader-name',
                severity: 'block',
                confidence: 'certain',
                message: `职务与姓名不符：“${title}”不是${leader.name}的职务（${titles[0] ?? ''}${leader.name}）。`,
                messageEn: `Title and name do not match: "${title}" is not a title of ${leader.name}.`,
                start,
                end: stop,
                excerpt: text.slice(start, stop),
                suggestion: null,
              });
            }
          }
        }
        if (options.today === undefined) continue;
        const today = options.today;
        for (let at = text.indexOf(leader.name); at !== -1; at = text.indexOf(leader.name, at + 1)) {
          const clause = clauseBefore(text, at);
          // Only a title directly before the name: 市长林望川, not 市长主持…林望川.
          const title = leader.titles.find((t) => clause.endsWith(t.title));
          if (!title || inEffect(title.from, title.to, today)) continue;
          // 副市长 is another office than 市长.
          if (clause.endsWith(`副${title.title}`)) continue;
          if (
            leader.titles.some((t) => t !== title && t.title === title.title && inEffect(t.from, t.to, today))
          ) {
            continue;
          }
          const current = leader.titles.filter((t) => inEffect(t.from, t.to, today)).map((t) => t.title);
          const start = at - title.title.length;
          findings.push({
            rule: 'leader-name',
            severity: 'warn',
            confidence: 'likely',
            message: `“${title.title}${leader.name}”的职务可能已过时${current.length > 0 ? `，现任${current.join('、')}` : ''}。`,
            messageEn: `The title "${title.title}" of ${leader.name} may be outdated.`,
            start,
            end: at + leader.name.length,
            excerpt: text.slice(start, at + leader.name.length),
            suggestion: current.length > 0 ? `${current[0] ?? ''}${leader.name}` : null,
          });
        }
      }
      return findings.sort((a, b) => a.start - b.start);
    },
  };
}

export const leaderNameRule: TextRule = createLeaderNameRule([...SAMPLE_LEADERS, ...NATIONAL_LEADERS]);
