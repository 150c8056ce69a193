/**
 * Errors services throw. Each carries a stable code; the HTTP exception filter maps codes to
 * statuses, so services never know about HTTP.
 */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'LINK_NOT_FOUND'
  | 'LINK_EXPIRED'
  | 'LINK_EXHAUSTED'
  | 'SLUG_TAKEN'
  | 'LINK_PASSWORD_WRONG'
  | 'EMAIL_TAKEN'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_REFRESH_TOKEN'
  | 'PRODUCT_NOT_FOUND'
  | 'SKU_TAKEN'
  | 'API_KEY_NOT_FOUND'
  | 'SCOPE_NOT_GRANTABLE'
  | 'WEBHOOK_NOT_FOUND'
  | 'DATABASE_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'TOO_MANY_STREAMS'
  | 'IMPORT_TOO_LARGE'
  | 'MALFORMED_CSV';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that breaks the API's rules; `fields` names each failing field. */
export class RequestValidationError extends DomainError {
  constructor(readonly fields: FieldError[]) {
    super(
      'VALIDATION_FAILED',
      `Invalid request: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    );
  }
}
