/** Shortens a URL (POST /api/links), with an optional custom slug. */
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../components/form-errors';
import { TextField } from '../components/text-field';
import type { Link } from './link';

export function LinkCreateForm({
  api,
  onCreated,
}: {
  api: ApiClient;
  onCreated: (link: Link) => void;
}) {
  const [url, setUrl] = useState('');
  const [slug, setSlug] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const link = await api.call<Link>('POST', '/api/links', slug ? { url, slug } : { url });
      setUrl('');
      setSlug('');
      setErrors(NO_ERRORS);
      onCreated(link);
    } catch (error) {
      setErrors(formErrorsOf(error));
    }
    setBusy(false);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-heading">
      <h2 id="create-heading">Shorten a URL</h2>
      <Alert message={errors.general} />
      <TextField
        name="url"
        label="URL"
        type="url"
        value={url}
        onInput={setUrl}
        error={errors.fields.url}
        required
      />
      <TextField
        name="slug"
        label="Slug (optional)"
        value={slug}
        onInput={setSlug}
        error={errors.fields.slug}
        hint="3 to 64 letters, digits, - or _. Left empty, one is drawn for you."
      />
      <button type="submit" disabled={busy}>
        Create link
      </button>
    </form>
  );
}
