import { useState } from 'react';
import { api } from '../api';
import '../calendar/calendar.css';
import { formatSize } from '../../../src/core/file-size';
import { useI18n } from '../i18n';
import { disclosureStateLabel, replyTypeLabel } from '../labels';
import { setQuery, useLocation } from '../router';
import {
  ErrorNotice,
  Loading,
  ScreenTitle,
  SelectField,
  TextArea,
  TextField,
  useAction,
  useLoad,
} from '../ui';
import { REPLY_REASONS, REPLY_TYPES, type DisclosureState, type Urgency } from '../../../src/core/disclosure';

interface Row {
  readonly id: number;
  readonly number: string;
  readonly state: DisclosureState;
  readonly excerpt: string;
  readonly receivedOn: string | null;
  readonly dueOn: string | null;
  readonly dayNumber: number | null;
  readonly daysLeft: number | null;
  readonly urgency: Urgency | null;
}

interface Detail {
  readonly request: {
    id: number;
    number: string;
    version: number;
    state: DisclosureState;
    replyText: string;
  };
  readonly requester: Record<string, string> | null;
  readonly identityFiles: readonly { id: number; mime: string; size: number }[];
  readonly events: readonly { id: number; at: string; actorName: string; step: string }[];
  readonly deadline: {
    dueOn: string;
    dayNumber: number;
    daysLeft: number;
    urgency: string;
    text: string;
  } | null;
  readonly steps: readonly string[];
}

/** The annual-report form's sub-reasons, as the server checks them. */
const REASONS: Readonly<Record<string, readonly (readonly [string, string])[]>> = REPLY_REASONS;

