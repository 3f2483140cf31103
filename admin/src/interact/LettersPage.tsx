import { useState } from 'react';
import { api, query } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { setQuery, useLocation } from '../router';
import { useWorkspace } from '../session';
import { ErrorNotice, Loading, Notice, ScreenTitle, SelectField, TextArea, useAction, useLoad } from '../ui';
import { INVALID_KINDS, MESSAGE_STATUSES, type MessageStatus } from '../../../src/core/interact';

interface Deadline {
  readonly dueOn: string;
  readonly dayNumber: number;
  readonly daysLeft: number;
  readonly mark: string;
  readonly explanation: string;
}

interface Item {
  readonly id: number;
  readonly number: string;
  readonly channelName: string;
  readonly subject: string;
  readonly status: MessageStatus;
  readonly held: boolean;
  readonly receivedOn: string;
  readonly deadline: Deadline;
  readonly version: number;
}

interface Inbox {
  readonly items: readonly Item[];
  readonly counts: Readonly<Record<MessageStatus | 'overdue' | 'dueSoon' | 'held', number>>;
}

interface Channel {
  readonly id: number;
  readonly name: string;
}

interface Detail extends Item {
  readonly body: string;
  readonly heldReason: string;
  readonly contact: { name: string; phone: string; email: string; address: string } | null;
  readonly contactPurged: boolean;
  readonly wantsPublic: boolean;
  readonly replyText: string;
  readonly replyDepartment: string;
  readonly reviewLevel: number;
  readonly reviewLevels: number;
  readonly invalidReason: string;
  readonly events: readonly { id: number; at: string; actorName: string; action: string; note: string }[];
  readonly can: { handle: boolean; review: boolean; publish: boolean; manage: boolean; oversee: boolean };
}

const OPEN: readonly MessageStatus[] = ['received', 'drafted', 'reviewing', 'approved'];

