/** The scopes of a new key: one checkbox each, the API's message for them under the group. */
import { grantableScopes } from './api-key';

interface ScopeFieldsetProps {
  chosen: readonly string[];
  onChange: (scopes: string[]) => void;
  admin: boolean;
  error?: string;
}

export function ScopeFieldset({ chosen, onChange, admin, error }: ScopeFieldsetProps) {
  const toggle = (scope: string, checked: boolean) =>
    onChange(checked ? [...chosen, scope] : chosen.filter((kept) => kept !== scope));
  return (
    <fieldset class="scopes" aria-describedby={error ? 'field-scopes-error' : undefined}>
      <legend>Scopes</legend>
      {grantableScopes(admin).map(({ scope, meaning }) => (
        <label key={scope} class="scope">
          <input
            type="checkbox"
            name="scopes"
            value={scope}
            checked={chosen.includes(scope)}
            onChange={(event) => toggle(scope, event.currentTarget.checked)}
          />
          <span>
            <code>{scope}</code> {meaning}
          </span>
        </label>
      ))}
      {error && (
        <p id="field-scopes-error" class="error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
