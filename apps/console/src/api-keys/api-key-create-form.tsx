/** Creates an API key (POST /api/keys): a name, its scopes and an optional expiry. */
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { SubmitButton } from '../components/submit-button';
import { useFormSubmit } from '../components/use-form-submit';
import { TextField } from '../components/text-field';
import type { IssuedApiKey } from './api-key';
import { ScopeFieldset } from './scope-fieldset';

interface ApiKeyCreateFormProps {
  api: ApiClient;
  admin: boolean;
  onCreated: (issued: IssuedApiKey) => void;
}

export function ApiKeyCreateForm({ api, admin, onCreated }: ApiKeyCreateFormProps) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiresAt, setExpiresAt] = useState('');
  const { errors, busy, submit } = useFormSubmit(async () => {
    const issued = await api.call<IssuedApiKey>('POST', '/api/keys', {
      name,
      scopes,
      // The input holds local wall-clock time; the API takes an instant with its offset.
      ...(expiresAt && { expiresAt: new Date(expiresAt).toISOString() }),
    });
    setName('');
    setScopes([]);
    setExpiresAt('');
    onCreated(issued);
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-key-heading">
      <h2 id="create-key-heading">Create an API key</h2>
      <Alert message={errors.general} />
      <TextField
        name="name"
        label="Name"
        value={name}
        onInput={setName}
        error={errors.fields.name}
        hint="What the key is for, e.g. nightly export. At most 100 characters."
        required
      />
      <ScopeFieldset
        chosen={scopes}
        onChange={setScopes}
        admin={admin}
        error={errors.fields.scopes}
      />
      <TextField
        name="expiresAt"
        label="Expires (optional)"
        type="datetime-local"
        value={expiresAt}
        onInput={setExpiresAt}
        error={errors.fields.expiresAt}
        hint="In your local time. Left empty, the key works until you revoke it."
      />
      <SubmitButton busy={busy}>Create key</SubmitButton>
    </form>
  );
}
