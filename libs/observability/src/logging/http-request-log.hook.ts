/**
 * One log line per HTTP response, from Fastify's onResponse hook (http-server-observer.ts):
 * method, route template, status, duration and request id. Levels keep the hot path quiet at
 * the production level (info): successful redirects, scrapes and probes log at debug (metrics
 * count them), client errors (a refused scrape included) at info, slow requests at warn, server
 * errors at error; a probe's 503 at info. The hook runs outside the request's span, so the line
 * is given its trace. The metrics port's server writes the same line (`writeRequestLine`).
 */
import type { SpanContext } from '@opentelemetry/api';
import type { Level, Logger } from 'pino';
import { UNMATCHED_ROUTE, type HttpResponseRecorder } from '../metrics/http-metrics.hook';
import { isInfrastructurePath } from '../infrastructure-paths';

const SLOW_REQUEST_MS = 1_000;

export interface RequestLine {
  requestId: string;
  method: string;
  route: string;
  statusCode: number;
  durationMs: number;
}

export function httpRequestLogger(logger: Logger): HttpResponseRecorder {
  return (request, reply, trace) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const level = requestLogLevel(route, reply.statusCode, reply.elapsedTime);
    if (!logger.isLevelEnabled(level)) return;
    const { statusCode, elapsedTime: durationMs } = reply;
    const line = { requestId: request.id, method: request.method, route, statusCode, durationMs };
    writeRequestLine(logger, level, line, trace);
  };
}

/** The line itself; callers check the level first, so a quiet level costs no object. */
export function writeRequestLine(
  logger: Logger,
  level: Level,
  line: RequestLine,
  trace?: SpanContext,
): void {
  logger[level](
    {
      requestId: line.requestId,
      ...(trace && { traceId: trace.traceId, spanId: trace.spanId }),
      method: line.method,
      route: line.route,
      statusCode: line.statusCode,
      durationMs: Math.round(line.durationMs * 100) / 100,
    },
    'request completed',
  );
}

export function requestLogLevel(route: string, statusCode: number, durationMs: number): Level {
  // A probe answering 503 reports a state (readiness says why), not a failed request.
  if (isInfrastructurePath(route)) return statusCode < 400 ? 'debug' : 'info';
  if (statusCode >= 500) return 'error';
  if (durationMs >= SLOW_REQUEST_MS) return 'warn';
  if (statusCode >= 300 && statusCode < 400) return 'debug';
  return 'info';
}
