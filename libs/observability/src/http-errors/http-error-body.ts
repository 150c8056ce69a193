/**
 * The one shape of an error response in both apps and on the metrics port:
 * `{ statusCode, error, message, requestId }`, the request id being the one the logs carry, so an
 * error a client quotes can be found. This file maps what any Nest and Fastify app throws (Nest's
 * HTTP exceptions, Fastify's own 4xx errors); the gateway maps its domain errors first. Anything
 * else is a bare 500: no stack, no internals.
 */
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

export interface HttpErrorBody {
  statusCode: number;
  /** The status's name (`Not Found`). */
  error: string;
  message: string;
  requestId: string;
  /** Validation errors only: each failing field. */
  fields?: { field: string; message: string }[];
}

export function httpErrorBody(
  statusCode: number,
  message: string,
  requestId: string,
): HttpErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, requestId };
}

/** The body for an HTTP exception or a Fastify client error; a bare 500 for anything else. */
export function httpErrorBodyOf(exception: unknown, requestId: string): HttpErrorBody {
  if (exception instanceof HttpException) {
    return httpErrorBody(exception.getStatus(), httpExceptionMessage(exception), requestId);
  }
  const clientError = fastifyClientError(exception);
  if (clientError) return httpErrorBody(clientError.statusCode, clientError.message, requestId);
  return httpErrorBody(500, 'Internal server error', requestId);
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
