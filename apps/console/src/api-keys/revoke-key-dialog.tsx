/** Asks before revoking a key (DELETE /api/keys/:id): anything using it stops working at once. */
import type { ApiClient } from '../api/api-client';
import { ConfirmDialog } from '../components/confirm-dialog';
import type { ApiKey } from './api-key';

interface RevokeKeyDialogProps {
  api: ApiClient;
  apiKey: ApiKey;
  onRevoked: (key: ApiKey) => void;
  onCancel: () => void;
}

export function RevokeKeyDialog({ api, apiKey, onRevoked, onCancel }: RevokeKeyDialogProps) {
  const revoke = async () => {
    await api.call('DELETE', `/api/keys/${encodeURIComponent(apiKey.id)}`);
    onRevoked(apiKey);
  };

  return (
    <ConfirmDialog
      title={`Revoke “${apiKey.name}”?`}
      confirmLabel="Revoke key"
      onConfirm={revoke}
      onCancel={onCancel}
    >
      <p>
        Requests made with the key starting <code>{apiKey.prefix}</code> are refused from now on.
        This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
