/**
 * Changes a link in a modal dialog (PATCH /api/links/:slug), sending only the fields that
 * changed; emptying the expiry or the visit limit removes it.
 */
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { SubmitButton } from '../components/submit-button';
import { useFormSubmit } from '../components/use-form-submit';
import { useModal } from '../components/use-modal';
import type { Link } from './link';
import { draftOf, patchOf } from './link-draft';
import { formAlertOf, LinkFields } from './link-fields';

interface LinkEditDialogProps {
  api: ApiClient;
  link: Link;
  onSaved: (link: Link) => void;
  onClose: () => void;
}

export function LinkEditDialog({ api, link, onSaved, onClose }: LinkEditDialogProps) {
  const dialog = useModal();
  const [draft, setDraft] = useState(() => draftOf(link));
  const close = () => dialog.current?.close();

  const { errors, busy, submit } = useFormSubmit(async () => {
    const patch = patchOf(link, draft);
    if (Object.keys(patch).length === 0) return close();
    const path = `/api/links/${encodeURIComponent(link.slug)}`;
    onSaved(await api.call<Link>('PATCH', path, patch));
    close();
  });

  return (
    <dialog ref={dialog} class="modal" aria-labelledby="edit-heading" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="edit-heading">Edit /{link.slug}</h2>
        <Alert message={formAlertOf(errors)} />
        <LinkFields
          idPrefix="edit"
          draft={draft}
          onChange={setDraft}
          errors={errors}
          editing={link}
        />
        <div class="actions">
          <SubmitButton busy={busy}>Save changes</SubmitButton>
          <button type="button" class="secondary" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
