import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { statusLabel } from '../labels';
import type { ArticleRow, Column } from '../types';
import { Empty, Link } from '../ui';

/** Articles as a table: title (to the editor), column, status, author, time; `extra` adds a last cell. */
export function ArticleTable(props: {
  rows: readonly ArticleRow[];
  columns?: readonly Column[] | null;
  caption: string;
  time?: 'updatedAt' | 'publishedAt';
  extra?: (row: ArticleRow) => ReactNode;
}) {
  const { t, lang, time } = useI18n();
  const field = props.time ?? 'updatedAt';
  const columnName = (id: number) => props.columns?.find((c) => c.id === id)?.name ?? `#${id}`;
  if (props.rows.length === 0) return <Empty />;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('art.headTitle')}</th>
            {props.columns ? <th scope="col">{t('art.column')}</th> : null}
            <th scope="col">{t('art.status')}</th>
            <th scope="col">{t('art.author')}</th>
            <th scope="col">{field === 'updatedAt' ? t('art.updated') : t('art.publishedAt')}</th>
            {props.extra ? <th scope="col">{t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.id}>
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
              <td className="nowrap">{time(row[field])}</td>
              {props.extra ? <td className="cell-actions">{props.extra(row)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
