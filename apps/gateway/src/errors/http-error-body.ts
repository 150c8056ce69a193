/**
 * The one shape of every error response: `{ statusCode, error, message, requestId }` (plus
 * `fields` for validation errors). Domain errors get their code's status here; everything else
 * is mapped as in the worker (@beacon/observability's httpErrorBodyOf), unexpected errors
 * becoming a bare 500: no stack, no internals.
 */
import { httpErrorBody, httpErrorBodyOf, type HttpErrorBody } from '@beacon/observability';
import { DomainError, RequestValidationError, type DomainErrorCode } from './domain.error';

export type { HttpErrorBody };

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  VALIDATION_FAILED: 400,
  LINK_NOT_FOUND: 404,
  LINK_EXPIRED: 410,
  LINK_EXHAUSTED: 410,
  SLUG_TAKEN: 409,
  LINK_PASSWORD_WRONG: 401,
  EMAIL_TAKEN: 409,
  INVALID_CREDENTIALS: 401,
  INVALID_REFRESH_TOKEN: 401,
  PRODUCT_NOT_FOUND: 404,
  SKU_TAKEN: 409,
  API_KEY_NOT_FOUND: 404,
  SCOPE_NOT_GRANTABLE: 403,
  WEBHOOK_NOT_FOUND: 404,
  DATABASE_UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  TOO_MANY_STREAMS: 429,
  IMPORT_TOO_LARGE: 413,
  MALFORMED_CSV: 400,
};

export function toHttpErrorBody(exception: unknown, requestId: string): HttpErrorBody {
  if (!(exception instanceof DomainError)) return httpErrorBodyOf(exception, requestId);
  const body = httpErrorBody(STATUS_BY_CODE[exception.code], exception.message, requestId);
  if (exception instanceof RequestValidationError) body.fields = exception.fields;
  return body;
}
