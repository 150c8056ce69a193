/**
 * The SERVER span of every HTTP request, the one span an incoming request gets: started in
 * Fastify's onRequest hook (so 404s and refusals before the handler are traced too), active
 * from preHandler on (body parsing resumes in the socket's own async context, so the scope is
 * opened after it), ended in onResponse with the status code.
 *
 * Replaces @fastify/otel for cost (docs/benchmarks.md): a request that starts a new trace and
 * is not sampled gets a non-recording span with fresh ids straight away, without the SDK's
 * span machinery, and a request with a `traceparent` goes through the SDK's sampler. Scrapes
 * and probes get no span.
 */
import type { TracingConfig } from '@beacon/config';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Context,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HEAD_SAMPLED, rootSampling } from './head-sampling';
import { randomSpanIds } from './random-span-ids';
import { isInfrastructurePath, pathOf } from '../infrastructure-paths';

interface RequestSpan {
  span: Span;
  /** The parent's context with the span in it: the request's scope from preHandler on. */
  context: Context;
}

export interface HttpServerSpans {
  start(request: FastifyRequest): void;
  /** Runs `work` (the rest of the request) inside the request's span, if it has one. */
  runInSpan(request: FastifyRequest, work: () => void): void;
  end(request: FastifyRequest, statusCode: number): void;
  /** The request's span context when it is sampled (an unsampled id leads nowhere). */
  sampledTrace(request: FastifyRequest): SpanContext | undefined;
}

const TRACER_NAME = '@beacon/observability';

/** Where a request keeps its span: a request decoration (a WeakMap entry per request cost GC). */
const REQUEST_SPAN = Symbol('beacon.requestSpan');

type SpannedRequest = FastifyRequest & { [REQUEST_SPAN]: RequestSpan | null };

export function httpServerSpans(fastify: FastifyInstance, tracing: TracingConfig): HttpServerSpans {
  if (!tracing.enabled) return UNTRACED;
  fastify.decorateRequest(REQUEST_SPAN, null);
  const tracer = trace.getTracer(TRACER_NAME);
  const rootSampled = rootSampling(tracing);
  const requestSpan = (request: FastifyRequest) => (request as SpannedRequest)[REQUEST_SPAN];

  /** A span of the SDK, which records it if its sampler says so. */
  const sdkSpan = (request: FastifyRequest, parent: Context): Span => {
    const route = request.routeOptions.url;
    const name = route === undefined ? request.method : `${request.method} ${route}`;
    return tracer.startSpan(
      name,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'url.path': pathOf(request.url),
          ...(route !== undefined && { 'http.route': route }),
        },
      },
      parent,
    );
  };

  const startSpan = (request: FastifyRequest, parent: Context): Span => {
    if (trace.getSpanContext(parent)) return sdkSpan(request, parent);
    if (rootSampled()) return sdkSpan(request, parent.setValue(HEAD_SAMPLED, true));
    return trace.wrapSpanContext({ ...randomSpanIds(), traceFlags: TraceFlags.NONE });
  };

  return {
    start(request) {
      if (isInfrastructurePath(request.url)) return;
      const parent = carriesTraceContext(request)
        ? propagation.extract(ROOT_CONTEXT, request.headers)
        : ROOT_CONTEXT;
      const span = startSpan(request, parent);
      (request as SpannedRequest)[REQUEST_SPAN] = { span, context: trace.setSpan(parent, span) };
    },
    runInSpan(request, work) {
      const spanned = requestSpan(request);
      if (!spanned) return work();
      context.with(spanned.context, work);
    },
    end(request, statusCode) {
      const span = requestSpan(request)?.span;
      if (!span?.isRecording()) return;
      span.setAttribute('http.response.status_code', statusCode);
      if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
    sampledTrace(request) {
      const spanContext = requestSpan(request)?.span.spanContext();
      return spanContext && (spanContext.traceFlags & TraceFlags.SAMPLED) !== 0
        ? spanContext
        : undefined;
    },
  };
}

const UNTRACED: HttpServerSpans = {
  start: () => undefined,
  runInSpan: (_request, work) => work(),
  end: () => undefined,
  sampledTrace: () => undefined,
};

/** The propagators are W3C's (trace context and baggage): without their headers, nothing to read. */
function carriesTraceContext(request: FastifyRequest): boolean {
  return request.headers.traceparent !== undefined || request.headers.baggage !== undefined;
}
