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
 * behind the same link, delete a file nobody uses. Labels are inline bilingual text (zh/en) so that the
 * screen needs no entries in the shared dictionary.
 */
export function MediaLibrary({ siteId }: { siteId: number }) {
  const { lang, time } = useI18n();
  const zh = lang === 'zh';
  const text = (chinese: string, english: string) => (zh ? chinese : english);
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
        ? text(`“${result.filename}”已在媒体库中`, `"${result.filename}" is already in the library`)
        : found > 0
          ? text(
              `已上传“${result.filename}”，但发现 ${found} 处个人信息：发布引用它的稿件前请先处理`,
              `Uploaded "${result.filename}", but ${found} personal-data finding(s) must be dealt with before publishing`,
            )
          : text(`已上传“${result.filename}”`, `Uploaded "${result.filename}"`),
    );
    list.reload();
  };

  const replace = async (item: MediaView, file: File) => {
    setNotice(null);
    const result = await action.run(() =>
      api.upload<MediaView>(`/media/${item.id}/replace`, file, file.name),
    );
    if (!result) return;
    setNotice(
      text(`已替换为第 ${result.version} 版，链接不变`, `Replaced: version ${result.version}, same link`),
    );
    list.reload();
  };

  const showUses = async (item: MediaView) => {
    const result = await action.run(() => api.get<{ items: MediaUse[] }>(`/media/${item.id}/usage`));
    if (result) setUses({ id: item.id, items: result.items });
  };

  const remove = async (item: MediaView) => {
    if (!window.confirm(text(`删除“${item.filename}”？`, `Delete "${item.filename}"?`))) return;
    const done = await action.run(() => api.delete<{ ok: true }>(`/media/${item.id}`));
    if (done) {
      setNotice(text(`已删除“${item.filename}”`, `Deleted "${item.filename}"`));
      list.reload();
    }
  };

  const copyLink = (item: MediaView) => {
    void navigator.clipboard?.writeText(new URL(item.url, window.location.origin).toString());
    setNotice(text('链接已复制', 'Link copied'));
  };

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <ScreenTitle
        actions={
          <button type="button" onClick={() => fileInput.current?.click()} disabled={action.busy}>
            {text('上传文件', 'Upload a file')}
          </button>
        }
      >
        {text('媒体库', 'Media library')}
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
          label={text('文件名', 'File name')}
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
        />
        <TextField
          label={text('图片说明（上传图片时使用）', 'Alt text (for the next image)')}
          value={alt}
          maxLength={500}
          onChange={(event) => setAlt(event.currentTarget.value)}
        />
        <button type="submit">{text('搜索', 'Search')}</button>
      </form>
      {notice ? <Notice tone="ok">{notice}</Notice> : null}
      <ErrorNotice error={action.anyError} />
      {list.loading && !data ? <Loading /> : null}
      <ErrorNotice error={list.error} />
      {data ? (
        <>
          <p>{text(`共 ${data.total} 个文件`, `${data.total} files`)}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{text('预览', 'Preview')}</th>
                <th scope="col">{text('文件名', 'Name')}</th>
                <th scope="col">{text('类型与大小', 'Type and size')}</th>
                <th scope="col">{text('上传时间', 'Uploaded')}</th>
                <th scope="col">{text('操作', 'Actions')}</th>
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
                          <p>{text('没有稿件使用此文件', 'No article uses this file')}</p>
                        ) : (
                          <ul>
                            {uses.items.map((use) => (
                              <li key={use.articleId}>
                                <Link to={`/articles/${use.articleId}`}>{use.title}</Link>
                                {use.current ? '' : text('（仅历史版本）', ' (earlier revision only)')}
                              </li>
                            ))}
                          </ul>
                        )
                      ) : null}
                    </td>
                    <td>
                      {item.typeLabel}，{formatSize(item.size)}
                      {item.width ? ` · ${item.width}×${item.height ?? ''}` : ''}
                    </td>
                    <td>{time(item.createdAt)}</td>
                    <td className="row-actions">
                      <button type="button" onClick={() => copyLink(item)}>
                        {text('复制链接', 'Copy link')}
                      </button>
                      <button type="button" onClick={() => void showUses(item)} disabled={action.busy}>
                        {text('使用情况', 'Where used')}
                      </button>
                      <label className="button">
                        {text('替换', 'Replace')}
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
                        {text('删除', 'Delete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {pages > 1 ? (
            <nav aria-label={text('分页', 'Pages')}>
              <button
                type="button"
                disabled={page <= 1}
                onClick={() => setQuery({ q, page: String(page - 1) })}
              >
                {text('上一页', 'Previous')}
              </button>
              <span>
                {page} / {pages}
              </span>
              <button
                type="button"
                disabled={page >= pages}
                onClick={() => setQuery({ q, page: String(page + 1) })}
              >
                {text('下一页', 'Next')}
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
