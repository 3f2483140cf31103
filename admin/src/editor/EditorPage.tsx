import { useId, useRef, useState } from 'react';
import { errorText, formatTime, useI18n } from '../i18n';
import { ChecksPanel } from './ChecksPanel';
import { formatSize, uploadMedia } from './media';
import { CoverInBodyField } from './official-tools';
import { PreviewDialog } from './PreviewDialog';
import { PolicyPanel } from './PolicyPanel';
import { RevisionsPanel } from './RevisionsPanel';
import { RichText, type RichTextHandle } from './RichText';
import type { ArticleDraft, Column, Finding } from './types';
import { useArticleDraft, type SaveState } from './use-article-draft';
import { useLeaveGuard } from './use-leave-guard';
import { useLiveChecks } from './use-live-checks';
import { WorkflowPanel } from './WorkflowPanel';
// A stylesheet, not a <style> element: the admin's CSP allows styles from 'self' only.
import './editor.css';

export interface EditorPageProps {
  /** null: a new article. */
  readonly articleId: number | null;
  readonly siteId: number;
  readonly onNavigate: (path: string) => void;
}

/** The credits under the body: who wrote it, where it came from, who answers for it. */
const CREDIT_FIELDS = ['source', 'author', 'editor', 'originalAuthor', 'originalTitle'] as const;
type FieldName = 'kicker' | 'title' | 'subtitle' | 'summary' | (typeof CREDIT_FIELDS)[number];

const LIMITS: Readonly<Record<FieldName, number>> = {
  kicker: 200,
  title: 200,
  subtitle: 200,
  summary: 1000,
  source: 200,
  author: 200,
  editor: 200,
  originalAuthor: 200,
  originalTitle: 300,
};

/**
 * The article editor: the fields of a government news article, the body in TipTap, autosave of drafts,
 * the version-conflict message, a preview exactly as the public page, the workflow buttons the server
 * allows, the checks panel and the revisions with their word-level diff. The article and its saving live in
 * useArticleDraft, the checks of unsaved text in useLiveChecks, the unsaved-changes warning in useLeaveGuard.
 */
