/**
 * Values read from the store and kept between requests until the content they come from changes: the
 * mechanism behind `createSiteContexts` and `createListCounts`. A value is kept under a key and a scope
 * (a site id); `drop(scope)` forgets that scope's values, `drop()` everything, and a read that was under
 * way when its scope was dropped returns what it read without keeping it. `maxAgeMs` bounds how long a
 * value is trusted when a writer does not announce its change (another process on a SQLite file, a bulk
 * load); past `maxEntries` everything is forgotten, since keys can come from readers.
 */
export interface KeptReads<V> {
  get(key: string, scope: number, read: () => Promise<V>): Promise<V>;
  drop(scope?: number): void;
}

export interface KeptReadOptions {
  readonly maxAgeMs?: number;
  readonly now?: () => number;
  readonly maxEntries?: number;
}

export function keptReads<V>(options: KeptReadOptions & { readonly maxEntries: number }): KeptReads<V> {
  const maxAgeMs = options.maxAgeMs ?? 5_000;
  const now = options.now ?? Date.now;
  const held = new Map<string, { readonly value: V; readonly scope: number; readonly at: number }>();
  const generations = new Map<number, number>();
  let everything = 0;
  const generationOf = (scope: number) => `${everything}:${generations.get(scope) ?? 0}`;
  return {
    async get(key, scope, read) {
      const found = held.get(key);
      if (found && now() - found.at < maxAgeMs) return found.value;
      const started = generationOf(scope);
      const at = now();
      const value = await read();
      if (generationOf(scope) === started) {
        if (held.size >= options.maxEntries && !held.has(key)) held.clear();
        held.set(key, { value, scope, at });
      }
      return value;
    },
    drop(scope) {
      if (scope === undefined) {
        everything++;
        held.clear();
        return;
      }
      generations.set(scope, (generations.get(scope) ?? 0) + 1);
      for (const [key, entry] of held) if (entry.scope === scope) held.delete(key);
    },
  };
}
