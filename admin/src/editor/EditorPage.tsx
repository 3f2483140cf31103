import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { checkedFieldsOf } from '../../../src/core/article';
import { ApiError, api } from '../api';
import { errorText, formatTime, useI18n } from '../i18n';
import { ChecksPanel, type CheckState } from './ChecksPanel';
import { formatSize, uploadMedia } from './media';
import { CoverInBodyField } from './official-tools';
import { PreviewDialog } from './PreviewDialog';
import { PolicyPanel } from './PolicyPanel';
import { RevisionsPanel } from './RevisionsPanel';
import { RichText, type RichTextHandle } from './RichText';
import { editorStrings } from './strings';
import {
  EMPTY_DRAFT,
  draftOfView,
  payloadOf,
  type ArticleDraft,
  type ArticleView,
  type Column,
  type Finding,
} from './types';
import { WorkflowPanel } from './WorkflowPanel';
// A stylesheet, not a <style> element: the admin's CSP allows styles from 'self' only.
import './editor.css';

export interface EditorPageProps {
  /** null: a new article. */
  readonly articleId: number | null;
  readonly siteId: number;
  readonly onNavigate: (path: string) => void;
}

/** Autosave waits this long after the last keystroke. */
const AUTOSAVE_DELAY_MS = 2500;
/** The live check waits this long after the last keystroke. */
const CHECK_DELAY_MS = 1500;
/** Pauses before each new try of a failed check: growing, then every 30 s until it answers. */
const CHECK_RETRY_MS = [2000, 4000, 8000, 16000, 30000] as const;

type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: string }
  | { readonly kind: 'failed'; readonly message: string };

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
 * allows, the checks panel and the revisions with their word-level diff.
 */
