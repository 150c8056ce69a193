/**
 * The trace each HTTP request belongs to, remembered while its span is active (in a hook that
 * runs inside the request span) for the hooks that run after the response, outside of it: the
 * latency exemplar and the request log line.
 */
import { trace, TraceFlags, type SpanContext } from '@opentelemetry/api';

const traces = new WeakMap<object, SpanContext>();

export function rememberRequestTrace(request: object): void {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && (spanContext.traceFlags & TraceFlags.SAMPLED) !== 0) {
    traces.set(request, spanContext);
  }
}

/** The request's sampled trace (an unsampled id leads nowhere in Tempo), if any. */
export function requestTrace(request: object): SpanContext | undefined {
  return traces.get(request);
}
