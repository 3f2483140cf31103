import { api } from '../api';
import { useColumns } from '../data';
import { useI18n } from '../i18n';
import { kindLabel, statusLabel } from '../labels';
import type { ArticleRow, ArticleStatus, ColumnKind } from '../types';
import { Empty, ErrorNotice, Link, Loading, Notice, ScreenTitle, useLoad } from '../ui';
import { ArticleTable } from './ArticleTable';

interface ColumnFreshness {
  readonly columnId: number;
  readonly name: string;
  readonly path: string;
  readonly kind: ColumnKind;
  readonly freshnessDays: number;
  readonly lastPublishedAt: string | null;
  readonly daysLeft: number | null;
  readonly state: 'stale' | 'at-risk' | 'blank';
}

interface DashboardView {
  readonly counts: Readonly<Record<string, number>>;
  readonly home?: { readonly lastPublishedAt: string | null; readonly stale: boolean };
  readonly veto?: { readonly staleColumns: number; readonly blankColumns: number; readonly failing: boolean };
  readonly myDrafts: readonly ArticleRow[];
  readonly waitingForMe: readonly ArticleRow[];
  readonly recentlyPublished: readonly ArticleRow[];
  readonly columns: readonly ColumnFreshness[];
}

/** The articles of the site by status, each a link to the filtered list. */
const COUNTED: readonly [string, ArticleStatus][] = [
  ['draft', 'draft'],
  ['inReview', 'in-review'],
  ['approved', 'approved'],
  ['scheduled', 'scheduled'],
  ['published', 'published'],
  ['withdrawn', 'withdrawn'],
];

function Badge({ n }: { n: number }) {
  return <span className={n > 0 ? 'badge badge-alert' : 'badge'}>{n}</span>;
}

/** What needs the person's attention today: their drafts, their queue, what went out, what goes stale. */
export function Dashboard({ siteId }: { siteId: number }) {
  const { t, lang, time } = useI18n();
  const view = useLoad(() => api.get<DashboardView>(`/dashboard?siteId=${siteId}`), [siteId]);
  const columns = useColumns(siteId);
  const data = view.data;
  return (
    <>
      <ScreenTitle>{t('dash.title')}</ScreenTitle>
      <ErrorNotice error={view.error} />
      {view.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <ul className="counts" aria-label={t('dash.counts')}>
            {COUNTED.map(([key, status]) => (
              <li key={key}>
                <Link to={`/articles?status=${status}`}>
                  <span className="count">{data.counts[key] ?? 0}</span>
                  <span>{statusLabel(status, lang)}</span>
                </Link>
              </li>
            ))}
          </ul>
          {data.veto?.failing || data.home?.stale ? (
            <Notice tone="warn">
              {data.home?.stale ? t('dash.homeStale') : null}{' '}
              {data.veto?.failing
                ? t('dash.veto', { stale: data.veto.staleColumns, blank: data.veto.blankColumns })
                : null}
            </Notice>
          ) : null}
          <div className="dashboard">
            <section className="panel" aria-labelledby="dash-waiting">
              <h2 id="dash-waiting">
                {t('dash.waiting')} <Badge n={data.counts['waitingForMe'] ?? data.waitingForMe.length} />
              </h2>
              <ArticleTable rows={data.waitingForMe} caption={t('dash.waiting')} />
              <p className="more">
                <Link to="/review">{t('dash.all')}</Link>
              </p>
            </section>
            <section className="panel" aria-labelledby="dash-drafts">
              <h2 id="dash-drafts">
                {t('dash.myDrafts')} <Badge n={data.counts['myDrafts'] ?? data.myDrafts.length} />
              </h2>
              <ArticleTable rows={data.myDrafts} caption={t('dash.myDrafts')} />
            </section>
            <section className="panel panel-wide" aria-labelledby="dash-published">
              <h2 id="dash-published">{t('dash.published')}</h2>
              <ArticleTable
                rows={data.recentlyPublished}
                columns={columns.data}
                caption={t('dash.published')}
                time="publishedAt"
              />
            </section>
            <section className="panel" aria-labelledby="dash-stale">
              <h2 id="dash-stale">{t('dash.stale')}</h2>
              {data.columns.length === 0 ? (
                <Empty />
              ) : (
                <ul className="stale-list">
                  {data.columns.map((column) => (
                    <li key={column.columnId} className={`stale-${column.state}`}>
                      <strong>{column.name}</strong>{' '}
                      <span className="hint">
                        {t('app.parenthesis', { text: kindLabel(column.kind, lang) })}
                      </span>
                      <br />
                      {column.lastPublishedAt === null
                        ? t('dash.neverUpdated')
                        : t('dash.staleRow', {
                            days: column.freshnessDays - (column.daysLeft ?? 0),
                            limit: column.freshnessDays,
                          })}
                      {column.lastPublishedAt ? (
                        <span className="hint"> · {time(column.lastPublishedAt)}</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </>
      ) : null}
    </>
  );
}
