import { useState } from 'react';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { setQuery, useLocation } from '../router';
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
import { CONSULTATION_KINDS, type ConsultationKind } from '../../../src/core/consultation';

interface Summary {
  readonly id: number;
  readonly kind: ConsultationKind;
  readonly title: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly stage: 'upcoming' | 'open' | 'closed';
  readonly withdrawn: boolean;
  readonly comments: { total: number; pending: number; approved: number; rejected: number };
  readonly feedback: 'done' | 'waiting' | 'due' | 'overdue';
  readonly feedbackDueOn: string;
  readonly version: number;
}

interface Settings {
  readonly showComments: boolean;
  readonly feedbackDays: number;
}

interface Comment {
  readonly id: number;
  readonly displayName: string;
  readonly body: string;
  readonly flagged: boolean;
  readonly flaggedReason: string;
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly moderationNote: string;
  readonly receivedAt: string;
  readonly version: number;
}

interface Detail extends Summary {
  readonly consultation: { feedback: string; drafter: string; summary: string; version: number };
  readonly items: readonly Comment[];
}

/** 意见征集 in the admin: the drafts out for comment, moderation of the comments, the 采纳情况反馈. */
export function ConsultationsPage({ siteId }: { siteId: number }) {
  const { t } = useI18n();
  const { params } = useLocation();
  const selected = Number(params.get('id')) || null;
  const list = useLoad(
    () => api.get<{ items: Summary[]; settings: Settings }>(`/sites/${siteId}/consultations`),
    [siteId, selected],
  );
  return (
    <section>
      <ScreenTitle>{t('consult.title')}</ScreenTitle>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <table className="data-table">
          <caption>{t('consult.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consult.name')}</th>
              <th scope="col">{t('consult.period')}</th>
              <th scope="col">{t('consult.stage')}</th>
              <th scope="col">{t('consult.comments')}</th>
              <th scope="col">{t('consult.feedback')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((c) => (
              <tr key={c.id} className={c.feedback === 'overdue' ? 'overdue' : ''}>
                <td>
                  <a
                    href={`/admin/consultations?id=${c.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      setQuery({ id: c.id });
                    }}
                  >
                    {c.title}
                  </a>
                  {c.withdrawn ? t('app.parenthesis', { text: t('consult.withdrawn') }) : ''}
                </td>
                <td>
                  {c.opensOn} — {c.closesOn}
                </td>
                <td>{t(`consult.stage.${c.stage}` as MessageKey)}</td>
                <td>
                  {t('consult.commentCounts', { total: c.comments.total, pending: c.comments.pending })}
                </td>
                <td>
                  {t(`consult.feedback.${c.feedback}` as MessageKey)}
                  {c.feedback === 'due' || c.feedback === 'overdue'
                    ? t('app.parenthesis', { text: c.feedbackDueOn })
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {selected ? (
        <ConsultationDetail key={selected} id={selected} onChange={list.reload} />
      ) : (
        <NewConsultation siteId={siteId} onCreated={(id) => setQuery({ id })} />
      )}
      {list.data ? (
        <SettingsForm siteId={siteId} settings={list.data.settings} onSaved={list.reload} />
      ) : null}
    </section>
  );
}

function NewConsultation({ siteId, onCreated }: { siteId: number; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const action = useAction();
  const [form, setForm] = useState({
    kind: 'regulation' as ConsultationKind,
    title: '',
    drafter: '',
    summary: '',
    body: '',
    opensOn: '',
    closesOn: '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const submit = async () => {
    const bodyHtml = form.body
      .split(/\n+/)
      .filter((line) => line.trim() !== '')
      .map((line) => `<p>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
      .join('');
    const made = await action.run(() =>
      api.post<{ id: number }>(`/sites/${siteId}/consultations`, {
        kind: form.kind,
        title: form.title,
        drafter: form.drafter,
        summary: form.summary,
        bodyHtml,
        opensOn: form.opensOn,
        closesOn: form.closesOn,
      }),
    );
    if (made) onCreated(made.id);
  };
  return (
    <form
      className="panel"
      aria-labelledby="new-consultation"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="new-consultation">{t('consult.new')}</h2>
      <ErrorNotice error={action.error} />
      <SelectField
        label={t('consult.kind')}
        value={form.kind}
        onChange={set('kind')}
        options={CONSULTATION_KINDS.map((k) => ({ value: k, label: t(`consult.kind.${k}` as MessageKey) }))}
      />
      <TextField
        label={t('consult.name')}
        required
        value={form.title}
        onChange={set('title')}
        error={action.fieldError('title')}
      />
      <TextField
        label={t('consult.drafter')}
        value={form.drafter}
        onChange={set('drafter')}
        error={action.fieldError('drafter')}
      />
      <TextArea
        label={t('consult.summary')}
        rows={3}
        value={form.summary}
        onChange={set('summary')}
        error={action.fieldError('summary')}
      />
      <TextArea
        label={t('consult.body')}
        required
        rows={10}
        value={form.body}
        onChange={set('body')}
        error={action.fieldError('bodyHtml')}
        hint={t('consult.bodyHint')}
      />
      <TextField
        label={t('consult.opensOn')}
        type="date"
        required
        value={form.opensOn}
        onChange={set('opensOn')}
        error={action.fieldError('opensOn')}
      />
      <TextField
        label={t('consult.closesOn')}
        type="date"
        required
        value={form.closesOn}
        onChange={set('closesOn')}
        error={action.fieldError('closesOn')}
      />
      <p>
        <button type="submit" className="primary" disabled={action.busy}>
          {t('consult.create')}
        </button>
      </p>
    </form>
  );
}

function ConsultationDetail({ id, onChange }: { id: number; onChange: () => void }) {
  const { t, time } = useI18n();
  const { data, error, reload } = useLoad(() => api.get<Detail>(`/consultations/${id}`), [id]);
  const action = useAction();
  const [feedback, setFeedback] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [done, setDone] = useState('');
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <Loading />;
  const after = (message: MessageKey) => (result: unknown) => {
    if (result === undefined) return;
    setDone(t(message));
    reload();
    onChange();
  };
  const moderate = (comment: Comment, decision: 'approved' | 'rejected') =>
    void action
      .run(() =>
        api.post(`/consultation-comments/${comment.id}/moderation`, {
          version: comment.version,
          decision,
          note: notes[comment.id] ?? '',
        }),
      )
      .then(after(decision === 'approved' ? 'consult.approvedDone' : 'consult.rejectedDone'));
  const text = feedback ?? data.consultation.feedback;
  return (
    <article className="panel" aria-labelledby="consultation-head">
      <h2 id="consultation-head">{data.title}</h2>
      {done ? <Notice tone="ok">{done}</Notice> : null}
      <ErrorNotice error={action.anyError} />
      <p>
        {data.opensOn} — {data.closesOn} · {t(`consult.stage.${data.stage}` as MessageKey)} ·{' '}
        <a href={`/hudong/zhengji/${data.id}`}>{t('consult.publicPage')}</a>
      </p>
      <h3>{t('consult.comments')}</h3>
      {data.items.length === 0 ? <p>{t('consult.noComments')}</p> : null}
      <ol className="history">
        {data.items.map((comment) => (
          <li key={comment.id}>
            <p>
              {comment.displayName || t('consult.anonymous')} · {time(comment.receivedAt)} ·{' '}
              <strong>{t(`consult.comment.${comment.status}` as MessageKey)}</strong>
              {comment.flagged
                ? ` · ${t('app.pair', { label: t('consult.flagged'), value: comment.flaggedReason })}`
                : ''}
            </p>
            {comment.body.split(/\n+/).map((p, i) => (
              <p key={i}>{p}</p>
            ))}
            <TextField
              label={t('consult.moderationNote')}
              value={notes[comment.id] ?? comment.moderationNote}
              onChange={(e) => setNotes({ ...notes, [comment.id]: e.target.value })}
            />
            <p className="actions">
              <button
                type="button"
                disabled={action.busy || comment.status === 'approved'}
                onClick={() => moderate(comment, 'approved')}
              >
                {t('consult.approve')}
              </button>{' '}
              <button
                type="button"
                disabled={action.busy || comment.status === 'rejected'}
                onClick={() => moderate(comment, 'rejected')}
              >
                {t('consult.reject')}
              </button>
            </p>
          </li>
        ))}
      </ol>
      {data.stage === 'closed' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void action
              .run(() => api.put(`/consultations/${id}/feedback`, { version: data.version, feedback: text }))
              .then(after('consult.feedbackDone'));
          }}
        >
          <TextArea
            label={t('consult.feedbackText')}
            rows={8}
            required
            value={text}
            onChange={(e) => setFeedback(e.target.value)}
            hint={t('consult.feedbackHint', { date: data.feedbackDueOn })}
          />
          <p>
            <button type="submit" className="primary" disabled={action.busy}>
              {t('consult.publishFeedback')}
            </button>
          </p>
        </form>
      ) : (
        <p>{t('consult.feedbackAfter')}</p>
      )}
    </article>
  );
}

function SettingsForm({
  siteId,
  settings,
  onSaved,
}: {
  siteId: number;
  settings: Settings;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const [show, setShow] = useState(settings.showComments);
  const [days, setDays] = useState(String(settings.feedbackDays));
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="panel"
      aria-labelledby="consult-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void action
          .run(() =>
            api.put(`/sites/${siteId}/consultations/settings`, {
              showComments: show,
              feedbackDays: Number(days),
            }),
          )
          .then((result) => {
            if (result === undefined) return;
            setSaved(true);
            onSaved();
          });
      }}
    >
      <h2 id="consult-settings">{t('consult.settings')}</h2>
      {saved ? <Notice tone="ok">{t('consult.settingsSaved')}</Notice> : null}
      <ErrorNotice error={action.error} />
      <label className="check">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />{' '}
        {t('consult.showComments')}
      </label>
      <TextField
        label={t('consult.feedbackDays')}
        type="number"
        min={1}
        max={365}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={action.fieldError('feedbackDays')}
      />
      <p>
        <button type="submit" disabled={action.busy}>
          {t('consult.save')}
        </button>
      </p>
    </form>
  );
}
