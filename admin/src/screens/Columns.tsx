import { useRef, useState, type FormEvent } from 'react';
import { COLUMN_KINDS, DEFAULT_FRESHNESS_DAYS } from '../../../src/core/column';
import {
  defaultUpdateClass,
  UPDATE_CLASS_LABELS,
  UPDATE_CLASSES,
  type UpdateClass,
} from '../../../src/core/inspection';
import { api } from '../api';
import { columnOptions, treeEntries, useColumns } from '../data';
import { useI18n } from '../i18n';
import { kindLabel } from '../labels';
import type { Column, ColumnKind } from '../types';
import {
  ErrorNotice,
  Loading,
  Notice,
  ScreenTitle,
  SelectField,
  TextArea,
  TextField,
  useAction,
  useLoad,
} from '../ui';

interface Draft {
  parentId: string;
  slug: string;
  name: string;
  kind: ColumnKind;
  reviewLevels: string;
  freshnessDays: string;
  updateClass: string;
  description: string;
  linkUrl: string;
}

const blank: Draft = {
  parentId: '',
  slug: '',
  name: '',
  kind: 'news',
  reviewLevels: '3',
  freshnessDays: String(DEFAULT_FRESHNESS_DAYS.news ?? ''),
  updateClass: '',
  description: '',
  linkUrl: '',
};

const draftOf = (c: Column): Draft => ({
  parentId: c.parentId === null ? '' : String(c.parentId),
  slug: c.slug,
  name: c.name,
  kind: c.kind,
  reviewLevels: String(c.reviewLevels),
  freshnessDays: c.freshnessDays === null ? '' : String(c.freshnessDays),
  updateClass: c.updateClass ?? '',
  description: c.description,
  linkUrl: c.linkUrl ?? '',
});

/** The fields both creating and editing send. */
const common = (d: Draft) => ({
  name: d.name.trim(),
  kind: d.kind,
  description: d.description,
  freshnessDays: d.freshnessDays.trim() === '' ? null : Number(d.freshnessDays),
  updateClass: d.updateClass === '' ? null : (d.updateClass as UpdateClass),
  linkUrl: d.kind === 'link' ? d.linkUrl.trim() : null,
  reviewLevels: Number(d.reviewLevels),
});

