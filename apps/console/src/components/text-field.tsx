/**
 * A labelled input with the API's message for it underneath, tied to the input by
 * aria-describedby so a screen reader reads the error with the control.
 */
import type { InputHTMLAttributes } from 'preact';

interface TextFieldProps {
  name: string;
  /** The input's id when a page holds two forms with a field of one name; `field-<name>` otherwise. */
  id?: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'number' | 'date' | 'datetime-local';
  value: string;
  onInput: (value: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
}

export function TextField(props: TextFieldProps) {
  const id = props.id ?? `field-${props.name}`;
  // Preact types each input type separately; a union of them needs the assertion.
  const inputType = { type: props.type ?? 'text' } as InputHTMLAttributes;
  const described = [props.hint && `${id}-hint`, props.error && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        {...inputType}
        value={props.value}
        required={props.required}
        autoComplete={props.autoComplete}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      {props.hint && (
        <p id={`${id}-hint`} class="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} class="error">
          {props.error}
        </p>
      )}
    </div>
  );
}
