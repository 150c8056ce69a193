/** Shortens a URL (POST /api/links), optionally with a slug, expiry, visit limit, password and tags. */
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { SubmitButton } from '../components/submit-button';
import { useFormSubmit } from '../components/use-form-submit';
import type { Link } from './link';
import { createBodyOf, EMPTY_DRAFT } from './link-draft';
import { formAlertOf, LinkFields } from './link-fields';

export function LinkCreateForm({
  api,
  onCreated,
}: {
  api: ApiClient;
  onCreated: (link: Link) => void;
}) {
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const { errors, busy, submit } = useFormSubmit(async () => {
    const link = await api.call<Link>('POST', '/api/links', createBodyOf(draft));
    setDraft(EMPTY_DRAFT);
    onCreated(link);
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-heading">
      <h2 id="create-heading">Shorten a URL</h2>
      <Alert message={formAlertOf(errors)} />
      <LinkFields idPrefix="field" draft={draft} onChange={setDraft} errors={errors} />
      <SubmitButton busy={busy}>Create link</SubmitButton>
    </form>
  );
}
