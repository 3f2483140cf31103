import { useState } from 'react';
import type { AuditRecord, AuditVerification } from '../../../src/app/ports-audit';
import { api, query } from '../api';
import { useI18n } from '../i18n';
import { dayEnd, dayStart, FilterForm, useFilters } from '../filters';
import { setQuery } from '../router';
import { ErrorNotice, Loading, Notice, Pager, ScreenTitle, TextField, useAction, useLoad } from '../ui';

const FILTERS = ['from', 'to', 'actorId', 'action', 'targetType', 'targetId'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

interface AuditPage {
  readonly items: readonly AuditRecord[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

/** Filter values as the API takes them: days become Beijing instants. */
function apiFilters(f: Filters) {
  return {
    from: dayStart(f.from),
    to: dayEnd(f.to),
    actorId: f.actorId.trim(),
    action: f.action.trim(),
    targetType: f.targetType.trim(),
    targetId: f.targetId.trim(),
  };
}

function summaryText(summary: Readonly<Record<string, unknown>>): string {
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('；');
}

/** The audit log for the audit administrator: filter, page, export for auditors, verify the hash chain. */
export function AuditLog() {
  const { t, lang, time } = useI18n();
  const filters = useFilters(FILTERS);
  const { applied, params } = filters;
  const page = params.get('page') ?? '1';
  const list = useLoad(
    () => api.get<AuditPage>(`/audit${query({ ...apiFilters(applied), page })}`),
    [params.toString()],
  );
  const verify = useAction();
  const [chain, setChain] = useState<(AuditVerification & { messages: { en: string; zh: string }[] }) | null>(
    null,
  );
  const check = async () => {
    setChain(null);
    const result = await verify.run(() => api.get<NonNullable<typeof chain>>('/audit/verify'));
    if (result) setChain(result);
  };
  const exportHref = (format: 'csv' | 'json') =>
    `/admin/api/audit/export${query({ ...apiFilters(applied), format })}`;
  const data = list.data;
  return (
    <>
      <ScreenTitle
        actions={
          <>
            <a className="button" href={exportHref('csv')} download>
              {t('audit.export')}
            </a>
            <a className="button" href={exportHref('json')} download>
              {t('audit.exportJson')}
            </a>
            <button type="button" onClick={() => void check()} disabled={verify.busy}>
              {t('audit.verify')}
            </button>
          </>
        }
      >
        {t('audit.title')}
      </ScreenTitle>
      {verify.busy ? <Notice>{t('audit.checking')}</Notice> : null}
      <ErrorNotice error={verify.anyError} />
      {chain ? (
        chain.ok ? (
          <Notice tone="ok">{t('audit.chainOk', { count: chain.checked })}</Notice>
        ) : (
          <div className="notice notice-error" role="alert">
            <p>{t('audit.chainBroken')}</p>
            <ul>
              {chain.messages.map((m, i) => (
                <li key={i}>{lang === 'zh' ? m.zh : m.en}</li>
              ))}
            </ul>
          </div>
        )
      ) : null}
      <FilterForm label={t('art.filters')} onSubmit={filters.apply} onReset={filters.reset}>
        <TextField label={t('common.from')} type="date" {...filters.bind('from')} />
        <TextField label={t('common.to')} type="date" {...filters.bind('to')} />
        <TextField label={t('audit.action')} placeholder="login.failed" {...filters.bind('action')} />
        <TextField label={t('audit.actorId')} inputMode="numeric" {...filters.bind('actorId')} />
        <TextField label={t('audit.targetType')} placeholder="article" {...filters.bind('targetType')} />
        <TextField label={t('audit.target')} {...filters.bind('targetId')} />
      </FilterForm>
      <ErrorNotice error={list.error} />
      {list.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <p className="result-count" role="status">
            {t('common.page', { page: data.page, pages: data.pages, total: data.total })}
          </p>
          <div className="table-wrap">
            <table className="audit">
              <caption className="sr-only">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.time')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.target')}</th>
                  <th scope="col">{t('audit.result')}</th>
                  <th scope="col">{t('audit.ip')}</th>
                  <th scope="col">{t('audit.summary')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id} className={r.result === 'ok' ? undefined : 'row-warn'}>
                    <td className="nowrap">{time(r.at)}</td>
                    <td>{r.actorName}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>
                      {r.targetType}
                      {r.targetId ? ` #${r.targetId}` : ''}
                    </td>
                    <td>{t(`audit.${r.result}`)}</td>
                    <td>{r.ip}</td>
                    <td className="summary">{summaryText(r.summary)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            buttons={[
              {
                label: t('common.prev'),
                disabled: data.page <= 1,
                go: () => setQuery({ ...applied, page: data.page - 1 }),
              },
              {
                label: t('common.next'),
                disabled: data.page >= data.pages,
                go: () => setQuery({ ...applied, page: data.page + 1 }),
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
