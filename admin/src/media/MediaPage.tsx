import { useRef, useState, type FormEvent } from 'react';
import type { MediaList, MediaView, UploadResult } from '../../../src/app/manage-media';
import type { MediaUse } from '../../../src/app/ports-media';
import { formatSize } from '../../../src/core/file-size';
import { api, query } from '../api';
import { useI18n } from '../i18n';
import { setQuery, useLocation } from '../router';
import { ErrorNotice, Link, Loading, Notice, ScreenTitle, TextField, useAction, useLoad } from '../ui';

/** The smallest WebP rendition of an image, for the list's thumbnails. */
function thumbnail(item: MediaView): string | null {
  if (item.kind !== 'image') return null;
  return item.variants?.find((v) => v.format === 'webp')?.url ?? item.url;
}

const PAGE_SIZE = 30;

/**
 * The media library of a site: upload, search by name, see where a file is used, replace a file
 * behind the same link, delete a file nobody uses.
 */
export function MediaLibrary({ siteId }: { siteId: number }) {
  const { t, time } = useI18n();
  const { params } = useLocation();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [draft, setDraft] = useState(q);
  const [alt, setAlt] = useState('');
  const [uses, setUses] = useState<{ id: number; items: readonly MediaUse[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const action = useAction();
  const list = useLoad(
    () => api.get<MediaList>(`/media${query({ siteId, q, page, pageSize: PAGE_SIZE })}`),
    [siteId, q, page],
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ q: draft.trim() });
  };

  const upload = async (file: File) => {
    setNotice(null);
    const result = await action.run(() =>
      api.upload<UploadResult>('/media', file, file.name, {
        siteId: String(siteId),
        ...(alt ? { alt } : {}),
      }),
    );
    if (!result) return;
    setAlt('');
    const found = result.findings.length;
    setNotice(
      result.deduplicated
        ? t('media.duplicate', { filename: result.filename })
        : found > 0
          ? t('media.uploadedWithFindings', { filename: result.filename, found })
          : t('media.uploaded', { filename: result.filename }),
    );
    list.reload();
  };

  const replace = async (item: MediaView, file: File) => {
    setNotice(null);
    const result = await action.run(() =>
      api.upload<MediaView>(`/media/${item.id}/replace`, file, file.name),
    );
    if (!result) return;
    setNotice(t('media.replaced', { version: result.version }));
    list.reload();
  };

  const showUses = async (item: MediaView) => {
    const result = await action.run(() => api.get<{ items: MediaUse[] }>(`/media/${item.id}/usage`));
    if (result) setUses({ id: item.id, items: result.items });
  };

  const remove = async (item: MediaView) => {
    if (!window.confirm(t('media.confirmDelete', { filename: item.filename }))) return;
    const done = await action.run(() => api.delete<{ ok: true }>(`/media/${item.id}`));
    if (done) {
      setNotice(t('media.deleted', { filename: item.filename }));
      list.reload();
    }
  };

  const copyLink = (item: MediaView) => {
    void navigator.clipboard?.writeText(new URL(item.url, window.location.origin).toString());
    setNotice(t('media.linkCopied'));
  };

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <ScreenTitle
        actions={
          <button type="button" onClick={() => fileInput.current?.click()} disabled={action.busy}>
            {t('media.upload')}
          </button>
        }
      >
        {t('media.title')}
      </ScreenTitle>
      <input
        ref={fileInput}
        type="file"
        hidden
        accept=".jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ofd,.csv,.txt"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void upload(file);
        }}
      />
      <form className="filters" onSubmit={search} role="search">
        <TextField
          label={t('media.fileName')}
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
        />
        <TextField
          label={t('media.alt')}
          value={alt}
          maxLength={500}
          onChange={(event) => setAlt(event.currentTarget.value)}
        />
        <button type="submit">{t('media.search')}</button>
      </form>
      {notice ? <Notice tone="ok">{notice}</Notice> : null}
      <ErrorNotice error={action.anyError} />
      {list.loading && !data ? <Loading /> : null}
      <ErrorNotice error={list.error} />
      {data ? (
        <>
          <p>{t('media.total', { total: data.total })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('media.preview')}</th>
                <th scope="col">{t('media.name')}</th>
                <th scope="col">{t('media.typeAndSize')}</th>
                <th scope="col">{t('media.uploadedAt')}</th>
                <th scope="col">{t('media.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => {
                const thumb = thumbnail(item);
                return (
                  <tr key={item.id}>
                    <td>
                      {thumb ? (
                        <img src={thumb} alt={item.alt} width={80} loading="lazy" />
                      ) : (
                        <span aria-hidden="true">{item.typeLabel}</span>
                      )}
                    </td>
                    <td>
                      <a href={item.url} target="_blank" rel="noreferrer">
                        {item.filename}
                      </a>
                      {item.version > 1 ? ` (v${item.version})` : null}
                      {uses?.id === item.id ? (
                        uses.items.length === 0 ? (
                          <p>{t('media.unused')}</p>
                        ) : (
                          <ul>
                            {uses.items.map((use) => (
                              <li key={use.articleId}>
                                <Link to={`/articles/${use.articleId}`}>{use.title}</Link>
                                {use.current ? '' : t('media.earlierOnly')}
                              </li>
                            ))}
                          </ul>
                        )
                      ) : null}
                    </td>
                    <td>
                      {t('media.typeAndSizeValue', { type: item.typeLabel, size: formatSize(item.size) })}
                      {item.width ? ` · ${item.width}×${item.height ?? ''}` : ''}
                    </td>
                    <td>{time(item.createdAt)}</td>
                    <td className="row-actions">
                      <button type="button" onClick={() => copyLink(item)}>
                        {t('media.copyLink')}
                      </button>
                      <button type="button" onClick={() => void showUses(item)} disabled={action.busy}>
                        {t('media.whereUsed')}
                      </button>
                      <label className="button">
                        {t('media.replace')}
                        <input
                          type="file"
                          hidden
                          onChange={(event) => {
                            const file = event.currentTarget.files?.[0];
                            event.currentTarget.value = '';
                            if (file) void replace(item, file);
                          }}
                        />
                      </label>
                      <button type="button" onClick={() => void remove(item)} disabled={action.busy}>
                        {t('media.delete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {pages > 1 ? (
            <nav aria-label={t('media.pages')}>
              <button
                type="button"
                disabled={page <= 1}
                onClick={() => setQuery({ q, page: String(page - 1) })}
              >
                {t('media.previous')}
              </button>
              <span>
                {page} / {pages}
              </span>
              <button
                type="button"
                disabled={page >= pages}
                onClick={() => setQuery({ q, page: String(page + 1) })}
              >
                {t('media.next')}
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
