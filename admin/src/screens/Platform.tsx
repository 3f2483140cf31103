import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { PlatformQueue } from './Relays';
import { ErrorNotice, Loading, Notice, ScreenTitle, TextField, useAction, useLoad } from '../ui';

interface PlatformSite {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly hosts: readonly string[];
  readonly baseUrl: string;
  readonly status: 'active' | 'disabled';
  readonly stale: boolean;
  readonly columns: number;
  readonly articles: number;
  readonly published: number;
  readonly inReview: number;
  readonly lastPublishedAt: string | null;
}

type SortKey = 'name' | 'status' | 'published' | 'inReview' | 'lastPublishedAt';

const csvCell = (value: string | number | null) => `"${String(value ?? '').replace(/"/g, '""')}"`;

/** The sites as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese). */
function csvOf(sites: readonly PlatformSite[]): string {
  const head = [
    'id',
    'slug',
    'name',
    'hosts',
    'status',
    'stale',
    'columns',
    'published',
    'inReview',
    'lastPublishedAt',
  ];
  const rows = sites.map((s) =>
    [
      s.id,
      s.slug,
      s.name,
      s.hosts.join(' '),
      s.status,
      s.stale ? 'yes' : 'no',
      s.columns,
      s.published,
      s.inReview,
      s.lastPublishedAt,
    ]
      .map(csvCell)
      .join(','),
  );
  return `\ufeff${[head.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * The platform view (集约化): every site with its hosts, status, what it holds and when it last published,
 * sortable and exportable; the system administrator adds sites and switches them off and on.
 */
export function PlatformSites({ canManage }: { canManage: boolean }) {
  const { t, time } = useI18n();
  const list = useLoad(() => api.get<{ items: PlatformSite[] }>('/platform/sites'), []);
  const [sort, setSort] = useState<{ key: SortKey; down: boolean }>({ key: 'lastPublishedAt', down: false });
  const sites = useMemo(() => {
    const items = [...(list.data?.items ?? [])];
    const value = (s: PlatformSite) => s[sort.key] ?? '';
    items.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.down ? -order : order;
    });
    return items;
  }, [list.data, sort]);
  const action = useAction();
  const [name, setName] = useState('');
  const [hosts, setHosts] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const site = await action.run(() =>
      api.post<{ name: string }>('/platform/sites', { name, hosts: hosts.split(/\s+/).filter(Boolean) }),
    );
    if (site) {
      setAdded(site.name);
      setName('');
      setHosts('');
      list.reload();
    }
  };
  const switchSite = async (site: PlatformSite) => {
    const to = site.status === 'active' ? 'disable' : 'enable';
    if (await action.run(() => api.post(`/platform/sites/${site.id}/${to}`))) list.reload();
  };
  const exportHref = useMemo(
    () => `data:text/csv;charset=utf-8,${encodeURIComponent(csvOf(sites))}`,
    [sites],
  );
  const header = (key: SortKey) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.down ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="link"
        onClick={() => setSort({ key, down: sort.key === key && !sort.down })}
      >
        {t(`platform.${key}`)}
      </button>
    </th>
  );
  return (
    <>
      <ScreenTitle
        actions={
          <a className="button" href={exportHref} download="platform-sites.csv">
            {t('platform.export')}
          </a>
        }
      >
        {t('platform.title')}
      </ScreenTitle>
      <ErrorNotice error={list.error} />
      <ErrorNotice error={action.anyError} />
      {added ? <Notice tone="ok">{t('platform.added', { name: added })}</Notice> : null}
      {canManage ? (
        <form className="inline-form" onSubmit={(e) => void add(e)}>
          <TextField
            label={t('platform.name')}
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={action.fieldError('name')}
          />
          <TextField
            label={t('platform.hosts')}
            hint={t('platform.hostsHint')}
            value={hosts}
            onChange={(e) => setHosts(e.target.value)}
            error={action.fieldError('hosts')}
          />
          <button type="submit" className="primary" disabled={action.busy}>
            {t('platform.add')}
          </button>
        </form>
      ) : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('platform.title')}</caption>
            <thead>
              <tr>
                {header('name')}
                <th scope="col">{t('platform.hosts')}</th>
                {header('status')}
                {header('published')}
                {header('inReview')}
                {header('lastPublishedAt')}
                {canManage ? <th scope="col">{t('platform.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {sites.map((site) => (
                <tr key={site.id}>
                  <td>{site.name}</td>
                  <td>{site.hosts.length > 0 ? site.hosts.join(' ') : t('platform.anyHost')}</td>
                  <td>{t(`platform.status.${site.status}`)}</td>
                  <td>{site.published}</td>
                  <td>{site.inReview}</td>
                  <td>
                    {site.lastPublishedAt ? time(site.lastPublishedAt) : '—'}{' '}
                    {site.stale ? <span className="badge badge-alert">{t('platform.stale')}</span> : null}
                  </td>
                  {canManage ? (
                    <td>
                      <button type="button" onClick={() => void switchSite(site)} disabled={action.busy}>
                        {t(site.status === 'active' ? 'platform.disable' : 'platform.enable')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <PlatformQueue />
    </>
  );
}
