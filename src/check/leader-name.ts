import { SAMPLE_LEADERS, type LeaderList } from './data/leaders.js';
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
      for (const leader of leaders) {
        const titles = leader.titles.map((t) => t.title);
        for (const wrong of leader.wrongNames) {
          for (let start = text.indexOf(wrong); start !== -1; start = text.indexOf(wrong, start + 1)) {
            if (!titles.some((title) => clauseBefore(text, start).includes(title))) continue;
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

export const leaderNameRule: TextRule = createLeaderNameRule();
