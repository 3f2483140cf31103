import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { columnOptions, useColumns } from '../data';
import { useI18n } from '../i18n';
import { useWorkspace } from '../session';
import {
  Empty,
  ErrorNotice,
  Loading,
  Notice,
  ScreenTitle,
  SelectField,
  TextField,
  useAction,
  useLoad,
} from '../ui';

interface RelayView {
  readonly id: number;
  readonly sourceArticleId: number;
  readonly sourceTitle: string;
  readonly sourceSiteName: string;
  readonly sourceUrl: string;
  readonly targetSiteName: string;
  readonly status: 'offered' | 'accepted' | 'declined' | 'detached';
  readonly note: string;
  readonly reason: string;
  readonly offeredBy: string;
  readonly offeredAt: string;
  readonly copyArticleId: number | null;
  readonly copyStatus: string | null;
  readonly originChanged: boolean;
  readonly originWithdrawn: boolean;
}

interface SiteRelays {
  readonly incoming: RelayView[];
  readonly outgoing: RelayView[];
  readonly sites: { readonly id: number; readonly name: string }[];
}

/** One offer waiting in the incoming queue: take it into a column, or decline it with a reason. */
function Waiting({ relay, siteId, onDone }: { relay: RelayView; siteId: number; onDone: () => void }) {
  const { t } = useI18n();
  const workspace = useWorkspace();
  const columns = useColumns(siteId);
  const options = columnOptions((columns.data ?? []).filter((c) => c.kind !== 'link'));
  const [columnId, setColumnId] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const chosen = columnId !== '' ? Number(columnId) : (options[0]?.value ?? null);
  const accept = async () => {
    if (chosen === null) return;
    if (await action.run(() => api.post(`/relays/${relay.id}/accept`, { columnId: chosen }))) onDone();
  };
  const decline = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(() => api.post(`/relays/${relay.id}/decline`, { reason }))) onDone();
  };
  if (!workspace.can('relay.accept')) return null;
  return (
    <div className="relay-actions">
      <ErrorNotice error={action.anyError} />
      <SelectField
        label={t('platform.relays.column')}
        value={chosen ?? ''}
        onChange={(e) => setColumnId(e.target.value)}
        options={options}
        error={action.fieldError('columnId')}
      />
      <button
        type="button"
        className="primary"
        disabled={action.busy || chosen === null}
        onClick={() => void accept()}
      >
        {t('platform.relays.accept')}
      </button>
      <form className="inline-form" onSubmit={(e) => void decline(e)}>
        <TextField
          label={t('platform.relays.reason')}
          value={reason}
          required
          onChange={(e) => setReason(e.target.value)}
          error={action.fieldError('reason')}
        />
        <button type="submit" disabled={action.busy}>
          {t('platform.relays.decline')}
        </button>
      </form>
    </div>
  );
}

