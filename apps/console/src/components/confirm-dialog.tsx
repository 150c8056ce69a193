/**
 * A yes/no question in a native modal <dialog>: showModal() keeps focus inside it and makes the
 * page behind it inert, and Escape cancels. Rendered only while the question stands; Cancel gets
 * focus first, so a stray Enter does nothing destructive, and focus goes back to the control that
 * opened it (the browser does so only for a dialog closed, not one removed). `onConfirm` runs
 * the request; a failure shows the API's message inside the dialog. The confirm button is never
 * disabled, which would drop its focus, only marked busy while the request runs.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Alert } from './alert';
import { formErrorsOf } from './form-errors';
import './confirm-dialog.css';

interface ConfirmDialogProps {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement;
    element?.showModal();
    return () => {
      element?.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
    } catch (failure) {
      setError(formErrorsOf(failure).general);
      setBusy(false);
    }
  };

  const cancel = (event: Event) => {
    event.preventDefault();
    props.onCancel();
  };

  return (
    <dialog ref={dialog} class="confirm-dialog" aria-labelledby={titleId} onCancel={cancel}>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <Alert message={error} />
      <div class="confirm-actions">
        <button type="button" class="secondary" onClick={props.onCancel} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          class="danger"
          onClick={busy ? undefined : confirm}
          aria-disabled={busy || undefined}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
