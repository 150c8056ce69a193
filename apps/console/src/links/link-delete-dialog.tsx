/**
 * Asks before deleting a link (DELETE /api/links/:slug). Cancel has the focus, so Enter or
 * Escape keeps the link; deleting is a deliberate second step.
 */
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { formErrorsOf } from '../components/form-errors';
import { useModal } from '../components/use-modal';
import type { Link } from './link';

interface LinkDeleteDialogProps {
  api: ApiClient;
  link: Link;
  onDeleted: (link: Link) => void;
  onClose: () => void;
}

export function LinkDeleteDialog({ api, link, onDeleted, onClose }: LinkDeleteDialogProps) {
  const dialog = useModal();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const close = () => dialog.current?.close();

  const confirm = async () => {
    setBusy(true);
    try {
      await api.call('DELETE', `/api/links/${encodeURIComponent(link.slug)}`);
      close();
      onDeleted(link);
    } catch (failure) {
      setError(formErrorsOf(failure).general);
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      class="modal"
      aria-labelledby="delete-heading"
      aria-describedby="delete-text"
      onClose={onClose}
    >
      <h2 id="delete-heading">Delete /{link.slug}?</h2>
      <p id="delete-text">
        {link.shortUrl} stops working for good: its slug is never given to another link.
      </p>
      <Alert message={error} />
      <div class="actions">
        <button type="button" class="secondary" onClick={close} autoFocus>
          Cancel
        </button>
        <button type="button" class="danger" onClick={confirm} disabled={busy}>
          Delete link
        </button>
      </div>
    </dialog>
  );
}
