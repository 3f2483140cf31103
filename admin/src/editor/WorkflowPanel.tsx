import { useId, useState } from 'react';
import { ApiError, api } from '../api';
import { errorText, formatTime, type Lang } from '../i18n';
import type { EditorStrings } from './strings';
import type { ArticleView, Finding, WorkflowAction } from './types';

interface Props {
  readonly view: ArticleView;
  readonly s: EditorStrings;
  readonly lang: Lang;
  /** Unsaved changes: a decision is about the saved text, so actions wait for a save. */
  readonly dirty: boolean;
  readonly onDone: (view: ArticleView, message: string) => void;
  /** A finding of a blocked publication was clicked: show its place. */
  readonly onFinding: (finding: Finding) => void;
}

/** Actions that need something typed before they run. */
type Form =
  | { readonly action: 'approve'; readonly text: string }
  | { readonly action: 'reject'; readonly text: string }
  | { readonly action: 'withdraw'; readonly text: string }
  | { readonly action: 'schedule'; readonly text: string }
  | {
      readonly action: 'override';
      readonly text: string;
      readonly findings: readonly Finding[];
      readonly at: string | null;
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
 * `GET /articles/:id`); the server decides again on every call. Approving, rejecting, withdrawing and
 * scheduling ask for their comment, reason or time first; a publication blocked by the checks shows the
 * findings and lets a publisher publish anyway with a reason.
 */
export function WorkflowPanel({ view, s, lang, dirty, onDone, onFinding }: Props) {
  const { article } = view;
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const run = async (action: WorkflowAction, extra: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api.post<ArticleView>(`/articles/${article.id}/${action}`, {
        version: article.version,
        ...extra,
      });
      setForm(null);
      onDone(next, s.done(s.actions[action] ?? action));
    } catch (failure) {
      if (
        failure instanceof ApiError &&
        failure.code === 'GZ_ARTICLE_BLOCKED_BY_CHECKS' &&
        Array.isArray(failure.body.findings)
      ) {
        const at = typeof extra['at'] === 'string' ? extra['at'] : null;
        setForm({ action: 'override', text: '', findings: failure.body.findings as Finding[], at });
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
      case 'withdraw':
        setForm({ action, text: '' });
        return;
      case 'schedule':
        setForm({ action, text: defaultScheduleTime() });
        return;
      case 'submit':
      case 'publish':
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
        return void run('approve', text ? { comment: text } : {});
      case 'reject':
        if (!text) return setError(s.required);
        return void run('reject', { comment: text });
      case 'withdraw':
        if (!text) return setError(s.required);
        return void run('withdraw', { reason: text });
      case 'schedule': {
        const at = new Date(form.text);
        if (Number.isNaN(at.getTime())) return setError(s.required);
        return void run('schedule', { at: at.toISOString() });
      }
      case 'override': {
        const override = {
          reason: text,
          acknowledged: form.findings.map((f) => f.key ?? '').filter(Boolean),
        };
        return void run(
          form.at === null ? 'publish' : 'schedule',
          form.at === null ? { override } : { override, at: form.at },
        );
      }
    }
  };

  const actions = ORDER.filter((action) => view.actions.includes(action));
  const levelName = article.reviewLevel > 0 ? (s.levels[article.reviewLevel] ?? '') : '';
  return (
    <section className="panel gz-workflow" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.workflow}</h2>
      <p className="gz-status">
        {s.status}：
        <strong className={`badge gz-status-${article.status}`}>
          {s.statuses[article.status] ?? article.status}
        </strong>
        {article.status === 'in-review' && levelName ? <span> · {s.awaiting(levelName)}</span> : null}
        {article.scheduledAt ? <span> · {formatTime(article.scheduledAt)}</span> : null}
      </p>
      {article.path && (article.status === 'published' || article.status === 'scheduled') ? (
        <p>
          <a href={article.path} target="_blank" rel="noreferrer">
            {article.path}
          </a>
        </p>
      ) : null}
      {dirty && actions.length > 0 ? <p className="hint">{s.saveFirst}</p> : null}
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
            {s.actions[action] ?? action}
          </button>
        ))}
      </div>
      {form !== null ? (
        <form
          className="gz-action-form"
          onSubmit={(event) => {
            event.preventDefault();
            confirmForm();
          }}
        >
          {form.action === 'override' ? (
            <div className="gz-blocked" role="alert">
              <h3>{s.blockedTitle}</h3>
              <p>{s.blockedText}</p>
              <ul>
                {form.findings.map((finding, index) => (
                  <li key={index}>
                    <button type="button" className="link-button" onClick={() => onFinding(finding)}>
                      {lang === 'zh' ? finding.message : finding.messageEn}
                      {finding.excerpt ? <q>{finding.excerpt}</q> : null}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-input`}>{formLabel(form, s)}</label>
            {form.action === 'schedule' ? (
              <input
                id={`${id}-input`}
                type="datetime-local"
                value={form.text}
                onChange={(event) => setForm({ ...form, text: event.target.value })}
                required
              />
            ) : (
              <textarea
                id={`${id}-input`}
                rows={3}
                value={form.text}
                maxLength={form.action === 'override' ? 500 : 2000}
                onChange={(event) => setForm({ ...form, text: event.target.value })}
                required={form.action !== 'approve'}
              />
            )}
          </div>
          <div className="gz-dialog-actions">
            <button type="submit" className="primary" disabled={busy}>
              {form.action === 'override' ? s.override : s.confirm}
            </button>
            <button type="button" onClick={() => setForm(null)}>
              {s.cancel}
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <h3>{s.reviews}</h3>
      {view.reviews.length === 0 ? (
        <p className="empty">{s.noReviews}</p>
      ) : (
        <ol className="gz-reviews">
          {view.reviews.map((review, index) => (
            <li key={index}>
              <span className="gz-review-level">{s.levels[review.level] ?? review.level}</span>{' '}
              <strong>{review.displayName ?? review.actorName ?? ''}</strong>{' '}
              {s.decisions[review.decision] ?? review.decision}
              {review.at ? <span className="hint"> {formatTime(review.at)}</span> : null}
              {review.comment ? <blockquote>{review.comment}</blockquote> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function formLabel(form: Form, s: EditorStrings): string {
  switch (form.action) {
    case 'approve':
      return s.commentOptional;
    case 'reject':
      return s.rejectComment;
    case 'withdraw':
      return s.withdrawReason;
    case 'schedule':
      return s.scheduleAt;
    case 'override':
      return s.overrideReason;
  }
}

/** Tomorrow 09:00 local time, as `datetime-local` wants it. */
function defaultScheduleTime(): string {
  const date = new Date(Date.now() + 24 * 3600 * 1000);
  date.setHours(9, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
