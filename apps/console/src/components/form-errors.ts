/**
 * What a failed submit shows: each field's message beside its control, anything else (a wrong
 * password, a taken slug) as one alert above the form.
 */
import { ApiError } from '../api/api-error';

export interface FormErrors {
  fields: Record<string, string>;
  general?: string;
}

export const NO_ERRORS: FormErrors = { fields: {} };

export function formErrorsOf(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) {
    return { fields: {}, general: 'The server could not be reached; try again.' };
  }
  const fields = Object.fromEntries(error.fields.map(({ field, message }) => [field, message]));
  return { fields, general: error.fields.length === 0 ? error.message : undefined };
}