export function EditorPage({ articleId, siteId, onNavigate }: EditorPageProps) {
  const { lang, t } = useI18n();
  const uid = useId();
  const fieldId = (name: string) => `${uid}-${name}`;
  const body = useRef<RichTextHandle>(null);
  const article = useArticleDraft(articleId, siteId, onNavigate, body);
  const { view, columns, loadError, draft, payload, dirty, set, update, adopt } = article;
  const checks = useLiveChecks(siteId, view, payload, dirty, draft?.columnId ?? null);
  useLeaveGuard(dirty, t('editor.leaveWarning'), '.gz-editor-page .gz-body');
  const [message, setMessage] = useState<string | null>(null);
  const [checkNotice, setCheckNotice] = useState<string | null>(null);
  const [previewOpen, setPreviewOpen] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const editable = view === null ? true : view.canEdit;
  const status = view?.article.status ?? 'draft';

  const selectFinding = (finding: Finding) => {
    setCheckNotice(null);
    const input = document.getElementById(fieldId(finding.field));
    if (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) {
      const value = input.value;
      let at = value.indexOf(finding.excerpt, Math.max(0, finding.start - finding.excerpt.length));
      if (at === -1) at = value.indexOf(finding.excerpt);
      input.focus();
      if (finding.excerpt !== '' && at !== -1) input.setSelectionRange(at, at + finding.excerpt.length);
      else if (finding.excerpt !== '') setCheckNotice(t('editor.notFoundInText'));
      return;
    }
    if (!body.current?.select(finding.excerpt, finding.start)) setCheckNotice(t('editor.notFoundInText'));
  };

  /** 一键替换: puts the suggestion (the mask of a personal number, the correct form) in place of the excerpt. */
  const applyFinding = (finding: Finding) => {
    setCheckNotice(null);
    const replacement = finding.suggestion;
    if (replacement === null || finding.excerpt === '') return;
    const key = finding.field as keyof ArticleDraft;
    const value = draft?.[key];
    if (finding.field !== 'body' && typeof value === 'string') {
      let at = value.indexOf(finding.excerpt, Math.max(0, finding.start - finding.excerpt.length));
      if (at === -1) at = value.indexOf(finding.excerpt);
      if (at === -1) {
        setCheckNotice(t('editor.notFoundInText'));
        return;
      }
      set(key, `${value.slice(0, at)}${replacement}${value.slice(at + finding.excerpt.length)}` as never);
      return;
    }
    if (!body.current?.replace(finding.excerpt, finding.start, replacement))
      setCheckNotice(t('editor.notFoundInText'));
  };

  const uploadCover = async (file: File) => {
    setUploadError(null);
    setUploading(true);
    try {
      const media = await uploadMedia(file, draft?.coverAlt ?? '', siteId);
      set('coverUrl', media.url);
    } catch (error) {
      setUploadError(errorText(error, lang));
    } finally {
      setUploading(false);
    }
  };

  const uploadAttachment = async (file: File) => {
    setUploadError(null);
    setUploading(true);
    try {
      const media = await uploadMedia(file, '', siteId);
      update((current) =>
        current.attachments.some((a) => a.url === media.url)
          ? current
          : {
              ...current,
              attachments: [
                ...current.attachments,
                { url: media.url, name: media.filename, size: media.size },
              ],
            },
      );
    } catch (error) {
      setUploadError(errorText(error, lang));
    } finally {
      setUploading(false);
    }
  };

  if (loadError) {
    return (
      <div className="gz-editor-page">
        <p className="notice notice-error" role="alert">
          {errorText(loadError, lang)}
        </p>
      </div>
    );
  }
  if (draft === null) {
    return (
      <p className="loading" role="status">
        {t('editor.loading')}
      </p>
    );
  }

  const textField = (name: FieldName, label: string, required = false) => (
    <div className={`field gz-field-${name}`} key={name}>
      <label htmlFor={fieldId(name)}>
        {label}
        {required ? <span className="required"> *</span> : null}
      </label>
      {name === 'summary' ? (
        <textarea
          id={fieldId(name)}
          name={name}
          rows={3}
          value={draft[name]}
          maxLength={LIMITS[name]}
          readOnly={!editable}
          onChange={(event) => set(name, event.target.value)}
        />
      ) : (
        <input
          id={fieldId(name)}
          name={name}
          value={draft[name]}
          maxLength={LIMITS[name]}
          required={required}
          readOnly={!editable}
          onChange={(event) => set(name, event.target.value)}
        />
      )}
    </div>
  );

  return (
    <div className="gz-editor-page">
      <div className="screen-head gz-editor-head">
        <h1 tabIndex={-1}>
          {articleId === null
            ? t('editor.newArticle')
            : view?.actions.includes('approve')
              ? t('editor.reviewArticle')
              : t('editor.editArticle')}
        </h1>
        <div className="gz-save-bar" aria-live="polite">
          <SaveStatus state={article.saveState} dirty={dirty} />
          {editable && dirty && (status === 'approved' || status === 'scheduled') ? (
            <label className="gz-minor" title={t('editor.minorHint')}>
              <input
                type="checkbox"
                checked={article.minor}
                onChange={(event) => article.setMinor(event.target.checked)}
              />{' '}
              {t('editor.minor')}
            </label>
          ) : null}
          <button
            type="button"
            onClick={() => setPreviewOpen(true)}
            disabled={draft.columnId === null || draft.title.trim() === ''}
          >
            {t('editor.preview')}
          </button>
          {editable ? (
            <button
              type="button"
              className="primary"
              onClick={() => void article.save()}
              disabled={article.saveState.kind === 'saving' || (!dirty && view !== null)}
            >
              {article.saveState.kind === 'saving' ? t('editor.saving') : t('editor.save')}
            </button>
          ) : null}
        </div>
      </div>
      {article.conflict ? (
        <div
          className="notice notice-error gz-conflict"
          role="alertdialog"
          aria-labelledby={`${uid}-conflict`}
        >
          <h2 id={`${uid}-conflict`}>{t('editor.conflictTitle')}</h2>
          <p>{t('editor.conflictText')}</p>
          <div className="gz-dialog-actions">
            <button type="button" onClick={() => void article.resolveConflict(false)}>
              {t('editor.conflictReload')}
            </button>
            <button type="button" className="primary" onClick={() => void article.resolveConflict(true)}>
              {t('editor.conflictKeep')}
            </button>
          </div>
        </div>
      ) : null}
      {message ? (
        <p className="notice notice-ok" role="status">
          {message}
        </p>
      ) : null}
      {view !== null && !view.canEdit ? <p className="notice notice-info">{t('editor.readOnly')}</p> : null}
      {view?.correction ? (
        <p className="notice notice-info gz-correction" role="status">
          <strong>{t('editor.correctionPending')}</strong>
          {t('app.parenthesis', {
            text: t(
              view.correction.status === 'approved'
                ? 'editor.correctionStage.approved'
                : 'editor.correctionStage.pending',
            ),
          })}
        </p>
      ) : status === 'published' && editable ? (
        <p className="notice notice-info gz-correction">{t('editor.correctionHint')}</p>
      ) : null}
      {view?.canCorrectUrgently && dirty && !view.correction ? (
        <fieldset className="gz-urgent">
          <label title={t('editor.urgentHint')}>
            <input
              type="checkbox"
              checked={article.urgent}
              onChange={(event) => article.setUrgent(event.target.checked)}
            />{' '}
            {t('editor.urgent')}
          </label>
          {article.urgent ? (
            <label>
              {t('editor.urgentReason')}{' '}
              <input
                type="text"
                required
                maxLength={2000}
                value={article.urgentReason}
                onChange={(event) => article.setUrgentReason(event.target.value)}
              />
            </label>
          ) : null}
          <small>{t('editor.urgentHint')}</small>
        </fieldset>
      ) : null}
      <div className="gz-editor-grid">
        <div className="gz-editor-main">
          <section className="panel gz-fields" aria-label={t('editor.fields')}>
            {textField('kicker', t('editor.kicker'))}
            {textField('title', t('editor.title'), true)}
            {textField('subtitle', t('editor.subtitle'))}
            <div className="gz-field-row">
              <div className="field">
                <label htmlFor={fieldId('column')}>
                  {t('editor.column')}
                  <span className="required"> *</span>
                </label>
                <select
                  id={fieldId('column')}
                  name="columnId"
                  value={draft.columnId ?? ''}
                  disabled={!editable}
                  required
                  onChange={(event) =>
                    set('columnId', event.target.value === '' ? null : Number(event.target.value))
                  }
                >
                  <option value="">{t('editor.chooseColumn')}</option>
                  {columnOptions(columns).map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={fieldId('tags')}>{t('editor.tags')}</label>
                <input
                  id={fieldId('tags')}
                  name="tags"
                  value={draft.tags}
                  readOnly={!editable}
                  aria-describedby={fieldId('tags-hint')}
                  onChange={(event) => set('tags', event.target.value)}
                />
                <span className="hint" id={fieldId('tags-hint')}>
                  {t('editor.tagsHint')}
                </span>
              </div>
            </div>
            {textField('summary', t('editor.summary'))}
          </section>
          <section className="panel gz-body" aria-labelledby={fieldId('body-title')}>
            <h2 id={fieldId('body-title')} className="sr-only">
              {t('editor.body')}
            </h2>
            <RichText
              handle={body}
              initialHtml={draft.bodyHtml}
              editable={editable}
              siteId={siteId}
              onChange={(html) => set('bodyHtml', html)}
            />
          </section>
          <section className="panel gz-credits" aria-label={t('editor.source')}>
            <div className="gz-field-grid">
              {CREDIT_FIELDS.map((name) => textField(name, t(`editor.${name}`)))}
            </div>
          </section>
          <section className="panel gz-media" aria-label={t('editor.cover')}>
            <div className="gz-field-grid">
              <div className="field">
                <label htmlFor={fieldId('cover')}>{t('editor.cover')}</label>
                {draft.coverUrl ? (
                  <div className="gz-cover">
                    <img src={draft.coverUrl} alt={draft.coverAlt} />
                    {editable ? (
                      <button type="button" className="link-button" onClick={() => set('coverUrl', '')}>
                        {t('editor.removeCover')}
                      </button>
                    ) : null}
                  </div>
                ) : null}
                {editable ? (
                  <input
                    id={fieldId('cover')}
                    name="cover"
                    type="file"
                    accept="image/jpeg,image/png,image/gif,image/webp"
                    disabled={uploading}
                    onChange={(event) => {
                      const file = event.target.files?.[0];
                      if (file) void uploadCover(file);
                      event.target.value = '';
                    }}
                  />
                ) : null}
              </div>
              <div className="field">
                <label htmlFor={fieldId('coverAlt')}>{t('editor.coverAlt')}</label>
                <input
                  id={fieldId('coverAlt')}
                  name="coverAlt"
                  value={draft.coverAlt}
                  maxLength={300}
                  readOnly={!editable}
                  onChange={(event) => set('coverAlt', event.target.value)}
                />
              </div>
              <CoverInBodyField
                id={fieldId('showCoverInBody')}
                checked={draft.showCoverInBody}
                readOnly={!editable}
                onChange={(checked) => set('showCoverInBody', checked)}
              />
              <div className="field">
                <label htmlFor={fieldId('attachment')}>{t('editor.attachments')}</label>
                {draft.attachments.length ? (
                  <ul className="gz-attachments">
                    {draft.attachments.map((attachment, index) => (
                      <li key={attachment.url}>
                        <a href={attachment.url}>{attachment.name}</a>{' '}
                        <span className="hint">{formatSize(attachment.size)}</span>{' '}
                        {editable ? (
                          <button
                            type="button"
                            className="link-button"
                            aria-label={t('app.pair', {
                              label: t('editor.removeAttachment'),
                              value: attachment.name,
                            })}
                            onClick={() =>
                              set(
                                'attachments',
                                draft.attachments.filter((_, i) => i !== index),
                              )
                            }
                          >
                            {t('editor.removeAttachment')}
                          </button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {editable ? (
                  <input
                    id={fieldId('attachment')}
                    name="attachment"
                    type="file"
                    disabled={uploading}
                    aria-describedby={fieldId('attachment-hint')}
                    onChange={(event) => {
                      const file = event.target.files?.[0];
                      if (file) void uploadAttachment(file);
                      event.target.value = '';
                    }}
                  />
                ) : null}
                <span className="hint" id={fieldId('attachment-hint')}>
                  {t('editor.attachmentsHint')}
                </span>
              </div>
            </div>
            {uploading ? <p role="status">{t('editor.uploading')}</p> : null}
            {uploadError ? (
              <p className="notice notice-error" role="alert">
                {uploadError}
              </p>
            ) : null}
          </section>
        </div>
        <aside className="gz-editor-side">
          {view !== null ? (
            <WorkflowPanel
              view={view}
              dirty={dirty}
              onFinding={selectFinding}
              onDone={(next, text) => {
                adopt(next, false);
                setMessage(text);
              }}
            />
          ) : null}
          <ChecksPanel
            findings={checks.findings}
            state={checks.state}
            notice={checkNotice}
            onSelect={selectFinding}
            {...(editable ? { onApply: applyFinding } : {})}
          />
          {view !== null ? <PolicyPanel articleId={view.article.id} /> : null}
          {view !== null ? (
            <RevisionsPanel
              articleId={view.article.id}
              version={view.article.version}
              canRestore={view.canEdit}
              dirty={dirty}
              onRestored={(next, text) => {
                adopt(next, true);
                setMessage(text);
              }}
            />
          ) : null}
        </aside>
      </div>
      {previewOpen ? (
        <PreviewDialog
          siteId={siteId}
          articleId={view?.article.id ?? null}
          version={view?.article.version ?? 0}
          unsaved={dirty || view === null ? payload : null}
          onClose={() => setPreviewOpen(false)}
        />
      ) : null}
    </div>
  );
}

function SaveStatus({ state, dirty }: { state: SaveState; dirty: boolean }) {
  const { t } = useI18n();
  if (state.kind === 'saving') return <span className="gz-save-state">{t('editor.saving')}</span>;
  if (state.kind === 'failed') {
    return (
      <span className="gz-save-state gz-save-failed" role="alert">
        {t('app.pair', { label: t('editor.saveFailed'), value: state.message })}
      </span>
    );
  }
  if (dirty) return <span className="gz-save-state gz-save-dirty">{t('editor.unsaved')}</span>;
  if (state.kind === 'saved')
    return (
      <span className="gz-save-state gz-save-ok">
        {t('editor.savedAt', { time: formatTime(state.at).slice(11) })}
      </span>
    );
  return null;
}

/** The column tree as indented options, depth first in the tree's order. */
function columnOptions(columns: readonly Column[]): { id: number; label: string }[] {
  const children = new Map<number | null, Column[]>();
  for (const column of columns) {
    const list = children.get(column.parentId) ?? [];
    list.push(column);
    children.set(column.parentId, list);
  }
  const out: { id: number; label: string }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const column of [...(children.get(parent) ?? [])].sort((a, b) => a.position - b.position)) {
      if (column.kind !== 'link') out.push({ id: column.id, label: `${'　'.repeat(depth)}${column.name}` });
      walk(column.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
