/** Shortens a URL (POST /api/links), optionally with a slug, expiry, visit limit, password and tags. */
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { SubmitButton } from '../components/submit-button';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../components/form-errors';
import { unreadableInputsOf } from '../components/unreadable-inputs';
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
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const unreadable = unreadableInputsOf(event.currentTarget as HTMLFormElement);
    if (unreadable) return setErrors(unreadable);
    setBusy(true);
    try {
      const link = await api.call<Link>('POST', '/api/links', createBodyOf(draft));
      setDraft(EMPTY_DRAFT);
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
      <Alert message={formAlertOf(errors)} />
      <LinkFields idPrefix="field" draft={draft} onChange={setDraft} errors={errors} />
      <SubmitButton busy={busy}>Create link</SubmitButton>
    </form>
  );
}