/** A copy taken earlier: take the original's change into review, or detach it. */
function Taken({ relay, onDone }: { relay: RelayView; onDone: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const run = async (what: 'update' | 'detach') => {
    if (await action.run(() => api.post(`/relays/${relay.id}/${what}`, what === 'detach' ? {} : undefined)))
      onDone();
  };
  return (
    <div className="relay-actions">
      <ErrorNotice error={action.anyError} />
      {relay.originChanged ? (
        <span className="badge badge-alert">{t('platform.relays.originChanged')}</span>
      ) : null}
      {relay.originWithdrawn ? (
        <span className="badge badge-alert">{t('platform.relays.originWithdrawn')}</span>
      ) : null}
      {relay.originChanged ? (
        <button type="button" disabled={action.busy} onClick={() => void run('update')}>
          {t('platform.relays.takeUpdate')}
        </button>
      ) : null}
      <button type="button" disabled={action.busy} onClick={() => void run('detach')}>
        {t('platform.relays.detach')}
      </button>
    </div>
  );
}

/**
 * 转载 (信息资源库): offer one of the site's published articles to another site of the platform, and the
 * incoming queue of articles other sites offered to this one, each taken into a column (and the site's own
 * review) or declined; copies whose original changed are marked until the change is taken or the copy detached.
 */
export function RelayScreen({ siteId }: { siteId: number }) {
  const { t, time } = useI18n();
  const workspace = useWorkspace();
  const list = useLoad(() => api.get<SiteRelays>(`/sites/${siteId}/relays`), [siteId]);
  const offer = useAction();
  const [articleId, setArticleId] = useState('');
  const [targetSiteId, setTargetSiteId] = useState('');
  const [note, setNote] = useState('');
  const [offered, setOffered] = useState<string | null>(null);
  const sites = list.data?.sites ?? [];
  const target = targetSiteId !== '' ? Number(targetSiteId) : (sites[0]?.id ?? null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOffered(null);
    const made = await offer.run(() =>
      api.post<RelayView>(`/articles/${Number(articleId)}/relays`, {
        targetSiteId: target,
        ...(note.trim() ? { note } : {}),
      }),
    );
    if (made) {
      setOffered(t('platform.relays.offered', { title: made.sourceTitle, site: made.targetSiteName }));
      setArticleId('');
      setNote('');
      list.reload();
    }
  };
  const status = (relay: RelayView) => t(`platform.relays.status.${relay.status}`);
  return (
    <>
      <ScreenTitle>{t('platform.relays.title')}</ScreenTitle>
      <p className="lead">{t('platform.relays.help')}</p>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {workspace.can('relay.offer') && list.data ? (
        <section aria-labelledby="relay-offer">
          <h2 id="relay-offer">{t('platform.relays.offer')}</h2>
          {offered ? <Notice tone="ok">{offered}</Notice> : null}
          <ErrorNotice error={offer.error} />
          <form className="inline-form" onSubmit={(e) => void submit(e)}>
            <TextField
              label={t('platform.relays.articleId')}
              inputMode="numeric"
              pattern="[0-9]+"
              required
              value={articleId}
              onChange={(e) => setArticleId(e.target.value)}
              error={offer.fieldError('id')}
            />
            <SelectField
              label={t('platform.relays.target')}
              value={target ?? ''}
              onChange={(e) => setTargetSiteId(e.target.value)}
              options={sites.map((s) => ({ value: s.id, label: s.name }))}
              error={offer.fieldError('targetSiteId')}
            />
            <TextField
              label={t('platform.relays.note')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              error={offer.fieldError('note')}
            />
            <button type="submit" className="primary" disabled={offer.busy || target === null}>
              {t('platform.relays.send')}
            </button>
          </form>
        </section>
      ) : null}
      {list.data ? (
        <>
          <section aria-labelledby="relay-incoming">
            <h2 id="relay-incoming">{t('platform.relays.incoming')}</h2>
            {list.data.incoming.length === 0 ? (
              <Empty />
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('platform.relays.article')}</th>
                      <th scope="col">{t('platform.relays.from')}</th>
                      <th scope="col">{t('platform.relays.offeredAt')}</th>
                      <th scope="col">{t('platform.status')}</th>
                      <th scope="col">{t('platform.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.incoming.map((relay) => (
                      <tr key={relay.id}>
                        <td>
                          {relay.sourceUrl ? (
                            <a href={relay.sourceUrl}>{relay.sourceTitle}</a>
                          ) : (
                            relay.sourceTitle
                          )}
                          {relay.note ? <div className="hint">{relay.note}</div> : null}
                        </td>
                        <td>{relay.sourceSiteName}</td>
                        <td>{time(relay.offeredAt)}</td>
                        <td>
                          {status(relay)}
                          {relay.copyArticleId !== null ? (
                            <div>
                              <a href={`/admin/articles/${relay.copyArticleId}`}>
                                {t('platform.relays.copy', { id: relay.copyArticleId })}
                              </a>
                            </div>
                          ) : null}
                          {relay.reason ? <div className="hint">{relay.reason}</div> : null}
                        </td>
                        <td>
                          {relay.status === 'offered' ? (
                            <Waiting relay={relay} siteId={siteId} onDone={list.reload} />
                          ) : relay.status === 'accepted' && workspace.can('relay.accept') ? (
                            <Taken relay={relay} onDone={list.reload} />
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="relay-outgoing">
            <h2 id="relay-outgoing">{t('platform.relays.outgoing')}</h2>
            {list.data.outgoing.length === 0 ? (
              <Empty />
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('platform.relays.article')}</th>
                      <th scope="col">{t('platform.relays.to')}</th>
                      <th scope="col">{t('platform.relays.offeredAt')}</th>
                      <th scope="col">{t('platform.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.outgoing.map((relay) => (
                      <tr key={relay.id}>
                        <td>{relay.sourceTitle}</td>
                        <td>{relay.targetSiteName}</td>
                        <td>{time(relay.offeredAt)}</td>
                        <td>
                          {status(relay)}
                          {relay.reason ? <div className="hint">{relay.reason}</div> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

interface QueueRow {
  readonly siteId: number;
  readonly name: string;
  readonly status: 'active' | 'disabled';
  readonly inReview: number;
  readonly relaysWaiting: number;
  readonly oldestRelayAt: string | null;
}

/** The platform operators' view of what waits on every site: reviews and offers from other sites. */
export function PlatformQueue() {
  const { t, time } = useI18n();
  const queue = useLoad(() => api.get<{ items: QueueRow[] }>('/platform/queue'), []);
  const rows = (queue.data?.items ?? []).filter((r) => r.inReview > 0 || r.relaysWaiting > 0);
  return (
    <section aria-labelledby="platform-queue">
      <h2 id="platform-queue">{t('platform.queue.title')}</h2>
      <ErrorNotice error={queue.error} />
      {queue.data && rows.length === 0 ? <Empty /> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('platform.name')}</th>
                <th scope="col">{t('platform.inReview')}</th>
                <th scope="col">{t('platform.queue.relaysWaiting')}</th>
                <th scope="col">{t('platform.queue.oldest')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.siteId}>
                  <td>{row.name}</td>
                  <td>{row.inReview}</td>
                  <td>{row.relaysWaiting}</td>
                  <td>{row.oldestRelayAt ? time(row.oldestRelayAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
