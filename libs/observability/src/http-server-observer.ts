/**
 * Everything an app's Fastify server needs to be observable, installed before Nest registers
 * its routes: the request context (so every log line of a request carries its id), HTTP
 * metrics, and the request log.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { logHttpRequests } from './logging/http-request-log.hook';
import { runWithRequestId } from './logging/request-context';
import { recordHttpMetrics } from './metrics/http-metrics.hook';
import { rememberRequestTrace } from './request-trace';

export function observeHttpServer(fastify: FastifyInstance, logger: Logger): void {
  // preHandler rather than onRequest: body parsing resumes in the socket's async context,
  // and everything of Nest (guards, pipes, handler) runs after this hook. The request span
  // (@fastify/otel's, started in its onRequest hook) is active here.
  fastify.addHook('preHandler', (request, _reply, done) => {
    rememberRequestTrace(request);
    runWithRequestId(request.id, done);
  });
  recordHttpMetrics(fastify);
  logHttpRequests(fastify, logger);
}
