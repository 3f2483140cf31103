import { api, query } from '../api';
import { useColumns } from '../data';
import { useI18n } from '../i18n';
import type { ArticlePage } from '../types';
import { ErrorNotice, Link, Loading, ScreenTitle, useLoad } from '../ui';
import { ArticleTable } from './ArticleTable';

/**
 * What waits for this person's decision: their review level, or signing off. A decision is taken on the
 * article itself, after reading it: each row's button opens the article.
 */
export function ReviewQueue({ siteId }: { siteId: number }) {
  const { t } = useI18n();
  const columns = useColumns(siteId);
  const list = useLoad(
    () => api.get<ArticlePage>(`/articles${query({ siteId, waitingForMe: 1 })}`),
    [siteId],
  );
  return (
    <>
      <ScreenTitle>{t('review.title')}</ScreenTitle>
      <p className="lead">{t('review.help')}</p>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <ArticleTable
          rows={list.data.items}
          columns={columns.data}
          caption={t('review.title')}
          extra={(row) => (
            <Link to={`/articles/${row.id}`} className="button primary">
              {t('review.open')}
            </Link>
          )}
        />
      ) : null}
    </>
  );
}
