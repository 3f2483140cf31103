import { useState } from 'react';
import { api } from '../api';
import '../calendar/calendar.css';
import { useI18n } from '../i18n';
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
import { REPLY_REASONS } from '../../../src/core/disclosure';

interface Row {
  readonly id: number;
  readonly number: string;
  readonly stateLabel: string;
  readonly excerpt: string;
  readonly receivedOn: string | null;
  readonly dueOn: string | null;
  readonly dayNumber: number | null;
  readonly daysLeft: number | null;
  readonly urgency: 'overdue' | 'due-soon' | 'running' | 'paused' | null;
}

interface Detail {
  readonly request: { id: number; number: string; version: number; state: string; replyText: string };
  readonly stateLabel: string;
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

const URGENCY: Record<string, string> = {
  overdue: '已超期',
  'due-soon': '3个工作日内到期',
  running: '办理中',
  paused: '计时暂停',
};

const STEP_LABELS: Record<string, string> = {
  register: '登记',
  accept: '受理',
  'request-correction': '告知补正',
  'receive-correction': '收到补正',
  extend: '延期',
  consult: '征求第三方意见',
  'consultation-answered': '收到第三方意见',
  review: '保密审查（答复内容）',
  answer: '答复',
  close: '办结',
};

const REPLY_TYPES = [
  ['disclose', '予以公开'],
  ['partial', '部分公开'],
  ['refuse', '不予公开'],
  ['unavailable', '无法提供'],
  ['not-handled', '不予处理'],
  ['other', '其他处理'],
] as const;

/** The annual-report form's sub-reasons, as the server checks them. */
const REASONS: Readonly<Record<string, readonly (readonly [string, string])[]>> = REPLY_REASONS;

/** The handling department's inbox of requests for disclosure (依申请公开), most urgent first. */
export function DisclosureInbox({ siteId }: { siteId: number }) {
  const { params } = useLocation();
  const selected = Number(params.get('id')) || null;
  const list = useLoad(
    () => api.get<{ items: Row[]; today: string }>(`/sites/${siteId}/disclosure/requests`),
    [siteId, selected],
  );
  return (
    <section>
      <ScreenTitle>依申请公开</ScreenTitle>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <table className="data-table">
          <caption>今天 {list.data.today}，按紧急程度排序</caption>
          <thead>
            <tr>
              <th scope="col">申请编号</th>
              <th scope="col">状态</th>
              <th scope="col">内容</th>
              <th scope="col">工作日</th>
              <th scope="col">剩余</th>
              <th scope="col">截止日期</th>
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
                  {row.stateLabel}
                  {row.urgency ? `（${URGENCY[row.urgency]}）` : ''}
                </td>
                <td>{row.excerpt}</td>
                <td>{row.dayNumber === null ? '—' : `第 ${row.dayNumber} 个工作日`}</td>
                <td>
                  {row.daysLeft === null
                    ? '—'
                    : row.daysLeft < 0
                      ? `超期 ${-row.daysLeft} 天`
                      : `${row.daysLeft} 天`}
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
  const { time } = useI18n();
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
        申请 {data.request.number}：{data.stateLabel}
      </h2>
      {data.deadline ? (
        <details>
          <summary>
            截止 {data.deadline.dueOn}，第 {data.deadline.dayNumber} 个工作日，剩余 {data.deadline.daysLeft}{' '}
            个工作日（查看计算过程）
          </summary>
          <p>{data.deadline.text}</p>
        </details>
      ) : null}
      {data.requester ? (
        <dl>
          <dt>申请人</dt>
          <dd>
            {data.requester['name']}（{data.requester['idType']} {data.requester['idNumber']}）
            {data.requester['phone']} {data.requester['email']}
          </dd>
          <dt>所需信息</dt>
          <dd>{data.requester['description']}</dd>
          <dt>用途</dt>
          <dd>{data.requester['purpose'] || '—'}</dd>
          <dt>身份证明</dt>
          <dd>
            {data.identityFiles.map((f) => (
              <a key={f.id} href={`/admin/api/disclosure/requests/${id}/identity/${f.id}`}>
                下载（{Math.ceil(f.size / 1024)} KB）
              </a>
            ))}
          </dd>
        </dl>
      ) : (
        <p>个人信息已按保存期限删除。</p>
      )}
      <h3>办理记录</h3>
      <ol>
        {data.events.map((e) => (
          <li key={e.id}>
            {time(e.at)} {e.actorName} {STEP_LABELS[e.step] ?? e.step}
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
            label="下一步"
            value={step}
            options={[
              { value: '', label: '请选择' },
              ...data.steps.map((s) => ({ value: s, label: STEP_LABELS[s] ?? s })),
            ]}
            onChange={(e) => setStep(e.target.value)}
          />
          {step === 'register' || step === 'receive-correction' ? (
            <TextField
              label="收到日期"
              type="date"
              value={form['receivedOn'] ?? ''}
              onChange={set('receivedOn')}
              error={action.fieldError('receivedOn')}
            />
          ) : null}
          {step === 'consult' || step === 'consultation-answered' ? (
            <TextField
              label={step === 'consult' ? '征求意见日期' : '收到意见日期'}
              type="date"
              value={form['on'] ?? ''}
              onChange={set('on')}
              error={action.fieldError('on')}
            />
          ) : null}
          {step === 'request-correction' || step === 'consult' || step === 'consultation-answered' ? (
            <TextArea
              label="说明"
              value={form['note'] ?? ''}
              onChange={set('note')}
              error={action.fieldError('note')}
            />
          ) : null}
          {step === 'extend' ? (
            <>
              <TextField
                label="延长工作日数（1–20）"
                type="number"
                min={1}
                max={20}
                value={form['days'] ?? ''}
                onChange={set('days')}
                error={action.fieldError('days')}
              />
              <TextArea
                label="延期理由"
                value={form['reason'] ?? ''}
                onChange={set('reason')}
                error={action.fieldError('reason')}
              />
              <TextField
                label="批准人职务"
                value={form['approverRole'] ?? ''}
                onChange={set('approverRole')}
                error={action.fieldError('approverRole')}
              />
            </>
          ) : null}
          {step === 'review' ? (
            <>
              <SelectField
                label="答复类型"
                value={replyType}
                options={REPLY_TYPES.map(([value, label]) => ({ value, label }))}
                onChange={set('replyType')}
              />
              {REASONS[replyType] ? (
                <SelectField
                  label="具体理由"
                  value={form['replyReason'] ?? REASONS[replyType]?.[0]?.[0] ?? ''}
                  options={(REASONS[replyType] ?? []).map(([value, label]) => ({ value, label }))}
                  onChange={set('replyReason')}
                  error={action.fieldError('replyReason')}
                />
              ) : null}
              <TextArea
                label="答复内容"
                rows={8}
                value={form['replyText'] ?? data.request.replyText}
                onChange={set('replyText')}
                error={action.fieldError('replyText')}
              />
              <SelectField
                label="保密审查结论"
                value={form['conclusion'] ?? 'pass'}
                options={[
                  { value: 'pass', label: '通过，可以答复' },
                  { value: 'fail', label: '不通过，需修改' },
                ]}
                onChange={set('conclusion')}
              />
              <TextArea
                label="审查意见"
                value={form['reviewNote'] ?? ''}
                onChange={set('reviewNote')}
                error={action.fieldError('note')}
              />
            </>
          ) : null}
          <button type="submit" className="primary" disabled={!step || action.busy}>
            确认
          </button>
        </form>
      ) : null}
      <ErrorNotice error={action.anyError} />
    </article>
  );
}
