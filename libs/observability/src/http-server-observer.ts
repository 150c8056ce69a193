/**
 * Everything an app's Fastify server needs to be observable, installed before Nest registers
 * its routes, in as few hooks as possible (each one costs every request): the `X-Request-Id`
 * response header, the request's span (tracing/http-server-spans.ts), the request context (so
 * every log line of a request carries its id), and, once the response is sent, the span's end,
 * the HTTP metrics (recorded at the end of the event loop's turn, metrics/deferred-recording.ts)
 * and the request log line.
 */
import type { TracingConfig } from '@beacon/config';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { httpRequestLogger } from './logging/http-request-log.hook';
import { runWithRequestId } from './logging/request-context';
import { recordLater } from './metrics/deferred-recording';
import { httpMetricsRecorder } from './metrics/http-metrics.hook';
import { httpServerSpans } from './tracing/http-server-spans';

const REQUEST_ID_RESPONSE_HEADER = 'x-request-id';

export function observeHttpServer(
  fastify: FastifyInstance,
  logger: Logger,
  tracing: TracingConfig,
): void {
  const spans = httpServerSpans(fastify, tracing);
  const recordMetrics = httpMetricsRecorder();
  const logRequest = httpRequestLogger(logger);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_RESPONSE_HEADER, request.id);
    spans.start(request);
    done();
  });
  // preHandler rather than onRequest: body parsing resumes in the socket's async context, and
  // everything of Nest (guards, pipes, handler) runs after this hook.
  fastify.addHook('preHandler', (request, _reply, done) => {
    spans.runInSpan(request, () => runWithRequestId(request.id, done));
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    spans.end(request, reply.statusCode);
    const trace = spans.sampledTrace(request);
    recordLater(recordMetrics, request, reply, trace);
    logRequest(request, reply, trace);
    done();
  });
}