/** The column tree of a site: create, rename, set kind, review levels and freshness, move and reorder. */
export function ColumnTree({ siteId }: { siteId: number }) {
  const { t, lang } = useI18n();
  const columns = useColumns(siteId);
  const action = useAction();
  const [editing, setEditing] = useState<Column | null>(null);
  const [draft, setDraft] = useState<Draft>(blank);
  const [message, setMessage] = useState<string | null>(null);
  const all = columns.data ?? [];
  const entries = treeEntries(all);
  const freshness = useStaleness(siteId, columns.data);

  const formRef = useRef<HTMLElement>(null);
  const startEdit = (column: Column | null) => {
    action.clear();
    setMessage(null);
    setEditing(column);
    setDraft(column ? draftOf(column) : blank);
    // On a tablet the form is below the tree: bring it into view, ready to type.
    requestAnimationFrame(() => {
      formRef.current?.scrollIntoView({ block: 'nearest' });
      formRef.current?.querySelector('input')?.focus();
    });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const done = await action.run(async () => {
      if (!editing) {
        const parentId = draft.parentId ? Number(draft.parentId) : null;
        return api.post<Column>(`/sites/${siteId}/columns`, {
          ...common(draft),
          parentId,
          slug: draft.slug.trim(),
          // A new column goes last among its siblings.
          position: all.filter((c) => c.parentId === parentId).length,
        });
      }
      const parentId = draft.parentId ? Number(draft.parentId) : null;
      if (parentId !== editing.parentId) {
        const siblings = all.filter((c) => c.parentId === parentId).length;
        await api.post(`/columns/${editing.id}/move`, {
          updatedAt: editing.updatedAt,
          parentId,
          position: siblings,
        });
      }
      const fresh = await api.get<{ items: Column[] }>(`/sites/${siteId}/columns`);
      const current = fresh.items.find((c) => c.id === editing.id) ?? editing;
      return api.put<Column>(`/columns/${editing.id}`, { ...common(draft), updatedAt: current.updatedAt });
    });
    if (!done) return;
    setMessage(editing ? t('common.saved') : t('col.created', { name: done.name }));
    setEditing(null);
    setDraft(blank);
    columns.reload();
  };
  const shift = async (column: Column, by: -1 | 1) => {
    setMessage(null);
    const done = await action.run(() =>
      api.post(`/columns/${column.id}/move`, {
        updatedAt: column.updatedAt,
        parentId: column.parentId,
        position: Math.max(0, siblingIndex(all, column) + by),
      }),
    );
    if (done !== undefined) columns.reload();
  };
  const remove = async (column: Column) => {
    if (!window.confirm(`${t('common.delete')}：${column.name}？`)) return;
    const done = await action.run(() => api.delete(`/columns/${column.id}`));
    if (done === undefined) return;
    startEdit(null);
    columns.reload();
  };
  const field = (name: keyof Draft) => ({
    name,
    value: draft[name],
    error: action.fieldError(name),
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  // A column cannot move below itself or its own descendants.
  const below = new Set<number>();
  if (editing) {
    for (const { column } of entries) {
      if (column.id === editing.id || (column.parentId !== null && below.has(column.parentId)))
        below.add(column.id);
    }
  }
  return (
    <>
      <ScreenTitle
        actions={
          <button type="button" className="primary" onClick={() => startEdit(null)}>
            {t('col.new')}
          </button>
        }
      >
        {t('col.title')}
      </ScreenTitle>
      {message ? <Notice tone="ok">{message}</Notice> : null}
      <ErrorNotice error={columns.error} />
      <div className="split split-wide">
        <section className="panel" aria-label={t('col.title')}>
          {columns.loading && !columns.data ? <Loading /> : null}
          <ul className="tree">
            {entries.map(({ column, depth }) => (
              <li
                key={column.id}
                style={{ paddingInlineStart: `${depth * 1.5 + 0.5}rem` }}
                className={editing?.id === column.id ? 'selected' : undefined}
              >
                <span className="tree-text">
                  <span className="tree-name">
                    <strong>{column.name}</strong> <code className="hint">/{column.path}/</code>
                  </span>
                  <span className="tree-meta">
                    {kindLabel(column.kind, lang)} · {t('col.levelsValue', { n: column.reviewLevels })}
                    {column.freshnessDays ? ` · ${column.freshnessDays}${lang === 'zh' ? ' 天' : ' d'}` : ''}
                    <StaleBadge state={freshness.get(column.id)} />
                  </span>
                </span>
                <span className="row-buttons">
                  <button
                    type="button"
                    onClick={() => startEdit(column)}
                    aria-label={`${t('common.edit')} ${column.name}`}
                  >
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    onClick={() => void shift(column, -1)}
                    disabled={siblingIndex(all, column) === 0}
                    aria-label={`${t('common.up')} ${column.name}`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    onClick={() => void shift(column, 1)}
                    disabled={
                      siblingIndex(all, column) ===
                      all.filter((c) => c.parentId === column.parentId).length - 1
                    }
                    aria-label={`${t('common.down')} ${column.name}`}
                  >
                    ↓
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="column-form-title" ref={formRef}>
          <h2 id="column-form-title">{editing ? t('col.editing', { name: editing.name }) : t('col.new')}</h2>
          <form onSubmit={(e) => void save(e)} noValidate>
            <ErrorNotice error={action.error} />
            <TextField label={t('col.name')} required {...field('name')} />
            <TextField
              label={t('col.slug')}
              required
              hint={t('col.slugHint')}
              disabled={editing !== null}
              {...field('slug')}
            />
            <SelectField
              label={editing ? t('col.move') : t('col.parent')}
              {...field('parentId')}
              options={[
                { value: '', label: t('col.root') },
                ...columnOptions(all).filter((o) => !below.has(o.value)),
              ]}
            />
            <SelectField
              label={t('col.kind')}
              {...field('kind')}
              onChange={(e) => {
                const kind = e.target.value as ColumnKind;
                const days = DEFAULT_FRESHNESS_DAYS[kind];
                setDraft({
                  ...draft,
                  kind,
                  freshnessDays: editing ? draft.freshnessDays : days === null ? '' : String(days),
                });
              }}
              options={COLUMN_KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))}
            />
            <SelectField
              label={t('col.levels')}
              {...field('reviewLevels')}
              options={[1, 2, 3].map((n) => ({ value: n, label: t('col.levelsValue', { n }) }))}
            />
            <TextField
              label={t('col.freshness')}
              type="number"
              min={1}
              max={3650}
              hint={t('col.freshnessHint')}
              {...field('freshnessDays')}
            />
            <SelectField
              label={t('col.updateClass')}
              {...field('updateClass')}
              options={[
                {
                  value: '',
                  label: t('col.updateClassDefault', {
                    label:
                      UPDATE_CLASS_LABELS[
                        defaultUpdateClass({
                          kind: draft.kind,
                          name: draft.name,
                          freshnessDays:
                            draft.freshnessDays.trim() === '' ? null : Number(draft.freshnessDays),
                        })
                      ],
                  }),
                },
                ...UPDATE_CLASSES.map((c) => ({ value: c, label: UPDATE_CLASS_LABELS[c] })),
              ]}
            />
            {draft.kind === 'link' ? (
              <TextField
                label={t('col.link')}
                type="text"
                inputMode="url"
                hint={t('col.linkHint')}
                {...field('linkUrl')}
              />
            ) : null}
            <TextArea label={t('col.description')} rows={2} {...field('description')} />
            <div className="button-row">
              <button type="submit" className="primary" disabled={action.busy}>
                {editing ? t('common.save') : t('common.create')}
              </button>
              {editing ? (
                <>
                  <button type="button" onClick={() => startEdit(null)}>
                    {t('common.cancel')}
                  </button>
                  <button type="button" className="danger" onClick={() => void remove(editing)}>
                    {t('common.delete')}
                  </button>
                </>
              ) : null}
            </div>
          </form>
        </section>
      </div>
    </>
  );
}

function siblingIndex(all: readonly Column[], column: Column): number {
  return all
    .filter((c) => c.parentId === column.parentId)
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .findIndex((c) => c.id === column.id);
}

interface Staleness {
  readonly daysUntilStale: number | null;
  readonly days: number | null;
}

interface TreeNode {
  readonly id: number;
  readonly inspection: Staleness;
  readonly children: readonly TreeNode[];
}

/** Each column's days until the inspection counts it as not updated (from the column tree). */
function useStaleness(siteId: number, columns: readonly Column[] | null): Map<number, Staleness> {
  const tree = useLoad(
    () => api.get<{ items: TreeNode[] }>(`/sites/${siteId}/columns/tree`).then((r) => r.items),
    [siteId, columns],
  );
  const result = new Map<number, Staleness>();
  const walk = (nodes: readonly TreeNode[]) => {
    for (const node of nodes) {
      result.set(node.id, node.inspection);
      walk(node.children);
    }
  };
  walk(tree.data ?? []);
  return result;
}

function StaleBadge({ state }: { state: Staleness | undefined }) {
  const { t } = useI18n();
  if (!state || state.days === null) return null;
  const n = state.daysUntilStale;
  const text =
    n === null
      ? t('col.blank')
      : n > 0
        ? t('col.staleIn', { n })
        : n === 0
          ? t('col.staleToday')
          : t('col.staleFor', { n: -n });
  const tone = n === null || n < 0 ? 'stale-badge bad' : n <= 3 ? 'stale-badge warn' : 'stale-badge';
  return <span className={tone}> · {text}</span>;
}
