import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from './api';
import { errorText, useI18n } from './i18n';
import { navigate } from './router';
import { useSession } from './session';

/** Loads data for a screen; a 401 sends the person back to sign in. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const { advance } = useSession();
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) void advance();
        setState({ data: null, error, loading: false });
      },
    );
    return () => {
      live = false;
    };
    // The caller lists what the load depends on, as for useEffect.
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/**
 * Runs one user action at a time and keeps its error: `fieldError(name)` is the server's message when it
 * named that field, `error` the message for the form as a whole.
 */
export function useAction() {
  const { lang } = useI18n();
  const { advance } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const run = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setFailure(null);
      try {
        return await work();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) void advance();
        setFailure(error);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [advance],
  );
  const field = failure instanceof ApiError ? failure.body.field : undefined;
  return {
    busy,
    run,
    failure,
    clear: () => setFailure(null),
    /** The message when the error is about the whole form (not a field). */
    error: failure && !field ? errorText(failure, lang) : null,
    fieldError: (name: string) => (failure && field === name ? errorText(failure, lang) : undefined),
    /** The message whatever it is about (for forms that do not show every field). */
    anyError: failure ? errorText(failure, lang) : null,
  };
}

export function ErrorNotice({ error }: { error: unknown }) {
  const { lang } = useI18n();
  if (!error) return null;
  return (
    <p className="notice notice-error" role="alert">
      {typeof error === 'string' ? error : errorText(error, lang)}
    </p>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'ok' | 'warn' }) {
  return (
    <p className={`notice notice-${tone}`} role="status">
      {children}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

interface FieldShell {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  readonly required?: boolean;
  readonly className?: string;
}

function Shell(props: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div
      className={`field${props.error ? ' field-invalid' : ''}${props.className ? ` ${props.className}` : ''}`}
    >
      <span className="field-label">
        <label htmlFor={props.id}>{props.label}</label>
        {/* The input itself says "required" to assistive technology; the star is for the eye. */}
        {props.required ? (
          <span className="required" aria-hidden="true">
            *
          </span>
        ) : null}
      </span>
      {props.children}
      {props.hint ? (
        <span className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span className="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

/**
 * Splits a field's props into the labelled shell and the control's own attributes: the id, `required`,
 * `aria-invalid` when the server refused the value, and `aria-describedby` naming the hint and the error.
 */
function useField<P extends FieldShell & { id?: string | undefined }>(props: P) {
  const generated = useId();
  const { label, error, hint, required, className, id = generated, ...rest } = props;
  const by = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    shell: { label, error, hint, required: required ?? false, id, className: className ?? '' },
    control: {
      id,
      required,
      'aria-invalid': error ? true : undefined,
      ...(by ? { 'aria-describedby': by } : {}),
    },
    rest,
  };
}

type Control<A> = FieldShell & Omit<A, 'className'>;

/** A labelled input; the server's message for this field shows under it. */
export function TextField(props: Control<InputHTMLAttributes<HTMLInputElement>>) {
  const { shell, control, rest } = useField(props);
  return (
    <Shell {...shell}>
      <input {...control} {...rest} />
    </Shell>
  );
}

export function TextArea(props: Control<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { shell, control, rest } = useField(props);
  return (
    <Shell {...shell}>
      <textarea {...control} {...rest} />
    </Shell>
  );
}

export function SelectField(
  props: Control<SelectHTMLAttributes<HTMLSelectElement>> & {
    options: readonly { value: string | number; label: string }[];
  },
) {
  const { shell, control, rest } = useField(props);
  const { options, ...select } = rest;
  return (
    <Shell {...shell}>
      <select {...control} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/** An in-app link: a real `<a href>` (open in a new tab works) that navigates without reloading. */
export function Link(props: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  const { to, children, className, current } = props;
  const href = `/admin${to === '/' ? '' : to}`;
  return (
    <a
      href={href}
      className={className}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

/** The screen's heading; focused on arrival so that a screen reader announces the new screen. */
export function ScreenTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="screen-head">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {actions ? <div className="screen-actions">{actions}</div> : null}
    </div>
  );
}

export function Empty() {
  const { t } = useI18n();
  return <p className="empty">{t('common.empty')}</p>;
}

/** 中文 ⇄ English; the button's text is in the language it switches to. */
export function LanguageSwitch({ className }: { className: string }) {
  const { t, lang, setLang } = useI18n();
  return (
    <button
      type="button"
      className={className}
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
      title={t('app.languageLabel')}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {t('app.language')}
    </button>
  );
}

/** Previous/next buttons of a list (and "first page" where the list pages by cursor). */
export function Pager({
  buttons,
}: {
  buttons: readonly { label: string; disabled: boolean; go: () => void }[];
}) {
  const { t } = useI18n();
  return (
    <nav className="pager" aria-label={t('common.pager')}>
      {buttons.map((button) => (
        <button key={button.label} type="button" disabled={button.disabled} onClick={button.go}>
          {button.label}
        </button>
      ))}
    </nav>
  );
}
