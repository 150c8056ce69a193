/**
 * The worker's HTTP errors (a 404, `/metrics` without its token, a malformed URL) in the
 * gateway's shape; the gateway has its own filter, which maps its domain errors first. Server
 * errors are logged with their stack; client errors are not. The worker's consumers share the
 * app's global filters (`inheritAppConfig`) but catch their own errors first
 * (EventHandlerErrorFilter); should one ever reach this filter, it travels on unchanged.
 */
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { throwError, type Observable } from 'rxjs';
import { httpErrorBodyOf } from './http-error-body';
import { sendHttpErrorBody } from './http-error.reply';

const logger = new Logger('HttpErrors');

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): Observable<never> | undefined {
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    sendHttpError(
      http.getResponse<FastifyReply>(),
      exception,
      http.getRequest<FastifyRequest>().id,
    );
    return undefined;
  }
}

/** Fastify's `frameworkErrors`: errors of its router (a malformed URL), before Nest's filters. */
export function sendFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  sendHttpError(reply, error, request.id);
}

function sendHttpError(reply: FastifyReply, exception: unknown, requestId: string): void {
  const body = httpErrorBodyOf(exception, requestId);
  if (body.statusCode >= 500) {
    logger.error(
      `request ${requestId} failed: ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
  }
  sendHttpErrorBody(reply, body);
}
