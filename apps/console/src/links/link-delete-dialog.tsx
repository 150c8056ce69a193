/** Asks before deleting a link (DELETE /api/links/:slug): its short URL stops working for good. */
import type { ApiClient } from '../api/api-client';
import { ConfirmDialog } from '../components/confirm-dialog';
import type { Link } from './link';

interface LinkDeleteDialogProps {
  api: ApiClient;
  link: Link;
  onDeleted: (link: Link) => void;
  onClose: () => void;
}

export function LinkDeleteDialog({ api, link, onDeleted, onClose }: LinkDeleteDialogProps) {
  const confirm = async () => {
    await api.call('DELETE', `/api/links/${encodeURIComponent(link.slug)}`);
    onDeleted(link);
  };

  return (
    <ConfirmDialog
      title={`Delete /${link.slug}?`}
      confirmLabel="Delete link"
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>{link.shortUrl} stops working for good: its slug is never given to another link.</p>
    </ConfirmDialog>
  );
}