/** The handling inbox of 互动交流: letters of my departments and replies waiting for me, most urgent first. */
export function LettersPage({ siteId }: { siteId: number }) {
  const { t } = useI18n();
  const { params } = useLocation();
  const selected = Number(params.get('id')) || null;
  const status = params.get('status') ?? '';
  const channelId = params.get('channel') ?? '';
  const urgent = params.get('urgent') === '1';
  const channels = useLoad(
    () => api.get<{ items: Channel[] }>(`/sites/${siteId}/interact/channels`).catch(() => ({ items: [] })),
    [siteId],
  );
  const inbox = useLoad(
    () =>
      api.get<Inbox>(
        `/sites/${siteId}/interact/inbox${query({ status, channelId, urgent: urgent ? '1' : undefined })}`,
      ),
    [siteId, status, channelId, urgent, selected],
  );
  const filters = { status, channel: channelId, urgent: urgent ? '1' : undefined };
  return (
    <section>
      <ScreenTitle>{t('interact.title')}</ScreenTitle>
      <div className="filters" role="search">
        <SelectField
          label={t('interact.status')}
          value={status}
          onChange={(e) => setQuery({ ...filters, status: e.target.value })}
          options={[
            { value: '', label: t('interact.all') },
            ...MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`interact.status.${s}` as MessageKey) })),
          ]}
        />
        <SelectField
          label={t('interact.channel')}
          value={channelId}
          onChange={(e) => setQuery({ ...filters, channel: e.target.value })}
          options={[
            { value: '', label: t('interact.all') },
            ...(channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={urgent}
            onChange={(e) => setQuery({ ...filters, urgent: e.target.checked ? '1' : undefined })}
          />{' '}
          {t('interact.urgentOnly')}
        </label>
      </div>
      <ErrorNotice error={inbox.error} />
      {inbox.loading && !inbox.data ? <Loading /> : null}
      {inbox.data ? (
        <>
          <p className="counts" aria-label={t('interact.counts')}>
            {OPEN.map((s) => `${t(`interact.status.${s}` as MessageKey)} ${inbox.data!.counts[s]}`).join(
              ' · ',
            )}
            {' · '}
            {t('interact.overdue')} {inbox.data.counts.overdue} · {t('interact.dueSoon')}{' '}
            {inbox.data.counts.dueSoon} · {t('interact.held')} {inbox.data.counts.held}
          </p>
          <table className="data-table">
            <caption>{t('interact.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('interact.number')}</th>
                <th scope="col">{t('interact.channel')}</th>
                <th scope="col">{t('interact.subject')}</th>
                <th scope="col">{t('interact.status')}</th>
                <th scope="col">{t('interact.due')}</th>
              </tr>
            </thead>
            <tbody>
              {inbox.data.items.map((item) => {
                const open = OPEN.includes(item.status);
                const late = open && item.deadline.daysLeft < 0;
                return (
                  <tr
                    key={item.id}
                    className={late ? 'overdue' : open && item.deadline.daysLeft <= 3 ? 'due-soon' : ''}
                  >
                    <td>
                      <a
                        href={`/admin/interact?id=${item.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          setQuery({ ...filters, id: item.id });
                        }}
                      >
                        {item.number}
                      </a>
                    </td>
                    <td>{item.channelName}</td>
                    <td>
                      {item.subject}
                      {item.held ? t('app.parenthesis', { text: t('interact.held') }) : ''}
                    </td>
                    <td>{t(`interact.status.${item.status}` as MessageKey)}</td>
                    <td>
                      {item.deadline.dueOn}
                      {open
                        ? late
                          ? t('app.parenthesis', {
                              text: t('interact.lateBy', { days: -item.deadline.daysLeft }),
                            })
                          : t('app.parenthesis', {
                              text: t('interact.daysLeft', { days: item.deadline.daysLeft }),
                            })
                        : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {inbox.data.items.length === 0 ? <p>{t('interact.empty')}</p> : null}
        </>
      ) : null}
      {selected ? (
        <LetterDetail key={selected} siteId={siteId} id={selected} onChange={inbox.reload} />
      ) : null}
    </section>
  );
}

type Command =
  | { type: 'assign'; userId: number }
  | { type: 'transfer'; departmentId: number; note: string }
  | { type: 'note'; note: string }
  | { type: 'draft'; replyText: string }
  | { type: 'submit' }
  | { type: 'approve' }
  | { type: 'reject'; note: string }
  | { type: 'publish'; showOnSite?: boolean }
  | { type: 'invalid'; kind: (typeof INVALID_KINDS)[number]; reason: string };

function LetterDetail({ siteId, id, onChange }: { siteId: number; id: number; onChange: () => void }) {
  const { t, time } = useI18n();
  const { me } = useWorkspace();
  const { data, error, reload } = useLoad(() => api.get<Detail>(`/interact/messages/${id}`), [id]);
  const departments = useLoad(
    () =>
      api
        .get<{ items: { id: number; name: string }[] }>(`/sites/${siteId}/departments`)
        .catch(() => ({ items: [] })),
    [siteId],
  );
  const action = useAction();
  const [reply, setReply] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [target, setTarget] = useState('');
  const [invalidKind, setInvalidKind] = useState<string>(INVALID_KINDS[0]);
  const [done, setDone] = useState('');
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <Loading />;
  const step = (command: Command, message: MessageKey) =>
    void action
      .run(() => api.post(`/interact/messages/${id}/steps`, { version: data.version, command }))
      .then((result) => {
        if (result === undefined) return;
        setDone(t(message));
        setNote('');
        reload();
        onChange();
      });
  const editable = data.status === 'received' || data.status === 'drafted';
  const replyText = reply ?? data.replyText;
  return (
    <article className="panel" aria-labelledby="letter-head">
      <h2 id="letter-head">
        {data.number} {data.subject}
      </h2>
      {done ? <Notice tone="ok">{done}</Notice> : null}
      <ErrorNotice error={action.failure} />
      <dl className="facts">
        <dt>{t('interact.channel')}</dt>
        <dd>{data.channelName}</dd>
        <dt>{t('interact.status')}</dt>
        <dd id="letter-status">{t(`interact.status.${data.status}` as MessageKey)}</dd>
        <dt>{t('interact.received')}</dt>
        <dd>{data.receivedOn}</dd>
        <dt>{t('interact.due')}</dt>
        <dd>
          {data.deadline.dueOn}
          {t('app.parenthesis', { text: data.deadline.explanation })}
        </dd>
        {data.contact ? (
          <>
            <dt>{t('interact.contact')}</dt>
            <dd>
              {[data.contact.name, data.contact.phone, data.contact.email, data.contact.address]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        ) : null}
        {data.held ? (
          <>
            <dt>{t('interact.held')}</dt>
            <dd>{data.heldReason}</dd>
          </>
        ) : null}
      </dl>
      {data.body.split(/\n+/).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {data.can.handle && OPEN.includes(data.status) ? (
        <p>
          <button
            type="button"
            disabled={action.busy}
            onClick={() => step({ type: 'assign', userId: me.user.id }, 'interact.assigned')}
          >
            {t('interact.assignMe')}
          </button>
        </p>
      ) : null}
      {data.can.handle && editable ? (
        <>
          <TextArea
            label={t('interact.reply')}
            value={replyText}
            rows={6}
            onChange={(e) => setReply(e.target.value)}
            error={action.fieldError('replyText')}
          />
          <p className="actions">
            <button
              type="button"
              disabled={action.busy}
              onClick={() => step({ type: 'draft', replyText }, 'interact.saved')}
            >
              {t('interact.saveDraft')}
            </button>{' '}
            {data.status === 'drafted' ? (
              <button
                type="button"
                className="primary"
                disabled={action.busy}
                onClick={() => step({ type: 'submit' }, 'interact.submitted')}
              >
                {t('interact.submit')}
              </button>
            ) : null}
          </p>
        </>
      ) : data.replyText ? (
        <section aria-labelledby="reply-head">
          <h3 id="reply-head">{t('interact.reply')}</h3>
          {data.replyText.split(/\n+/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ) : null}
      {data.status === 'reviewing' && data.can.review ? (
        <p className="actions">
          {t('interact.reviewLevel', { level: data.reviewLevel, levels: data.reviewLevels })}{' '}
          <button
            type="button"
            className="primary"
            disabled={action.busy}
            onClick={() => step({ type: 'approve' }, 'interact.approved')}
          >
            {t('interact.approve')}
          </button>{' '}
          <button
            type="button"
            disabled={action.busy || note.trim() === ''}
            onClick={() => step({ type: 'reject', note }, 'interact.rejected')}
          >
            {t('interact.reject')}
          </button>
        </p>
      ) : null}
      {data.status === 'approved' && data.can.publish ? (
        <p className="actions">
          <button
            type="button"
            className="primary"
            disabled={action.busy}
            onClick={() => step({ type: 'publish' }, 'interact.published')}
          >
            {t('interact.publish')}
          </button>
        </p>
      ) : null}
      {(data.can.handle || data.can.review || data.can.manage) && data.status !== 'answered' ? (
        <TextArea
          label={t('interact.note')}
          value={note}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
          error={action.fieldError('note')}
        />
      ) : null}
      {(data.can.handle || data.can.review || data.can.manage) && data.status !== 'answered' ? (
        <p className="actions">
          <button
            type="button"
            disabled={action.busy || note.trim() === ''}
            onClick={() => step({ type: 'note', note }, 'interact.noted')}
          >
            {t('interact.addNote')}
          </button>
        </p>
      ) : null}
      {(data.can.handle || data.can.manage) && editable ? (
        <div className="actions">
          <SelectField
            label={t('interact.transferTo')}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            options={[
              { value: '', label: '—' },
              ...(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
          <button
            type="button"
            disabled={action.busy || target === '' || note.trim() === ''}
            onClick={() =>
              step({ type: 'transfer', departmentId: Number(target), note }, 'interact.transferred')
            }
          >
            {t('interact.transfer')}
          </button>
        </div>
      ) : null}
      {(data.can.handle || data.can.manage) && editable ? (
        <div className="actions">
          <SelectField
            label={t('interact.invalidKind')}
            value={invalidKind}
            onChange={(e) => setInvalidKind(e.target.value)}
            options={INVALID_KINDS.map((k) => ({
              value: k,
              label: t(`interact.invalid.${k}` as MessageKey),
            }))}
          />
          <button
            type="button"
            disabled={action.busy || note.trim() === ''}
            onClick={() =>
              step(
                { type: 'invalid', kind: invalidKind as (typeof INVALID_KINDS)[number], reason: note },
                'interact.markedInvalid',
              )
            }
          >
            {t('interact.markInvalid')}
          </button>
        </div>
      ) : null}
      <h3>{t('interact.history')}</h3>
      <ol className="history">
        {data.events.map((event) => (
          <li key={event.id}>
            {time(event.at)} {event.actorName}{' '}
            {event.note ? t('app.pair', { label: event.action, value: event.note }) : event.action}
          </li>
        ))}
      </ol>
    </article>
  );
}
