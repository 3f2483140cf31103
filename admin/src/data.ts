import { api } from './api';
import type { Column } from './types';
import { useLoad } from './ui';

/** The flat column list of a site, in tree order (parents before children, siblings by position). */
export function useColumns(siteId: number | null) {
  return useLoad(
    () =>
      siteId === null
        ? Promise.resolve([])
        : api.get<{ items: Column[] }>(`/sites/${siteId}/columns`).then((r) => treeOrder(r.items)),
    [siteId],
  );
}

export interface ColumnEntry {
  readonly column: Column;
  readonly depth: number;
}

/** Depth-first order of a flat column list, with each column's depth. */
export function treeEntries(columns: readonly Column[]): ColumnEntry[] {
  const children = new Map<number | null, Column[]>();
  for (const column of columns) {
    const siblings = children.get(column.parentId) ?? [];
    siblings.push(column);
    children.set(column.parentId, siblings);
  }
  const out: ColumnEntry[] = [];
  const walk = (parentId: number | null, depth: number) => {
    const siblings = (children.get(parentId) ?? []).sort((a, b) => a.position - b.position || a.id - b.id);
    for (const column of siblings) {
      out.push({ column, depth });
      walk(column.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function treeOrder(columns: readonly Column[]): Column[] {
  return treeEntries(columns).map((entry) => entry.column);
}

/** Options for a column picker, indented by depth. */
export function columnOptions(columns: readonly Column[]): { value: number; label: string }[] {
  return treeEntries(columns).map(({ column, depth }) => ({
    value: column.id,
    label: `${'　'.repeat(depth)}${column.name}`,
  }));
}
