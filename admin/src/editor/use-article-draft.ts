import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { ApiError, api } from '../api';
import { errorText, useI18n } from '../i18n';
import type { RichTextHandle } from './RichText';
import {
  EMPTY_DRAFT,
  draftOfView,
  payloadOf,
  type ArticleDraft,
  type ArticleView,
  type Column,
} from './types';

/** Autosave waits this long after the last keystroke. */
const AUTOSAVE_DELAY_MS = 2500;

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface ArticleDraftState {
  /** The article as the server last answered; null for a new article not saved yet. */
  readonly view: ArticleView | null;
  readonly columns: readonly Column[];
  readonly loadError: unknown;
  /** The form; null while the article loads. */
  readonly draft: ArticleDraft | null;
  /** What a save would send, the API's shape of the form. */
  readonly payload: Record<string, unknown> | null;
  /** The form differs from what was last saved or loaded. */
  readonly dirty: boolean;
  readonly saveState: SaveState;
  /** The last save found that someone else saved first (GZ_VERSION_CONFLICT). */
  readonly conflict: boolean;
  /** The editor's claim that a change to approved or published text is a correction of form only. */
  readonly minor: boolean;
  /** 紧急更正 of a published article: online at once, with a reason (reviewed afterwards). */
  readonly urgent: boolean;
  readonly urgentReason: string;
  setMinor: (minor: boolean) => void;
  setUrgent: (urgent: boolean) => void;
  setUrgentReason: (reason: string) => void;
  /** Changes one field of the form. */
  set: <K extends keyof ArticleDraft>(key: K, value: ArticleDraft[K]) => void;
  /** Changes the form from what it is now (for changes that depend on it). */
  update: (change: (draft: ArticleDraft) => ArticleDraft) => void;
  save: () => Promise<boolean>;
  /** Ends a conflict: keep this text and save it over the other, or load the other and drop this text. */
  resolveConflict: (keepMine: boolean) => Promise<void>;
  /** Takes an answer of the server; `replaceDraft` also puts its content in the form (restore, reload). */
  adopt: (next: ArticleView, replaceDraft: boolean) => void;
}

/**
 * The article being edited and its form: loading (with the site's columns), saving (create, then update
 * with the version read), autosave of drafts, and the version conflict when someone else saved first.
 * `body` is the rich-text editor, whose content is set when the form is replaced.
 */
export function useArticleDraft(
  articleId: number | null,
  siteId: number,
  onNavigate: (path: string) => void,
  body: RefObject<RichTextHandle | null>,
): ArticleDraftState {
  const { lang, t } = useI18n();
  const [view, setView] = useState<ArticleView | null>(null);
  const [columns, setColumns] = useState<readonly Column[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<ArticleDraft | null>(articleId === null ? EMPTY_DRAFT : null);
  /** The payload last saved (or loaded), to know whether there is anything to save. */
  const [baseline, setBaseline] = useState<string>(JSON.stringify(payloadOf(EMPTY_DRAFT)));
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [conflict, setConflict] = useState(false);
  const [minor, setMinor] = useState(false);
  const [urgent, setUrgent] = useState(false);
  const [urgentReason, setUrgentReason] = useState('');
  const saving = useRef(false);

  const adopt = useCallback(
    (next: ArticleView, replaceDraft: boolean) => {
      setView(next);
      if (replaceDraft) {
        const fresh = draftOfView(next);
        setDraft(fresh);
        setBaseline(JSON.stringify(payloadOf(fresh)));
        body.current?.setContent(fresh.bodyHtml);
      }
    },
    [body],
  );

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
  const status = view?.article.status ?? 'draft';

  const saveVersion = useCallback(
    async (overrideVersion?: number): Promise<boolean> => {
      if (draft === null || payload === null || saving.current) return false;
      if (draft.title.trim() === '') {
        setSaveState({ kind: 'failed', message: t('editor.titleRequired') });
        return false;
      }
      if (draft.columnId === null) {
        setSaveState({ kind: 'failed', message: t('editor.columnRequired') });
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
        const version = overrideVersion ?? view.article.version;
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
        setConflict(false);
        setSaveState({ kind: 'saved', at: next.article.updatedAt });
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'GZ_VERSION_CONFLICT') {
          // The banner explains it and offers the two ways out.
          setConflict(true);
          setSaveState({ kind: 'failed', message: t('editor.conflictTitle') });
        } else {
          setSaveState({ kind: 'failed', message: errorText(error, lang) });
        }
        return false;
      } finally {
        saving.current = false;
      }
    },
    [draft, payload, view, siteId, onNavigate, t, lang, minor, urgent, urgentReason],
  );
  const save = useCallback(() => saveVersion(), [saveVersion]);

  // Autosave: drafts only (saving an article in review or published may restart its review, which is a
  // decision the person makes with the save button), after a pause in typing, only when something changed.
  useEffect(() => {
    if (!dirty || conflict || view === null || !view.canEdit || status !== 'draft') return;
    const timer = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, conflict, view, status, save]);

  const resolveConflict = async (keepMine: boolean) => {
    if (view === null) return;
    try {
      const latest = await api.get<ArticleView>(`/articles/${view.article.id}`);
      if (keepMine) {
        setView(latest);
        setConflict(false);
        await saveVersion(latest.article.version);
      } else {
        adopt(latest, true);
        setConflict(false);
        setSaveState({ kind: 'idle' });
      }
    } catch (error) {
      setSaveState({ kind: 'failed', message: errorText(error, lang) });
    }
  };

  const update = useCallback(
    (change: (current: ArticleDraft) => ArticleDraft) =>
      setDraft((current) => (current ? change(current) : current)),
    [],
  );
  const set = useCallback(
    <K extends keyof ArticleDraft>(key: K, value: ArticleDraft[K]) =>
      update((current) => ({ ...current, [key]: value })),
    [update],
  );

  return {
    view,
    columns,
    loadError,
    draft,
    payload,
    dirty,
    saveState,
    conflict,
    minor,
    urgent,
    urgentReason,
    setMinor,
    setUrgent,
    setUrgentReason,
    set,
    update,
    save,
    resolveConflict,
    adopt,
  };
}
