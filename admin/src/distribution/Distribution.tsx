import { useState } from 'react';
import type { DistributionRunResult, DistributionView } from '../../../src/app/index';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, ScreenTitle, useAction, useLoad } from '../ui';

/**
 * 分发: each target the static output is copied to (a directory, a one-way drop folder, rsync, SFTP), whether
 * it is up to date, how far behind, its failures and last error; the system administrator sends now.
 */
export function DistributionScreen({ canRun }: { canRun: boolean }) {
  const { t, time } = useI18n();
  const view = useLoad(() => api.get<DistributionView>('/distribution/targets'), []);
  const action = useAction();
  const [results, setResults] = useState<readonly DistributionRunResult[] | null>(null);
  const run = async (target: string | null) => {
    const done = await action.run(() =>
      api.post<{ results: readonly DistributionRunResult[] }>('/distribution/run', { target }),
    );
    if (done) setResults(done.results);
    view.reload();
  };
  const data = view.data;
  return (
    <>
      <ScreenTitle
        actions={
          canRun && data?.running && data.targets.length > 0 ? (
            <button type="button" className="primary" onClick={() => void run(null)} disabled={action.busy}>
              {t('distribute.runAll')}
            </button>
          ) : null
        }
      >
        {t('distribute.title')}
      </ScreenTitle>
      <ErrorNotice error={view.error} />
      <ErrorNotice error={action.error} />
      {view.loading && !data ? <Loading /> : null}
      {results ? (
        <p className="notice" role="status">
          {results
            .map((r) => t('distribute.result', { name: r.name, result: t(`distribute.result.${r.result}`) }))
            .join('；')}
        </p>
      ) : null}
      {data && !data.running ? <p className="empty">{t('distribute.notRunning')}</p> : null}
      {data?.running && data.targets.length === 0 ? <p className="empty">{t('distribute.none')}</p> : null}
      {data && data.targets.length > 0 ? (
        <table className="table">
          <caption>{t('distribute.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('distribute.name')}</th>
              <th scope="col">{t('distribute.type')}</th>
              <th scope="col">{t('distribute.state')}</th>
              <th scope="col">{t('distribute.lastSuccess')}</th>
              <th scope="col">{t('distribute.lag')}</th>
              <th scope="col">{t('distribute.lastPackage')}</th>
              <th scope="col">{t('distribute.nextAttempt')}</th>
              <th scope="col">{t('distribute.lastError')}</th>
              {canRun ? <th scope="col">{t('distribute.run')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.targets.map((target) => (
              <tr key={target.name}>
                <td>{target.name}</td>
                <td>{t(`distribute.type.${target.type}`)}</td>
                <td className={target.healthy ? 'status-ok' : 'status-bad'}>
                  {target.healthy ? t('distribute.healthy') : t('distribute.failing', { n: target.failures })}
                </td>
                <td>{time(target.lastSuccessAt)}</td>
                <td>{t('distribute.seconds', { s: (target.lagMs / 1000).toFixed(1) })}</td>
                <td>
                  {target.lastPackage
                    ? t('distribute.package', {
                        files: target.lastPackage.files,
                        removed: target.lastPackage.removed,
                        ms: target.lastPackage.ms,
                      }) + (target.lastPackage.full ? t('distribute.full') : '')
                    : '—'}
                </td>
                <td>{time(target.nextAttemptAt)}</td>
                <td>{target.lastError ?? '—'}</td>
                {canRun ? (
                  <td>
                    <button type="button" onClick={() => void run(target.name)} disabled={action.busy}>
                      {t('distribute.run')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
