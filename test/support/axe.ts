/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown }[] }[];
}

/**
 * What axe-core counts as a WCAG 2.1 A/AA violation on the page as it is now (an open dialog included), or
 * within the elements `selector` matches, one line per element. axe is evaluated through DevTools, so the
 * admin's CSP stays on.
 */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (include) =>
      (window as unknown as { axe: { run(c: object, o: object): Promise<AxeResult> } }).axe.run(
        include === null ? document : { include: [include] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
      ),
    selector ?? null,
  );
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} ${v.help}: ${JSON.stringify(n.target)}`),
  );
}
