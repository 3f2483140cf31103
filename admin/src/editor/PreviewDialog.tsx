import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, api } from '../api';
import { errorText, translate, useI18n } from '../i18n';
import { PreviewFrames } from './PreviewFrames';

interface Props {
  readonly siteId: number;
  readonly articleId: number | null;
  readonly version: number;
  /** The form's content when it differs from the saved article (or there is none yet); null: show the saved one. */
  readonly unsaved: Record<string, unknown> | null;
  readonly onClose: () => void;
}

/**
 * The article exactly as the public page shows it: the server renders it with the site's theme
 * (`GET /articles/:id/preview` for the saved text, `POST /preview` for unsaved changes).
 */
export function PreviewDialog({ siteId, articleId, version, unsaved, onClose }: Props) {
  const { lang, t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [srcDoc, setSrcDoc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    if (unsaved === null) return;
    let live = true;
    previewHtml({ siteId, ...unsaved }).then(
      (html) => live && setSrcDoc(html),
      (failure: unknown) => live && setError(errorText(failure, lang)),
    );
    return () => {
      live = false;
    };
  }, [unsaved, siteId, lang]);
  const src =
    unsaved === null && articleId !== null
      ? `/admin/api/articles/${articleId}/preview?v=${version}`
      : undefined;
  return (
    <dialog ref={dialog} className="gz-dialog gz-preview" aria-labelledby={`${id}-title`} onCancel={onClose}>
      <div className="gz-preview-head">
        <h2 id={`${id}-title`}>{t('editor.previewTitle')}</h2>
        <button type="button" onClick={onClose}>
          {t('editor.closePreview')}
        </button>
      </div>
      {error ? (
        <p className="notice notice-error" role="alert">
          {t('editor.previewUnavailable')}
          {error}
        </p>
      ) : (
        <PreviewFrames title={t('editor.previewTitle')} src={src} srcDoc={srcDoc ?? ''} />
      )}
    </dialog>
  );
}

/** `POST /preview` answers HTML, not JSON, so it is fetched here with the session's CSRF token. */
async function previewHtml(body: Record<string, unknown>): Promise<string> {
  const session = await api.get<{ csrfToken: string }>('/session');
  const response = await fetch('/admin/api/preview', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'text/html', 'x-csrf-token': session.csrfToken },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    // The error body is JSON like every other: reuse the client's reading of it.
    const text = await response.text();
    let parsed: { error?: { code: string; message: string; messageZh: string } } = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      // Not JSON: the generic message below.
    }
    throw new ApiError(
      response.status,
      parsed.error ?? {
        code: `GZ_HTTP_${response.status}`,
        message: translate('en', 'app.httpError', { status: response.status }),
        messageZh: translate('zh', 'app.httpError', { status: response.status }),
      },
    );
  }
  return response.text();
}
