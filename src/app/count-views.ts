import type { AppDeps } from './deps.js';

/**
 * Page views counted in memory and written in one transaction now and then: a write per page view would
 * cost more than serving the page. Views not yet written when a process dies are lost; that is acceptable
 * for a reading counter.
 */
export interface ViewCounter {
  add(articleId: number): void;
  flush(): Promise<void>;
}

const MAX_PENDING = 50_000;

export function createViewCounter(deps: AppDeps): ViewCounter {
  let pending = new Map<number, number>();
  const flush = async (): Promise<void> => {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    await deps.store.transaction((store) => store.articles.addViews(batch));
  };
  return {
    add(articleId) {
      pending.set(articleId, (pending.get(articleId) ?? 0) + 1);
      // Bounded memory under a flood of distinct ids: write early.
      if (pending.size >= MAX_PENDING) void flush().catch(() => undefined);
    },
    flush,
  };
}
