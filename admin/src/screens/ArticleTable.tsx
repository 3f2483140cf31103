import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { statusLabel } from '../labels';
import type { ArticleRow, Column } from '../types';
import { Empty, Link } from '../ui';

/** Rows chosen for a bulk action, and how the table changes the choice. */
export interface RowSelection {
  readonly chosen: ReadonlySet<number>;
  readonly toggle: (row: ArticleRow, on: boolean) => void;
  readonly toggleAll: (on: boolean) => void;
}

/**
 * Articles as a table: title (to the editor), column, status, author, time (last change or publish time, or
 * both); `extra` adds a last cell; `selection` a first column of checkboxes for bulk actions.
 */
export function ArticleTable(props: {
  rows: readonly ArticleRow[];
  columns?: readonly Column[] | null;
  caption: string;
  time?: 'updatedAt' | 'publishedAt' | 'both';
  extra?: (row: ArticleRow) => ReactNode;
  selection?: RowSelection;
}) {
  const { t, lang, time } = useI18n();
  const field = props.time ?? 'updatedAt';
  const times: ('updatedAt' | 'publishedAt')[] = field === 'both' ? ['publishedAt', 'updatedAt'] : [field];
  const columnName = (id: number) => props.columns?.find((c) => c.id === id)?.name ?? `#${id}`;
  const { selection } = props;
  if (props.rows.length === 0) return <Empty />;
  const allChosen = selection !== undefined && props.rows.every((row) => selection.chosen.has(row.id));
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            {selection ? (
              <th scope="col" className="cell-select">
                <input
                  type="checkbox"
                  aria-label={t('art.selectPage')}
                  checked={allChosen}
                  onChange={(event) => selection.toggleAll(event.target.checked)}
                />
              </th>
            ) : null}
            <th scope="col">{t('art.headTitle')}</th>
            {props.columns ? <th scope="col">{t('art.column')}</th> : null}
            <th scope="col">{t('art.status')}</th>
            <th scope="col">{t('art.author')}</th>
            {times.map((f) => (
              <th scope="col" key={f}>
                {f === 'updatedAt' ? t('art.updated') : t('art.publishedAt')}
              </th>
            ))}
            {props.extra ? <th scope="col">{t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.id}>
              {selection ? (
                <td className="cell-select">
                  <input
                    type="checkbox"
                    aria-label={t('art.select', { title: row.title || t('art.untitled') })}
                    checked={selection.chosen.has(row.id)}
                    onChange={(event) => selection.toggle(row, event.target.checked)}
                  />
                </td>
              ) : null}
              <td className="cell-title">
                <Link to={`/articles/${row.id}`}>{row.title || t('art.untitled')}</Link>
              </td>
              {props.columns ? <td className="nowrap">{columnName(row.columnId)}</td> : null}
              <td>
                <span className={`status status-${row.status}`}>{statusLabel(row.status, lang)}</span>
                {row.status === 'in-review' && row.reviewLevel > 0 ? (
                  <span className="status-level"> · {t('art.level', { level: row.reviewLevel })}</span>
                ) : null}
              </td>
              <td className="cell-author">{row.author || '—'}</td>
              {times.map((f) => (
                <td className="nowrap" key={f}>
                  {row[f] ? time(row[f]) : '—'}
                </td>
              ))}
              {props.extra ? <td className="cell-actions">{props.extra(row)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
