/**
 * Histogram observations that carry a trace as an exemplar, so Grafana can jump from a latency
 * bucket to a trace that landed in it. The caller passes the trace: observations are recorded
 * after the fact (deferred-recording.ts), when the span that was measured is no longer active.
 * Only sampled traces qualify (an unsampled id leads nowhere in Tempo); without one there is no
 * exemplar.
 */
import { TraceFlags, type SpanContext } from '@opentelemetry/api';
import type { Histogram, LabelValues } from 'prom-client';

const NO_EXEMPLAR = Object.freeze({});

export function observeWithTrace<L extends string>(
  histogram: Histogram<L>,
  labels: LabelValues<L>,
  value: number,
  spanContext: SpanContext | undefined,
): void {
  // prom-client types exemplar labels like the metric's own labels; they are free-form.
  const exemplarLabels = traceExemplar(spanContext) as LabelValues<L>;
  histogram.observe({ labels, value, exemplarLabels });
}

function traceExemplar(spanContext: SpanContext | undefined): Record<string, string> {
  if (!spanContext || (spanContext.traceFlags & TraceFlags.SAMPLED) === 0) return NO_EXEMPLAR;
  return { trace_id: spanContext.traceId };
}
