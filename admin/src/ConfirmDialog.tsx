import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';

interface Props {
  /** The dialog's heading, which is also its accessible name. */
  readonly title: string;
  /** What is being decided: shown above the fields. */
  readonly summary?: ReactNode;
  readonly children?: ReactNode;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  readonly busy?: boolean;
  /** A refusal (the form's own check or the server's), read out when it appears. */
  readonly error?: string | null;
  readonly danger?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * A modal confirmation: a native `<dialog>` opened with `showModal` (the rest of the page is inert, Escape
 * cancels), labelled by its heading; focus goes to its first field (or the confirm button) and, when it
 * closes, back to where it was — the button that opened it.
 */
export function ConfirmDialog(props: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    element?.showModal();
    const first = element?.querySelector<HTMLElement>('textarea, input, select');
    (first ?? element?.querySelector<HTMLElement>('button[type="submit"]'))?.focus();
    return () => {
      if (element?.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onConfirm();
  };
  return (
    <dialog
      ref={dialog}
      className="gz-dialog gz-confirm"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <form method="dialog" noValidate onSubmit={submit}>
        <h2 id={`${id}-title`}>{props.title}</h2>
        {props.summary}
        {props.children}
        {props.error ? (
          <p className="notice notice-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <div className="gz-dialog-actions">
          <button type="submit" className={props.danger ? 'danger' : 'primary'} disabled={props.busy}>
            {props.confirmLabel}
          </button>
          <button type="button" onClick={props.onCancel}>
            {props.cancelLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
