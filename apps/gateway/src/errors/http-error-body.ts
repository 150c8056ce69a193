/**
 * The one shape of every error response: `{ statusCode, error, message, requestId }` (plus
 * `fields` for validation errors). Unexpected errors become a bare 500: no stack, no internals.
 */
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import {
  DomainError,
  RequestValidationError,
  type DomainErrorCode,
  type FieldError,
} from './domain.error';

export interface HttpErrorBody {
  statusCode: number;
  error: string;
  message: string;
  requestId: string;
  fields?: FieldError[];
}

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
  DATABASE_UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  IMPORT_TOO_LARGE: 413,
  MALFORMED_CSV: 400,
};

export function toHttpErrorBody(exception: unknown, requestId: string): HttpErrorBody {
  const { statusCode, message } = statusAndMessage(exception);
  const body: HttpErrorBody = {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    requestId,
  };
  if (exception instanceof RequestValidationError) body.fields = exception.fields;
  return body;
}

function statusAndMessage(exception: unknown): { statusCode: number; message: string } {
  if (exception instanceof DomainError) {
    return { statusCode: STATUS_BY_CODE[exception.code], message: exception.message };
  }
  if (exception instanceof HttpException) {
    return { statusCode: exception.getStatus(), message: httpExceptionMessage(exception) };
  }
  const clientError = fastifyClientError(exception);
  if (clientError) return clientError;
  return { statusCode: 500, message: 'Internal server error' };
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}

/** Fastify's own 4xx errors (bad JSON, body too large, unsupported media type) keep their status. */
function fastifyClientError(
  exception: unknown,
): { statusCode: number; message: string } | undefined {
  if (!(exception instanceof Error) || !('statusCode' in exception)) return undefined;
  const statusCode = Number(exception.statusCode);
  if (!(statusCode >= 400 && statusCode < 500)) return undefined;
  return { statusCode, message: exception.message };
}
