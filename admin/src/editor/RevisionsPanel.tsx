import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import { errorText, formatTime, useI18n } from '../i18n';
import type { ArticleView, RevisionDiff, RevisionSummary } from './types';

interface Props {
  readonly articleId: number;
  /** Reloads the list whenever the article's version changes. */
  readonly version: number;
  readonly canRestore: boolean;
  readonly dirty: boolean;
  readonly onRestored: (view: ArticleView, message: string) => void;
}

/**
 * 修订记录: every saved version, newest first; each compares with the one before it as a word-level diff
 * (jieba-segmented on the server, so 常务会议 → 专题会议 shows as one word replaced), and can be restored
 * as a new version.
 */
export function RevisionsPanel({ articleId, version, canRestore, dirty, onRestored }: Props) {
  const { lang, t, label } = useI18n();
  const id = useId();
  const [items, setItems] = useState<readonly RevisionSummary[] | null>(null);
  const [diff, setDiff] = useState<{ from: RevisionSummary; to: RevisionSummary; diff: RevisionDiff } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.get<{ items: RevisionSummary[] }>(`/articles/${articleId}/revisions`).then(
      (answer) => live && setItems(answer.items),
      (failure: unknown) => live && setError(errorText(failure, lang)),
    );
    return () => {
      live = false;
    };
  }, [articleId, version, lang]);

  const compare = async (from: RevisionSummary, to: RevisionSummary) => {
    setError(null);
    try {
      const answer = await api.get<RevisionDiff>(
        `/articles/${articleId}/revisions/diff?from=${from.id}&to=${to.id}`,
      );
      setDiff({ from, to, diff: answer });
    } catch (failure) {
      setError(errorText(failure, lang));
    }
  };

  const restore = async (revision: RevisionSummary) => {
    if (!window.confirm(t('editor.restoreConfirm'))) return;
    setBusy(true);
    setError(null);
    try {
      const view = await api.post<ArticleView>(`/articles/${articleId}/revisions/${revision.id}/restore`, {
        version,
      });
      setDiff(null);
      onRestored(
        view,
        t('app.pair', { label: t('editor.restored'), value: t('editor.version', { v: revision.number }) }),
      );
    } catch (failure) {
      setError(errorText(failure, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel gz-revisions" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('editor.revisions')}</h2>
      {items === null ? null : items.length === 0 ? (
        <p className="empty">{t('editor.noRevisions')}</p>
      ) : (
        <ol className="gz-revision-list">
          {items.map((revision, index) => {
            const previous = items[index + 1];
            return (
              <li key={revision.id}>
                <span className="gz-revision-version">{t('editor.version', { v: revision.number })}</span>{' '}
                <span className="hint">
                  {formatTime(revision.at)} · {revision.actorName}
                  {revision.note ? ` · ${revision.note}` : ''}
                </span>
                <span className="gz-revision-actions">
                  {previous ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void compare(previous, revision)}
                    >
                      {t('editor.compare')}
                    </button>
                  ) : null}
                  {canRestore && index > 0 ? (
                    <button
                      type="button"
                      className="link-button"
                      disabled={busy || dirty}
                      onClick={() => void restore(revision)}
                    >
                      {t('editor.restoreRevision')}
                    </button>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {diff ? (
        <div
          className="gz-diff"
          role="region"
          aria-label={t('editor.diffTitle', { from: diff.from.number, to: diff.to.number })}
        >
          <div className="gz-diff-head">
            <h3>{t('editor.diffTitle', { from: diff.from.number, to: diff.to.number })}</h3>
            <button type="button" onClick={() => setDiff(null)}>
              {t('editor.closeDiff')}
            </button>
          </div>
          {diff.diff.fields.every((field) => !field.changed) ? (
            <p className="empty">{t('editor.noChanges')}</p>
          ) : null}
          {diff.diff.fields
            .filter((field) => field.changed)
            .map((field) => (
              <div key={field.field} className="gz-diff-field">
                <h4>{label('editor.diffFields', field.field)}</h4>
                <p className="gz-diff-text">
                  {field.parts.map((part, index) =>
                    part.kind === 'added' ? (
                      <ins key={index}>{part.text}</ins>
                    ) : part.kind === 'removed' ? (
                      <del key={index}>{part.text}</del>
                    ) : (
                      <span key={index}>{part.text}</span>
                    ),
                  )}
                </p>
              </div>
            ))}
        </div>
      ) : null}
    </section>
  );
}
