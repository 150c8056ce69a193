/**
 * The controls of a link, shared by the create form and the edit dialog, each with the API's
 * message for its field. A tag's error arrives as `tags.<index>`: it is shown at the tags input
 * with the tag it is about.
 */
import type { FormErrors } from '../components/form-errors';
import { TextField } from '../components/text-field';
import type { Link } from './link';
import { tagsOf, type LinkDraft } from './link-draft';

const FIELDS = ['url', 'slug', 'expiresAt', 'maxVisits', 'password', 'tags'];

interface LinkFieldsProps {
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
  draft: LinkDraft;
  onChange: (draft: LinkDraft) => void;
  errors: FormErrors;
  /** The link being edited; absent when creating. */
  editing?: Link;
}

export function LinkFields({ idPrefix, draft, onChange, errors, editing }: LinkFieldsProps) {
  const field = (name: Exclude<keyof LinkDraft, 'removePassword'>) => ({
    name,
    id: `${idPrefix}-${name}`,
    value: draft[name],
    onInput: (value: string) => onChange({ ...draft, [name]: value }),
    error: errors.fields[name],
  });
  const protectedLink = editing?.passwordProtected ?? false;
  return (
    <>
      <TextField {...field('url')} label="URL" type="url" required />
      {!editing && (
        <TextField
          {...field('slug')}
          label="Slug (optional)"
          hint="3 to 64 letters, digits, - or _. Left empty, one is drawn for you."
        />
      )}
      <TextField
        {...field('expiresAt')}
        label="Expires (optional)"
        type="datetime-local"
        hint="In your local time. Empty: the link never expires."
      />
      <TextField
        {...field('maxVisits')}
        label="Maximum visits (optional)"
        type="number"
        hint="Empty: no limit."
      />
      <TextField
        {...field('password')}
        label={protectedLink ? 'New password (optional)' : 'Password (optional)'}
        type="password"
        autoComplete="new-password"
        hint={
          protectedLink
            ? 'Empty: the current password stays.'
            : 'Visitors must type it to follow the link.'
        }
      />
      {protectedLink && (
        <label class="check">
          <input
            type="checkbox"
            checked={draft.removePassword}
            onChange={(event) =>
              onChange({ ...draft, removePassword: event.currentTarget.checked })
            }
          />
          Remove the password
        </label>
      )}
      <TextField
        {...field('tags')}
        label="Tags (optional)"
        error={tagsError(errors, draft.tags)}
        hint="Separated by commas, e.g. blog, launch."
      />
    </>
  );
}

function tagsError(errors: FormErrors, typed: string): string | undefined {
  if (errors.fields.tags) return errors.fields.tags;
  const tags = tagsOf(typed);
  const messages = Object.entries(errors.fields)
    .filter(([field]) => field.startsWith('tags.'))
    .map(([field, message]) => `"${tags[Number(field.slice(5))] ?? ''}" ${message}`);
  return messages.join('; ') || undefined;
}

/** The form's alert: the API's general message, or any field message no control shows. */
export function formAlertOf(errors: FormErrors): string | undefined {
  const unplaced = Object.entries(errors.fields)
    .filter(([field]) => !FIELDS.includes(field.split('.')[0]))
    .map(([field, message]) => `${field}: ${message}`);
  return errors.general ?? (unplaced.join('; ') || undefined);
}