export function EditorPage({ articleId, siteId, onNavigate }: EditorPageProps) {
  const { lang } = useI18n();
  const s = editorStrings(lang);
  const uid = useId();
  const fieldId = (name: string) => `${uid}-${name}`;
  const [view, setView] = useState<ArticleView | null>(null);
  const [columns, setColumns] = useState<readonly Column[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<ArticleDraft | null>(articleId === null ? EMPTY_DRAFT : null);
  /** The payload last saved (or loaded), to know whether there is anything to save. */
  const [baseline, setBaseline] = useState<string>(JSON.stringify(payloadOf(EMPTY_DRAFT)));
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [conflict, setConflict] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [checkNotice, setCheckNotice] = useState<string | null>(null);
  /** Findings of the unsaved text, with the payload (JSON) they were found in. */
  const [liveFindings, setLiveFindings] = useState<{
    readonly text: string;
    readonly findings: readonly Finding[];
  } | null>(null);
  const [checkFailure, setCheckFailure] = useState<{
    readonly reason: string;
    readonly retryIn: number;
  } | null>(null);
  const [previewOpen, setPreviewOpen] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  /** The editor's claim that a change to approved or published text is a correction of form only. */
  const [minor, setMinor] = useState(false);
  /** 紧急更正 of a published article: online at once, with a reason (reviewed afterwards). */
  const [urgent, setUrgent] = useState(false);
  const [urgentReason, setUrgentReason] = useState('');
  const body = useRef<RichTextHandle>(null);
  const saving = useRef(false);

  const adopt = useCallback((next: ArticleView, replaceDraft: boolean) => {
    setView(next);
    setLiveFindings(null);
    if (replaceDraft) {
      const fresh = draftOfView(next);
      setDraft(fresh);
      setBaseline(JSON.stringify(payloadOf(fresh)));
      body.current?.setContent(fresh.bodyHtml);
    }
  }, []);

  useEffect(() => {
    let live = true;
    api.get<{ items: Column[] }>(`/sites/${siteId}/columns`).then(
      (answer) => live && setColumns(answer.items),
      (error: unknown) => live && setLoadError(error),
    );
    if (articleId !== null) {
      api.get<ArticleView>(`/articles/${articleId}`).then(
        (answer) => live && adopt(answer, true),
        (error: unknown) => live && setLoadError(error),
      );
    }
    return () => {
      live = false;
    };
  }, [articleId, siteId, adopt]);

  const payload = useMemo(() => (draft ? payloadOf(draft) : null), [draft]);
  const dirty = payload !== null && JSON.stringify(payload) !== baseline;
  const editable = view === null ? true : view.canEdit;
  const status = view?.article.status ?? 'draft';

  const save = useCallback(
    async (options: { overrideVersion?: number } = {}): Promise<boolean> => {
      if (draft === null || payload === null || saving.current) return false;
      if (draft.title.trim() === '') {
        setSaveState({ kind: 'failed', message: s.titleRequired });
        return false;
      }
      if (draft.columnId === null) {
        setSaveState({ kind: 'failed', message: s.columnRequired });
        return false;
      }
      saving.current = true;
      setSaveState({ kind: 'saving' });
      const sent = JSON.stringify(payload);
      try {
        if (view === null) {
          const created = await api.post<ArticleView>('/articles', { siteId, ...payload });
          setBaseline(sent);
          setView(created);
          setSaveState({ kind: 'saved', at: created.article.updatedAt });
          onNavigate(`/articles/${created.article.id}`);
          return true;
        }
        const version = options.overrideVersion ?? view.article.version;
        const next = await api.put<ArticleView>(`/articles/${view.article.id}`, {
          version,
          ...(minor ? { minor: true } : {}),
          ...(urgent ? { urgent: true, reason: urgentReason } : {}),
          ...payload,
        });
        setMinor(false);
        setUrgent(false);
        setUrgentReason('');
        setBaseline(sent);
        setView(next);
        setLiveFindings(null);
        setConflict(false);
        setSaveState({ kind: 'saved', at: next.article.updatedAt });
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'GZ_VERSION_CONFLICT') {
          // The banner explains it and offers the two ways out.
          setConflict(true);
          setSaveState({ kind: 'failed', message: s.conflictTitle });
        } else {
          setSaveState({ kind: 'failed', message: errorText(error, lang) });
        }
        return false;
      } finally {
        saving.current = false;
      }
    },
    [draft, payload, view, siteId, onNavigate, s, lang, minor, urgent, urgentReason],
  );

  // Autosave: drafts only (saving an article in review or published may restart its review, which is a
  // decision the person makes with the save button), after a pause in typing, only when something changed.
  useEffect(() => {
    if (!dirty || conflict || view === null || !view.canEdit || status !== 'draft') return;
    const timer = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, conflict, view, status, save]);

  // Checks of the unsaved text (POST /checks), so findings follow the typing. A failed check is tried again
  // after a growing pause, and the panel says it failed until one answers.
  const payloadText = payload === null ? null : JSON.stringify(payload);
  const checkColumn = draft?.columnId ?? null;
  useEffect(() => {
    setCheckFailure(null);
    if (!dirty || payloadText === null || checkColumn === null) return;
    const fields = checkedFieldsOf(JSON.parse(payloadText) as Record<string, unknown>);
    let cancelled = false;
    let attempt = 0;
    const run = () => {
      api.post<{ findings: Finding[] }>('/checks', { siteId, ...fields }).then(
        (answer) => {
          if (cancelled) return;
          setLiveFindings({ text: payloadText, findings: answer.findings });
          setCheckFailure(null);
        },
        (error: unknown) => {
          if (cancelled) return;
          const retryIn = CHECK_RETRY_MS[Math.min(attempt, CHECK_RETRY_MS.length - 1)]!;
          attempt += 1;
          setCheckFailure({ reason: errorText(error, lang), retryIn });
          timer = window.setTimeout(run, retryIn);
        },
      );
    };
    let timer = window.setTimeout(run, CHECK_DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [dirty, payloadText, siteId, checkColumn, lang]);

  // Leaving with unsaved changes: the browser asks on reload and close; in-app links ask here.
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    const click = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="/admin"]');
      if (!link || link.closest('.gz-editor-page .gz-body')) return;
      if (!window.confirm(s.leaveWarning)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [dirty, s]);

  const resolveConflict = async (keepMine: boolean) => {
    if (view === null) return;
    try {
      const latest = await api.get<ArticleView>(`/articles/${view.article.id}`);
      if (keepMine) {
        setView(latest);
        setConflict(false);
        await save({ overrideVersion: latest.article.version });
      } else {
        adopt(latest, true);
        setConflict(false);
        setSaveState({ kind: 'idle' });
      }
    } catch (error) {
      setSaveState({ kind: 'failed', message: errorText(error, lang) });
    }
  };

  const set = <K extends keyof ArticleDraft>(key: K, value: ArticleDraft[K]) =>
    setDraft((current) => (current ? { ...current, [key]: value } : current));

  const selectFinding = (finding: Finding) => {
    setCheckNotice(null);
    const input = document.getElementById(fieldId(finding.field));
    if (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) {
      const value = input.value;
      let at = value.indexOf(finding.excerpt, Math.max(0, finding.start - finding.excerpt.length));
      if (at === -1) at = value.indexOf(finding.excerpt);
      input.focus();
      if (finding.excerpt !== '' && at !== -1) input.setSelectionRange(at, at + finding.excerpt.length);
      else if (finding.excerpt !== '') setCheckNotice(s.notFoundInText);
      return;
    }
    if (!body.current?.select(finding.excerpt, finding.start)) setCheckNotice(s.notFoundInText);
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
        setCheckNotice(s.notFoundInText);
        return;
      }
      set(key, `${value.slice(0, at)}${replacement}${value.slice(at + finding.excerpt.length)}` as never);
      return;
    }
    if (!body.current?.replace(finding.excerpt, finding.start, replacement)) setCheckNotice(s.notFoundInText);
  };

  const uploadCover = async (file: File) => {
    setUploadError(null);
    setUploading(true);
    try {
      const media = await uploadMedia(file, draft?.coverAlt ?? '', siteId, s);
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
      const media = await uploadMedia(file, '', siteId, s);
      setDraft((current) =>
        current && !current.attachments.some((a) => a.url === media.url)
          ? {
              ...current,
              attachments: [
                ...current.attachments,
                { url: media.url, name: media.filename, size: media.size },
              ],
            }
          : current,
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
        {s.loading}
      </p>
    );
  }

  const findings = liveFindings?.findings ?? view?.findings ?? [];
  const checkState: CheckState = !dirty
    ? { kind: 'current' }
    : checkFailure !== null
      ? { kind: 'failed', ...checkFailure }
      : draft.columnId === null
        ? { kind: 'no-column' }
        : liveFindings?.text === JSON.stringify(payload)
          ? { kind: 'current' }
          : { kind: 'waiting' };
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
            ? s.newArticle
            : view?.actions.includes('approve')
              ? s.reviewArticle
              : s.editArticle}
        </h1>
        <div className="gz-save-bar" aria-live="polite">
          <SaveStatus state={saveState} dirty={dirty} s={s} />
          {editable && dirty && (status === 'approved' || status === 'scheduled') ? (
            <label className="gz-minor" title={s.minorHint}>
              <input type="checkbox" checked={minor} onChange={(event) => setMinor(event.target.checked)} />{' '}
              {s.minor}
            </label>
          ) : null}
          <button
            type="button"
            onClick={() => setPreviewOpen(true)}
            disabled={draft.columnId === null || draft.title.trim() === ''}
          >
            {s.preview}
          </button>
          {editable ? (
            <button
              type="button"
              className="primary"
              onClick={() => void save()}
              disabled={saveState.kind === 'saving' || (!dirty && view !== null)}
            >
              {saveState.kind === 'saving' ? s.saving : s.save}
            </button>
          ) : null}
        </div>
      </div>
      {conflict ? (
        <div
          className="notice notice-error gz-conflict"
          role="alertdialog"
          aria-labelledby={`${uid}-conflict`}
        >
          <h2 id={`${uid}-conflict`}>{s.conflictTitle}</h2>
          <p>{s.conflictText}</p>
          <div className="gz-dialog-actions">
            <button type="button" onClick={() => void resolveConflict(false)}>
              {s.conflictReload}
            </button>
            <button type="button" className="primary" onClick={() => void resolveConflict(true)}>
              {s.conflictKeep}
            </button>
          </div>
        </div>
      ) : null}
      {message ? (
        <p className="notice notice-ok" role="status">
          {message}
        </p>
      ) : null}
      {view !== null && !view.canEdit ? <p className="notice notice-info">{s.readOnly}</p> : null}
      {view?.correction ? (
        <p className="notice notice-info gz-correction" role="status">
          <strong>{s.correctionPending}</strong>（{s.correctionStage(view.correction.status === 'approved')}）
        </p>
      ) : status === 'published' && editable ? (
        <p className="notice notice-info gz-correction">{s.correctionHint}</p>
      ) : null}
      {view?.canCorrectUrgently && dirty && !view.correction ? (
        <fieldset className="gz-urgent">
          <label title={s.urgentHint}>
            <input type="checkbox" checked={urgent} onChange={(event) => setUrgent(event.target.checked)} />{' '}
            {s.urgent}
          </label>
          {urgent ? (
            <label>
              {s.urgentReason}{' '}
              <input
                type="text"
                required
                maxLength={2000}
                value={urgentReason}
                onChange={(event) => setUrgentReason(event.target.value)}
              />
            </label>
          ) : null}
          <small>{s.urgentHint}</small>
        </fieldset>
      ) : null}
      <div className="gz-editor-grid">
        <div className="gz-editor-main">
          <section className="panel gz-fields" aria-label={s.fields}>
            {textField('kicker', s.kicker)}
            {textField('title', s.title, true)}
            {textField('subtitle', s.subtitle)}
            <div className="gz-field-row">
              <div className="field">
                <label htmlFor={fieldId('column')}>
                  {s.column}
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
                  <option value="">{s.chooseColumn}</option>
                  {columnOptions(columns).map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={fieldId('tags')}>{s.tags}</label>
                <input
                  id={fieldId('tags')}
                  name="tags"
                  value={draft.tags}
                  readOnly={!editable}
                  aria-describedby={fieldId('tags-hint')}
                  onChange={(event) => set('tags', event.target.value)}
                />
                <span className="hint" id={fieldId('tags-hint')}>
                  {s.tagsHint}
                </span>
              </div>
            </div>
            {textField('summary', s.summary)}
          </section>
          <section className="panel gz-body" aria-labelledby={fieldId('body-title')}>
            <h2 id={fieldId('body-title')} className="sr-only">
              {s.body}
            </h2>
            <RichText
              handle={body}
              initialHtml={draft.bodyHtml}
              editable={editable}
              s={s}
              lang={lang}
              siteId={siteId}
              onChange={(html) => set('bodyHtml', html)}
            />
          </section>
          <section className="panel gz-credits" aria-label={s.source}>
            <div className="gz-field-grid">{CREDIT_FIELDS.map((name) => textField(name, s[name]))}</div>
          </section>
          <section className="panel gz-media" aria-label={s.cover}>
            <div className="gz-field-grid">
              <div className="field">
                <label htmlFor={fieldId('cover')}>{s.cover}</label>
                {draft.coverUrl ? (
                  <div className="gz-cover">
                    <img src={draft.coverUrl} alt={draft.coverAlt} />
                    {editable ? (
                      <button type="button" className="link-button" onClick={() => set('coverUrl', '')}>
                        {s.removeCover}
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
                <label htmlFor={fieldId('coverAlt')}>{s.coverAlt}</label>
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
                <label htmlFor={fieldId('attachment')}>{s.attachments}</label>
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
                            aria-label={`${s.removeAttachment}：${attachment.name}`}
                            onClick={() =>
                              set(
                                'attachments',
                                draft.attachments.filter((_, i) => i !== index),
                              )
                            }
                          >
                            {s.removeAttachment}
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
                  {s.attachmentsHint}
                </span>
              </div>
            </div>
            {uploading ? <p role="status">{s.uploading}</p> : null}
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
              s={s}
              lang={lang}
              dirty={dirty}
              onFinding={selectFinding}
              onDone={(next, text) => {
                adopt(next, false);
                setMessage(text);
              }}
            />
          ) : null}
          <ChecksPanel
            findings={findings}
            s={s}
            lang={lang}
            state={checkState}
            notice={checkNotice}
            onSelect={selectFinding}
            {...(editable ? { onApply: applyFinding } : {})}
          />
          {view !== null ? <PolicyPanel articleId={view.article.id} lang={lang} /> : null}
          {view !== null ? (
            <RevisionsPanel
              articleId={view.article.id}
              version={view.article.version}
              canRestore={view.canEdit}
              dirty={dirty}
              s={s}
              lang={lang}
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
          s={s}
          lang={lang}
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

function SaveStatus({
  state,
  dirty,
  s,
}: {
  state: SaveState;
  dirty: boolean;
  s: ReturnType<typeof editorStrings>;
}) {
  if (state.kind === 'saving') return <span className="gz-save-state">{s.saving}</span>;
  if (state.kind === 'failed') {
    return (
      <span className="gz-save-state gz-save-failed" role="alert">
        {s.saveFailed}：{state.message}
      </span>
    );
  }
  if (dirty) return <span className="gz-save-state gz-save-dirty">{s.unsaved}</span>;
  if (state.kind === 'saved')
    return <span className="gz-save-state gz-save-ok">{s.savedAt(formatTime(state.at).slice(11))}</span>;
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