/** The handling department's inbox of requests for disclosure (依申请公开), most urgent first. */
export function DisclosureInbox({ siteId }: { siteId: number }) {
  const { lang, t } = useI18n();
  const { params } = useLocation();
  const selected = Number(params.get('id')) || null;
  const list = useLoad(
    () => api.get<{ items: Row[]; today: string }>(`/sites/${siteId}/disclosure/requests`),
    [siteId, selected],
  );
  return (
    <section>
      <ScreenTitle>{t('disclosure.title')}</ScreenTitle>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <table className="data-table">
          <caption>{t('disclosure.today', { today: list.data.today })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('disclosure.number')}</th>
              <th scope="col">{t('disclosure.stateColumn')}</th>
              <th scope="col">{t('disclosure.excerpt')}</th>
              <th scope="col">{t('disclosure.workingDay')}</th>
              <th scope="col">{t('disclosure.left')}</th>
              <th scope="col">{t('disclosure.dueOn')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((row) => (
              <tr
                key={row.id}
                className={
                  row.urgency === 'overdue' ? 'overdue' : row.urgency === 'due-soon' ? 'due-soon' : ''
                }
              >
                <td>
                  <a
                    href={`/admin/disclosure?id=${row.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      setQuery({ id: row.id });
                    }}
                  >
                    {row.number}
                  </a>
                </td>
                <td>
                  {disclosureStateLabel(row.state, lang)}
                  {row.urgency
                    ? t('disclosure.urgencyNote', { urgency: t(`disclosure.urgency.${row.urgency}`) })
                    : ''}
                </td>
                <td>{row.excerpt}</td>
                <td>{row.dayNumber === null ? '—' : t('disclosure.dayNumber', { n: row.dayNumber })}</td>
                <td>
                  {row.daysLeft === null
                    ? '—'
                    : row.daysLeft < 0
                      ? t('disclosure.overdueDays', { days: -row.daysLeft })
                      : t('disclosure.daysLeft', { days: row.daysLeft })}
                </td>
                <td>{row.dueOn ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {selected ? <RequestDetail key={selected} id={selected} onChange={list.reload} /> : null}
    </section>
  );
}

function RequestDetail({ id, onChange }: { id: number; onChange: () => void }) {
  const { lang, t, label, time } = useI18n();
  const { data, error, reload } = useLoad(() => api.get<Detail>(`/disclosure/requests/${id}`), [id]);
  const action = useAction();
  const [step, setStep] = useState('');
  const [form, setForm] = useState<Record<string, string>>({});
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <Loading />;
  const set = (name: string) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  const submit = () => {
    const body: Record<string, unknown> = { step, version: data.request.version };
    if (step === 'register' && form['receivedOn']) body['receivedOn'] = form['receivedOn'];
    if (step === 'request-correction') body['note'] = form['note'] ?? '';
    if (step === 'receive-correction') body['receivedOn'] = form['receivedOn'] ?? '';
    if (step === 'extend')
      Object.assign(body, {
        days: Number(form['days']),
        reason: form['reason'] ?? '',
        approverRole: form['approverRole'] ?? '',
      });
    if (step === 'consult' || step === 'consultation-answered')
      Object.assign(body, { on: form['on'] ?? '', note: form['note'] ?? '' });
    if (step === 'review') {
      const type = form['replyType'] ?? 'disclose';
      Object.assign(body, {
        replyType: type,
        replyReason: REASONS[type] ? (form['replyReason'] ?? REASONS[type]?.[0]?.[0] ?? null) : null,
        replyText: form['replyText'] ?? '',
        attachments: [],
        conclusion: form['conclusion'] ?? 'pass',
        note: form['reviewNote'] ?? '',
      });
    }
    void action
      .run(() => api.post(`/disclosure/requests/${id}/steps`, body))
      .then((r) => {
        if (r) {
          setStep('');
          setForm({});
          reload();
          onChange();
        }
      });
  };
  const replyType = form['replyType'] ?? 'disclose';
  return (
    <article className="card">
      <h2>
        {t('disclosure.heading', {
          number: data.request.number,
          state: disclosureStateLabel(data.request.state, lang),
        })}
      </h2>
      {data.deadline ? (
        <details>
          <summary>
            {t('disclosure.deadline', {
              dueOn: data.deadline.dueOn,
              day: data.deadline.dayNumber,
              left: data.deadline.daysLeft,
            })}
          </summary>
          <p>{data.deadline.text}</p>
        </details>
      ) : null}
      {data.requester ? (
        <dl>
          <dt>{t('disclosure.requester')}</dt>
          <dd>
            {t('disclosure.requesterLine', {
              name: data.requester['name'] ?? '',
              idType: data.requester['idType'] ?? '',
              idNumber: data.requester['idNumber'] ?? '',
            })}{' '}
            {data.requester['phone']} {data.requester['email']}
          </dd>
          <dt>{t('disclosure.description')}</dt>
          <dd>{data.requester['description']}</dd>
          <dt>{t('disclosure.purpose')}</dt>
          <dd>{data.requester['purpose'] || '—'}</dd>
          <dt>{t('disclosure.identity')}</dt>
          <dd>
            {data.identityFiles.map((f) => (
              <a key={f.id} href={`/admin/api/disclosure/requests/${id}/identity/${f.id}`}>
                {t('disclosure.download', { size: formatSize(f.size) })}
              </a>
            ))}
          </dd>
        </dl>
      ) : (
        <p>{t('disclosure.purged')}</p>
      )}
      <h3>{t('disclosure.events')}</h3>
      <ol>
        {data.events.map((e) => (
          <li key={e.id}>
            {time(e.at)} {e.actorName} {label('disclosure.step', e.step)}
          </li>
        ))}
      </ol>
      {data.steps.length > 0 ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <SelectField
            label={t('disclosure.nextStep')}
            value={step}
            options={[
              { value: '', label: t('disclosure.choose') },
              ...data.steps.map((s) => ({ value: s, label: label('disclosure.step', s) })),
            ]}
            onChange={(e) => setStep(e.target.value)}
          />
          {step === 'register' || step === 'receive-correction' ? (
            <TextField
              label={t('disclosure.receivedOn')}
              type="date"
              value={form['receivedOn'] ?? ''}
              onChange={set('receivedOn')}
              error={action.fieldError('receivedOn')}
            />
          ) : null}
          {step === 'consult' || step === 'consultation-answered' ? (
            <TextField
              label={t(step === 'consult' ? 'disclosure.consultedOn' : 'disclosure.opinionReceivedOn')}
              type="date"
              value={form['on'] ?? ''}
              onChange={set('on')}
              error={action.fieldError('on')}
            />
          ) : null}
          {step === 'request-correction' || step === 'consult' || step === 'consultation-answered' ? (
            <TextArea
              label={t('disclosure.note')}
              value={form['note'] ?? ''}
              onChange={set('note')}
              error={action.fieldError('note')}
            />
          ) : null}
          {step === 'extend' ? (
            <>
              <TextField
                label={t('disclosure.extendDays')}
                type="number"
                min={1}
                max={20}
                value={form['days'] ?? ''}
                onChange={set('days')}
                error={action.fieldError('days')}
              />
              <TextArea
                label={t('disclosure.extendReason')}
                value={form['reason'] ?? ''}
                onChange={set('reason')}
                error={action.fieldError('reason')}
              />
              <TextField
                label={t('disclosure.approverRole')}
                value={form['approverRole'] ?? ''}
                onChange={set('approverRole')}
                error={action.fieldError('approverRole')}
              />
            </>
          ) : null}
          {step === 'review' ? (
            <>
              <SelectField
                label={t('disclosure.replyType')}
                value={replyType}
                options={REPLY_TYPES.map((value) => ({ value, label: replyTypeLabel(value, lang) }))}
                onChange={set('replyType')}
              />
              {REASONS[replyType] ? (
                <SelectField
                  label={t('disclosure.replyReason')}
                  value={form['replyReason'] ?? REASONS[replyType]?.[0]?.[0] ?? ''}
                  options={(REASONS[replyType] ?? []).map(([value, label]) => ({ value, label }))}
                  onChange={set('replyReason')}
                  error={action.fieldError('replyReason')}
                />
              ) : null}
              <TextArea
                label={t('disclosure.replyText')}
                rows={8}
                value={form['replyText'] ?? data.request.replyText}
                onChange={set('replyText')}
                error={action.fieldError('replyText')}
              />
              <SelectField
                label={t('disclosure.conclusion')}
                value={form['conclusion'] ?? 'pass'}
                options={[
                  { value: 'pass', label: t('disclosure.conclusion.pass') },
                  { value: 'fail', label: t('disclosure.conclusion.fail') },
                ]}
                onChange={set('conclusion')}
              />
              <TextArea
                label={t('disclosure.reviewNote')}
                value={form['reviewNote'] ?? ''}
                onChange={set('reviewNote')}
                error={action.fieldError('note')}
              />
            </>
          ) : null}
          <button type="submit" className="primary" disabled={!step || action.busy}>
            {t('disclosure.confirm')}
          </button>
        </form>
      ) : null}
      <ErrorNotice error={action.anyError} />
    </article>
  );
}
