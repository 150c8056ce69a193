/**
 * One log line per HTTP response, from Fastify's onResponse hook (http-server-observer.ts):
 * method, route template, status, duration and request id. Levels keep the hot path quiet at
 * the production level (info): successful redirects, scrapes and probes log at debug (metrics
 * count them), client errors (a refused scrape included) at info, slow requests at warn, server
 * errors at error; a probe's 503 at info. The hook runs outside the request's span, so the line
 * is given its trace.
 */
import type { Level, Logger } from 'pino';
import { UNMATCHED_ROUTE, type HttpResponseRecorder } from '../metrics/http-metrics.hook';
import { isInfrastructurePath } from '../infrastructure-paths';

const SLOW_REQUEST_MS = 1_000;

export function httpRequestLogger(logger: Logger): HttpResponseRecorder {
  return (request, reply, trace) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const level = requestLogLevel(route, reply.statusCode, reply.elapsedTime);
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        requestId: request.id,
        ...(trace && { traceId: trace.traceId, spanId: trace.spanId }),
        method: request.method,
        route,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
  };
}

export function requestLogLevel(route: string, statusCode: number, durationMs: number): Level {
  // A probe answering 503 reports a state (readiness says why), not a failed request.
  if (isInfrastructurePath(route)) return statusCode < 400 ? 'debug' : 'info';
  if (statusCode >= 500) return 'error';
  if (durationMs >= SLOW_REQUEST_MS) return 'warn';
  if (statusCode >= 300 && statusCode < 400) return 'debug';
  return 'info';
}
