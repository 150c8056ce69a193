/**
 * Inputs holding text the browser cannot read (`1e` in a number, a date with its year cleared):
 * their value reads as empty, which a form would send as "none" (no visit limit, no expiry) and
 * the API would accept. A submit stops at them instead, with a message beside each.
 */
import type { FormErrors } from './form-errors';

export function unreadableInputsOf(form: HTMLFormElement): FormErrors | undefined {
  const unreadable = [...form.elements].filter(
    (element): element is HTMLInputElement =>
      element instanceof HTMLInputElement && element.validity.badInput,
  );
  if (unreadable.length === 0) return undefined;
  const message = 'cannot be read as typed: correct it or clear it';
  return { fields: Object.fromEntries(unreadable.map((input) => [input.name, message])) };
}
