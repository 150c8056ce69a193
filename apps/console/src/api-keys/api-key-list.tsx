/** The caller's keys (never the secrets), newest first, each with its Revoke button. */
import type { ApiKey } from './api-key';
import { formatInstant } from '../components/format-instant';

interface ApiKeyListProps {
  keys: ApiKey[] | undefined;
  onRevoke: (key: ApiKey) => void;
}

export function ApiKeyList({ keys, onRevoke }: ApiKeyListProps) {
  if (!keys) return <p aria-busy="true">Loading your keys…</p>;
  if (keys.length === 0) return <p class="empty">No API keys yet. Create one above.</p>;
  return (
    <ul class="api-keys" aria-label="Your API keys">
      {keys.map((key) => (
        <li key={key.id}>
          <h3>{key.name}</h3>
          <dl>
            <dt>Starts with</dt>
            <dd>
              <code>{key.prefix}</code>
            </dd>
            <dt>Scopes</dt>
            <dd>{key.scopes.join(', ')}</dd>
            <dt>Created</dt>
            <dd>{formatInstant(key.createdAt)}</dd>
            <dt>Last used</dt>
            <dd>{key.lastUsedAt ? formatInstant(key.lastUsedAt) : 'Never'}</dd>
            <dt>Expires</dt>
            <dd>{expiryOf(key)}</dd>
          </dl>
          <button
            type="button"
            class="danger"
            aria-label={`Revoke ${key.name}`}
            onClick={() => onRevoke(key)}
          >
            Revoke
          </button>
        </li>
      ))}
    </ul>
  );
}

function expiryOf(key: ApiKey): string {
  if (!key.expiresAt) return 'Never';
  const when = formatInstant(key.expiresAt);
  return Date.parse(key.expiresAt) <= Date.now() ? `Expired ${when}` : when;
}
