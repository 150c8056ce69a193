/**
 * The caller's API keys: create one with scopes (its secret shown once, kept only in this
 * page's state, so leaving the page or pressing Done drops it), list, revoke.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { useDeferredFocus } from '../components/use-deferred-focus';
import { formErrorsOf } from '../components/form-errors';
import type { ApiKey, ApiKeyList as ApiKeyListBody, IssuedApiKey } from './api-key';
import { ApiKeyCreateForm } from './api-key-create-form';
import { ApiKeyList } from './api-key-list';
import { IssuedKey } from './issued-key';
import { RevokeKeyDialog } from './revoke-key-dialog';
import './api-keys.css';

export function ApiKeysPage({ api, admin }: { api: ApiClient; admin: boolean }) {
  const [keys, setKeys] = useState<ApiKey[]>();
  const [loadError, setLoadError] = useState<string>();
  const [issued, setIssued] = useState<IssuedApiKey>();
  const [revoking, setRevoking] = useState<ApiKey>();
  const [status, setStatus] = useState('');
  const title = useRef<HTMLHeadingElement>(null);
  // The revoked key's button goes with its row: focus goes to the list's heading.
  const { target: listHeading, focusAfterRender: focusList } =
    useDeferredFocus<HTMLHeadingElement>();

  useEffect(() => {
    api.call<ApiKeyListBody>('GET', '/api/keys').then(
      (list) => setKeys(list.items),
      (error: unknown) => setLoadError(formErrorsOf(error).general),
    );
  }, [api]);

  const created = (key: IssuedApiKey) => {
    setIssued(key);
    setKeys([withoutSecret(key), ...(keys ?? [])]);
  };

  const dismissIssued = () => {
    setIssued(undefined);
    title.current?.focus();
  };

  const revoked = (key: ApiKey) => {
    setRevoking(undefined);
    setKeys(keys?.filter((kept) => kept.id !== key.id));
    setStatus(`Revoked “${key.name}”.`);
    focusList();
  };

  return (
    <>
      <h1 ref={title} tabIndex={-1}>
        API keys
      </h1>
      <p>Keys let your scripts call the API without your password, limited to their scopes.</p>
      {issued && <IssuedKey issued={issued} onDone={dismissIssued} />}
      <ApiKeyCreateForm api={api} admin={admin} onCreated={created} />
      <h2 ref={listHeading} tabIndex={-1}>
        Your keys
      </h2>
      <p class="keys-status" aria-live="polite">
        {status}
      </p>
      <Alert message={loadError} />
      {!loadError && <ApiKeyList keys={keys} onRevoke={setRevoking} />}
      {revoking && (
        <RevokeKeyDialog
          api={api}
          apiKey={revoking}
          onRevoked={revoked}
          onCancel={() => setRevoking(undefined)}
        />
      )}
    </>
  );
}

function withoutSecret({ key: _secret, ...listed }: IssuedApiKey): ApiKey {
  return listed;
}
