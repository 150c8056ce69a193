/**
 * A form's submit, as every console form does it: no page load; a second submit while the first
 * is out is ignored; inputs the browser cannot read stop it with a message beside each
 * (unreadable-inputs.ts); the API's errors are kept for the controls and the form's alert.
 */
import { useState } from 'preact/hooks';
import { formErrorsOf, NO_ERRORS, type FormErrors } from './form-errors';
import { unreadableInputsOf } from './unreadable-inputs';

export function useFormSubmit(
  send: () => Promise<void>,
  errorsOf: (error: unknown) => FormErrors = formErrorsOf,
) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const unreadable = unreadableInputsOf(event.currentTarget as HTMLFormElement);
    if (unreadable) return setErrors(unreadable);
    setBusy(true);
    try {
      await send();
      setErrors(NO_ERRORS);
    } catch (error) {
      setErrors(errorsOf(error));
    }
    setBusy(false);
  };

  return { errors, busy, submit, clearErrors: () => setErrors(NO_ERRORS) };
}
