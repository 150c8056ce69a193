/**
 * The gateway's one exception filter: every error leaves as JSON in the HttpErrorBody shape.
 * Server errors are logged with their stack; client errors are not (they are not our bugs), and
 * a domain error with a 5xx status (the database unavailable) is one warning line, not a stack.
 */
import { sendHttpErrorBody } from '@beacon/observability';
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain.error';
import { toHttpErrorBody } from './http-error-body';

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendHttpError(reply, exception, request.id, this.logger);
  }
}

export function sendHttpError(
  reply: FastifyReply,
  exception: unknown,
  requestId: string,
  logger: Logger,
): void {
  const body = toHttpErrorBody(exception, requestId);
  if (body.statusCode >= 500 && exception instanceof DomainError) {
    logger.warn(`request ${requestId} answered ${body.statusCode}: ${exception.message}`);
  } else if (body.statusCode >= 500) {
    logger.error(
      `request ${requestId} failed: ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
  }
  sendHttpErrorBody(reply, body);
}
