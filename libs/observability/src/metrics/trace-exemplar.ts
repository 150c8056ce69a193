/**
 * Histogram observations that carry the active trace as an exemplar, so Grafana can jump from
 * a latency bucket to a trace that landed in it. Only sampled traces qualify (an unsampled id
 * leads nowhere in Tempo); without one the observation has no exemplar.
 */
import { trace, TraceFlags } from '@opentelemetry/api';
import type { Histogram, LabelValues } from 'prom-client';

const NO_EXEMPLAR = Object.freeze({});

export function observeWithTrace<L extends string>(
  histogram: Histogram<L>,
  labels: LabelValues<L>,
  value: number,
): void {
  // prom-client types exemplar labels like the metric's own labels; they are free-form.
  const exemplarLabels = traceExemplar() as LabelValues<L>;
  histogram.observe({ labels, value, exemplarLabels });
}

function traceExemplar(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || (context.traceFlags & TraceFlags.SAMPLED) === 0) return NO_EXEMPLAR;
  return { trace_id: context.traceId };
}
