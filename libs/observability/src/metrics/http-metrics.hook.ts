/**
 * `http_requests_total` and `http_request_duration_seconds` for every response, recorded from
 * Fastify's onResponse hook (http-server-observer.ts): unlike a Nest interceptor it also sees
 * 404s, guard rejections and the router's own errors. Labels stay bounded: the route is the
 * matched template (`/:slug`, never the raw path), `unmatched` when no route matched, and
 * unusual methods become `OTHER`. The metrics port's server, which has no Fastify, records
 * its responses with the same labels (`httpResponseMetrics`).
 */
import type { SpanContext } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_REQUEST_DURATION, HTTP_REQUESTS } from './metric-catalog';
import { counterOf, histogramOf } from './metric-registry';
import { observeWithTrace } from './trace-exemplar';

export const UNMATCHED_ROUTE = 'unmatched';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export type HttpResponseRecorder = (
  request: FastifyRequest,
  reply: FastifyReply,
  /** The request's sampled trace, if any: the latency exemplar. */
  trace: SpanContext | undefined,
) => void;

/** Records one response: its method, route template (or `unmatched`), status and duration. */
export type HttpResponseMetrics = (
  method: string,
  route: string,
  statusCode: number,
  durationSeconds: number,
  trace: SpanContext | undefined,
) => void;

export function httpResponseMetrics(): HttpResponseMetrics {
  const requests = counterOf(HTTP_REQUESTS);
  const duration = histogramOf(HTTP_REQUEST_DURATION);
  return (method, route, statusCode, durationSeconds, trace) => {
    const labels = {
      method: KNOWN_METHODS.has(method) ? method : 'OTHER',
      route,
      status_code: String(statusCode),
    };
    requests.inc(labels);
    observeWithTrace(duration, labels, durationSeconds, trace);
  };
}

export function httpMetricsRecorder(): HttpResponseRecorder {
  const record = httpResponseMetrics();
  return (request, reply, trace) =>
    record(
      request.method,
      request.routeOptions.url ?? UNMATCHED_ROUTE,
      reply.statusCode,
      reply.elapsedTime / 1000,
      trace,
    );
}
