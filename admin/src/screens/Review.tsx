import { useState, type FormEvent } from 'react';
import { api, query } from '../api';
import { useColumns } from '../data';
import { useI18n } from '../i18n';
import type { ArticlePage, ArticleRow } from '../types';
import { ErrorNotice, Loading, Notice, ScreenTitle, TextArea, useAction, useLoad } from '../ui';
import { ArticleTable } from './ArticleTable';

interface ArticleActions {
  readonly article: { readonly id: number; readonly version: number; readonly title: string };
  readonly actions: readonly string[];
}

/** Approve, send back or publish one article from the queue, with the buttons its workflow allows. */
function RowActions({ row, onDone }: { row: ArticleRow; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const view = useLoad(() => api.get<ArticleActions>(`/articles/${row.id}`), [row.id, row.version]);
  const action = useAction();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const decide = async (name: 'approve' | 'publish' | 'reject', body: Record<string, unknown> = {}) => {
    const version = view.data?.article.version ?? row.version;
    const done = await action.run(() => api.post(`/articles/${row.id}/${name}`, { version, ...body }));
    if (done !== undefined) onDone(t('review.done', { title: row.title }));
  };
  const reject = (event: FormEvent) => {
    event.preventDefault();
    void decide('reject', { comment });
  };
  const actions = view.data?.actions ?? [];
  if (rejecting) {
    return (
      <form className="inline-form" onSubmit={reject}>
        <TextArea
          label={t('review.comment')}
          required
          rows={2}
          value={comment}
          error={action.anyError ?? undefined}
          onChange={(e) => setComment(e.target.value)}
        />
        <button type="submit" className="danger" disabled={action.busy || !comment.trim()}>
          {t('review.confirmReject')}
        </button>
        <button type="button" onClick={() => setRejecting(false)}>
          {t('common.cancel')}
        </button>
      </form>
    );
  }
  return (
    <div className="row-buttons">
      {actions.includes('approve') ? (
        <button
          type="button"
          className="primary"
          disabled={action.busy}
          onClick={() => void decide('approve')}
        >
          {t('review.approve')}
        </button>
      ) : null}
      {actions.includes('publish') ? (
        <button
          type="button"
          className="primary"
          disabled={action.busy}
          onClick={() => void decide('publish')}
        >
          {t('review.publish')}
        </button>
      ) : null}
      {actions.includes('reject') ? (
        <button type="button" disabled={action.busy} onClick={() => setRejecting(true)}>
          {t('review.reject')}
        </button>
      ) : null}
      {action.anyError ? (
        <span className="field-error" role="alert">
          {action.anyError}
        </span>
      ) : null}
    </div>
  );
}

/** What waits for this person's decision: their review level, or signing off. */
export function ReviewQueue({ siteId }: { siteId: number }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const columns = useColumns(siteId);
  const list = useLoad(
    () => api.get<ArticlePage>(`/articles${query({ siteId, waitingForMe: 1 })}`),
    [siteId],
  );
  return (
    <>
      <ScreenTitle>{t('review.title')}</ScreenTitle>
      <p className="lead">{t('review.help')}</p>
      {message ? <Notice tone="ok">{message}</Notice> : null}
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <ArticleTable
          rows={list.data.items}
          columns={columns.data}
          caption={t('review.title')}
          extra={(row) => (
            <RowActions
              row={row}
              onDone={(text) => {
                setMessage(text);
                list.reload();
              }}
            />
          )}
        />
      ) : null}
    </>
  );
}
