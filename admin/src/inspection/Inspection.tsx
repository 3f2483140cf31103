import { useState } from 'react';
import type { InspectionReport, InspectionsView } from '../../../src/app/index';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, ScreenTitle, useAction, useLoad } from '../ui';

const STATUS_CLASS = { ok: 'status-ok', 'at-risk': 'status-warn', failed: 'status-bad' } as const;

/** 自查: the latest self-check of the site, what fails soon, and the trend of kept runs. */
export function InspectionScreen({ siteId }: { siteId: number }) {
  const { t, time } = useI18n();
  const view = useLoad(() => api.get<InspectionsView>(`/sites/${siteId}/inspections?limit=30`), [siteId]);
  const action = useAction();
  const [ran, setRan] = useState<InspectionReport | null>(null);
  const run = async () => {
    const done = await action.run(() =>
      api.post<{ report: InspectionReport | null }>(`/sites/${siteId}/inspections`, {}),
    );
    if (done?.report) setRan(done.report);
    view.reload();
  };
  const report = ran ?? view.data?.latest ?? null;
  const status = (s: 'ok' | 'at-risk' | 'failed') => t(`insp.status.${s}`);
  return (
    <>
      <ScreenTitle
        actions={
          <button type="button" className="primary" onClick={() => void run()} disabled={action.busy}>
            {t('insp.run')}
          </button>
        }
      >
        {t('insp.title')}
      </ScreenTitle>
      <ErrorNotice error={view.error} />
      <ErrorNotice error={action.error} />
      {view.loading && !view.data ? <Loading /> : null}
      {view.data && view.data.digest.length > 0 ? (
        <div className="notice notice-warn" role="status">
          <strong>{t('insp.digest')}</strong>
          <ul>
            {view.data.digest.map((d) => (
              <li key={d.id}>
                {d.id} {t('app.pair', { label: d.title, value: status(d.status) })}
                {d.failsOn ? t('app.parenthesis', { text: `${t('insp.failsOn')} ${time(d.failsOn)}` }) : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {report === null ? (
        view.data ? (
          <p className="empty">{t('insp.none')}</p>
        ) : null
      ) : (
        <section className="panel" aria-label={t('insp.latest')}>
          <h2>
            {t('app.pair', { label: t('insp.latest'), value: t(`insp.verdict.${report.verdict}`) })} ·{' '}
            {t('insp.score')} {report.score}
          </h2>
          <p className="hint">{time(report.checkedAt)}</p>
          <table className="table">
            <caption>{t('insp.vetoes')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('insp.id')}</th>
                <th scope="col">{t('insp.rule')}</th>
                <th scope="col">{t('insp.state')}</th>
                <th scope="col">{t('insp.failsOn')}</th>
                <th scope="col">{t('insp.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {report.vetoes.map((v) => (
                <tr key={v.id}>
                  <td>{v.id}</td>
                  <td>{v.title}</td>
                  <td className={STATUS_CLASS[v.status]}>{status(v.status)}</td>
                  <td>{v.failsOn ? time(v.failsOn) : '—'}</td>
                  <td>{v.evidence.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="table">
            <caption>{t('insp.deductions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('insp.id')}</th>
                <th scope="col">{t('insp.rule')}</th>
                <th scope="col">{t('insp.points')}</th>
                <th scope="col">{t('insp.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {report.deductions.map((d) => (
                <tr key={d.id}>
                  <td>{d.id}</td>
                  <td>{d.title}</td>
                  <td>-{d.points}</td>
                  <td>{d.evidence.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {view.data && view.data.runs.length > 0 ? (
        <section className="panel" aria-label={t('insp.trend')}>
          <table className="table">
            <caption>{t('insp.trend')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('insp.when')}</th>
                <th scope="col">{t('insp.verdictCol')}</th>
                <th scope="col">{t('insp.score')}</th>
                <th scope="col">{t('insp.failedCount')}</th>
                <th scope="col">{t('insp.atRiskCount')}</th>
              </tr>
            </thead>
            <tbody>
              {view.data.runs.map((r) => (
                <tr key={r.id}>
                  <td>{time(r.startedAt)}</td>
                  <td>{r.verdict ? t(`insp.verdict.${r.verdict}`) : t('insp.running')}</td>
                  <td>
                    {r.score ?? '—'}{' '}
                    {r.score !== null ? (
                      <meter min={0} max={100} low={60} high={80} optimum={100} value={r.score} />
                    ) : null}
                  </td>
                  <td>{r.failedVetoes}</td>
                  <td>{r.atRiskVetoes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
