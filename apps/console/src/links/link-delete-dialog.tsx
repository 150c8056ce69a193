/** Asks before deleting a link (DELETE /api/links/:slug): its short URL stops working for good. */
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { ConfirmDialog } from '../components/confirm-dialog';
import { formErrorsOf } from '../components/form-errors';
import type { Link } from './link';

interface LinkDeleteDialogProps {
  api: ApiClient;
  link: Link;
  onDeleted: (link: Link) => void;
  onClose: () => void;
}

export function LinkDeleteDialog({ api, link, onDeleted, onClose }: LinkDeleteDialogProps) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await api.call('DELETE', `/api/links/${encodeURIComponent(link.slug)}`);
      onDeleted(link);
    } catch (failure) {
      setError(formErrorsOf(failure).general);
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      title={`Delete /${link.slug}?`}
      confirmLabel="Delete link"
      onConfirm={confirm}
      onCancel={onClose}
      busy={busy}
      error={error}
    >
      <p>{link.shortUrl} stops working for good: its slug is never given to another link.</p>
    </ConfirmDialog>
  );
}
