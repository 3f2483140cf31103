import { useEffect, useId, useState } from 'react';
import { ApiError, api } from '../api';
import { errorText, formatTime, useI18n, type Translate } from '../i18n';
import { statusLabel } from '../labels';
import { ConfirmDialog } from '../ConfirmDialog';
import { publicUrl, useWorkspace } from '../session';
import type { ArticleView, Finding, WorkflowAction } from './types';

interface Props {
  readonly view: ArticleView;
  /** Unsaved changes: a decision is about the saved text, so actions wait for a save. */
  readonly dirty: boolean;
  readonly onDone: (view: ArticleView, message: string) => void;
  /** A finding of a blocked publication was clicked: show its place. */
  readonly onFinding: (finding: Finding) => void;
}

/** Actions confirmed in a dialog, with what is typed there. */
type Form =
  | { readonly action: 'approve' | 'reject' | 'publish' | 'withdraw'; readonly text: string }
  | { readonly action: 'schedule'; readonly text: string; readonly at: string }
  | {
      readonly action: 'override';
      readonly text: string;
      readonly findings: readonly Finding[];
      readonly at: string | null;
      /** The 签发意见 given before the checks stopped the publication. */
      readonly comment: string;
    };

/** The order the buttons appear in, whatever order the server lists them. */
const ORDER: readonly WorkflowAction[] = [
  'submit',
  'approve',
  'reject',
  'publish',
  'schedule',
  'unschedule',
  'withdraw',
  'restore',
  'archive',
];

/**
 * 审签: a button for exactly each action the server says this person may take now (`actions` of
 * `GET /articles/:id`); the server decides again on every call. 通过, 退回, 签发, 定时发布 and 撤稿 are
 * confirmed in a dialog that names the article and the level, with the opinion (审核意见 / 签发意见, required
 * to send back), reason or time; a publication blocked by the checks shows the findings there and lets a
 * publisher publish anyway with a reason.
 */
export function WorkflowPanel({ view, dirty, onDone, onFinding }: Props) {
  const { lang, t, label } = useI18n();
  const { article } = view;
  const site = useWorkspace().me.sites.find((candidate) => candidate.id === article.siteId);
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** A finding of a blocked publication to show in the text once the dialog has closed. */
  const [shown, setShown] = useState<Finding | null>(null);
  const id = useId();
  useEffect(() => {
    if (form !== null || shown === null) return;
    setShown(null);
    onFinding(shown);
  }, [form, shown, onFinding]);

  const run = async (action: WorkflowAction, extra: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api.post<ArticleView>(`/articles/${article.id}/${action}`, {
        version: article.version,
        ...extra,
      });
      setForm(null);
      onDone(next, t('editor.done', { action: label('editor.actions', action) }));
    } catch (failure) {
      if (
        failure instanceof ApiError &&
        failure.code === 'GZ_ARTICLE_BLOCKED_BY_CHECKS' &&
        Array.isArray(failure.body.findings)
      ) {
        const at = typeof extra['at'] === 'string' ? extra['at'] : null;
        const comment = typeof extra['comment'] === 'string' ? extra['comment'] : '';
        const findings = failure.body.findings as Finding[];
        setForm({ action: 'override', text: '', findings, at, comment });
      } else {
        setError(errorText(failure, lang));
      }
    } finally {
      setBusy(false);
    }
  };

  const start = (action: WorkflowAction) => {
    setError(null);
    switch (action) {
      case 'approve':
      case 'reject':
      case 'publish':
      case 'withdraw':
        setForm({ action, text: '' });
        return;
      case 'schedule':
        setForm({ action, text: '', at: defaultScheduleTime() });
        return;
      case 'submit':
      case 'unschedule':
      case 'restore':
      case 'archive':
        setForm(null);
        void run(action, {});
    }
  };

  const confirmForm = () => {
    if (form === null) return;
    const text = form.text.trim();
    switch (form.action) {
      case 'approve':
      case 'publish':
        return void run(form.action, text ? { comment: text } : {});
      case 'reject':
        if (!text) return setError(t('editor.required'));
        return void run('reject', { comment: text });
      case 'withdraw':
        if (!text) return setError(t('editor.required'));
        return void run('withdraw', { reason: text });
      case 'schedule': {
        const at = new Date(form.at);
        if (Number.isNaN(at.getTime())) return setError(t('editor.required'));
        return void run('schedule', { at: at.toISOString(), ...(text ? { comment: text } : {}) });
      }
      case 'override': {
        if (!text) return setError(t('editor.required'));
        const override = {
          reason: text,
          acknowledged: form.findings.map((f) => f.key ?? '').filter(Boolean),
        };
        const comment = form.comment ? { comment: form.comment } : {};
        return void run(
          form.at === null ? 'publish' : 'schedule',
          form.at === null ? { override, ...comment } : { override, at: form.at, ...comment },
        );
      }
    }
  };

  const actions = ORDER.filter((action) => view.actions.includes(action));
  const levelName = article.reviewLevel > 0 ? label('editor.levels', article.reviewLevel) : '';
  return (
    <section className="panel gz-workflow" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('editor.workflow')}</h2>
      <p className="gz-status">
        {t('app.labelColon', { label: t('editor.status') })}
        <strong className={`badge gz-status-${article.status}`}>{statusLabel(article.status, lang)}</strong>
        {article.status === 'in-review' && levelName ? (
          <span> · {t('editor.awaiting', { level: levelName })}</span>
        ) : null}
        {article.scheduledAt ? <span> · {formatTime(article.scheduledAt)}</span> : null}
      </p>
      {article.path && (article.status === 'published' || article.status === 'scheduled') ? (
        <p>
          <a href={publicUrl(site, article.path)} target="_blank" rel="noreferrer">
            {article.path}
          </a>
        </p>
      ) : null}
      {dirty && actions.length > 0 ? <p className="hint">{t('editor.saveFirst')}</p> : null}
      <div className="gz-actions">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'publish' || action === 'submit' || action === 'approve' ? 'primary' : ''}
            data-action={action}
            disabled={busy || dirty}
            onClick={() => start(action)}
          >
            {label('editor.actions', action)}
          </button>
        ))}
      </div>
      {form !== null ? (
        <ConfirmDialog
          title={form.action === 'override' ? t('editor.blockedTitle') : label('editor.actions', form.action)}
          summary={
            <dl className="gz-decision-summary">
              <dt>{t('editor.decisionArticle')}</dt>
              <dd>{article.title}</dd>
              <dt>{t('editor.decisionLevel')}</dt>
              <dd>{label('editor.levels', decisionLevel(form.action, article.reviewLevel))}</dd>
            </dl>
          }
          confirmLabel={
            form.action === 'override' ? t('editor.override') : label('editor.confirmAction', form.action)
          }
          cancelLabel={t('editor.cancel')}
          busy={busy}
          error={error}
          danger={form.action === 'reject' || form.action === 'withdraw'}
          onConfirm={confirmForm}
          onCancel={() => {
            setForm(null);
            setError(null);
          }}
        >
          {form.action === 'override' ? (
            <div className="gz-blocked">
              <p>{t('editor.blockedText')}</p>
              <ul>
                {form.findings.map((finding, index) => (
                  <li key={index}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setForm(null);
                        setShown(finding);
                      }}
                    >
                      {lang === 'zh' ? finding.message : finding.messageEn}
                      {finding.excerpt ? <q>{finding.excerpt}</q> : null}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {form.action === 'schedule' ? (
            <div className="field">
              <label htmlFor={`${id}-at`}>{t('editor.scheduleAt')}</label>
              <input
                id={`${id}-at`}
                type="datetime-local"
                value={form.at}
                onChange={(event) => setForm({ ...form, at: event.target.value })}
                required
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-input`}>{formLabel(form, t)}</label>
            <textarea
              id={`${id}-input`}
              rows={3}
              value={form.text}
              maxLength={form.action === 'override' ? 500 : 2000}
              onChange={(event) => setForm({ ...form, text: event.target.value })}
              required={textRequired(form)}
              aria-required={textRequired(form)}
            />
          </div>
        </ConfirmDialog>
      ) : null}
      {error && form === null ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <h3>{t('editor.reviews')}</h3>
      {view.reviews.length === 0 ? (
        <p className="empty">{t('editor.noReviews')}</p>
      ) : (
        <ol className="gz-reviews">
          {view.reviews.map((review, index) => (
            <li key={index}>
              <span className="gz-review-level">{label('editor.levels', review.level)}</span>{' '}
              <strong>{review.displayName ?? review.actorName ?? ''}</strong>{' '}
              {label('editor.decisions', review.decision)}
              {review.at ? <span className="hint"> {formatTime(review.at)}</span> : null}
              {review.comment ? <blockquote>{review.comment}</blockquote> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function formLabel(form: Form, t: Translate): string {
  switch (form.action) {
    case 'approve':
      return t('editor.commentOptional');
    case 'reject':
      return t('editor.rejectComment');
    case 'publish':
    case 'schedule':
      return t('editor.signOffComment');
    case 'withdraw':
      return t('editor.withdrawReason');
    case 'override':
      return t('editor.overrideReason');
  }
}

const textRequired = (form: Form) =>
  form.action === 'reject' || form.action === 'withdraw' || form.action === 'override';

/** The level a decision is taken at: the review level awaited, or 签发 for what comes after the reviews. */
function decisionLevel(action: Form['action'], reviewLevel: number): number {
  if ((action === 'approve' || action === 'reject') && reviewLevel > 0) return reviewLevel;
  return 0;
}

/** Tomorrow 09:00 local time, as `datetime-local` wants it. */
function defaultScheduleTime(): string {
  const date = new Date(Date.now() + 24 * 3600 * 1000);
  date.setHours(9, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
