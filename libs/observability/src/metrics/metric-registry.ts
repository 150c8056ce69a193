/**
 * The prom-client metric behind a catalog definition, created on first use in the process's
 * registry (one app per process, so one registry per app). Histograms keep an exemplar per
 * bucket: the trace id of a recent observation.
 *
 * The registry speaks OpenMetrics, the only text format that carries exemplars, and prom-client
 * refuses exemplar histograms on any other registry, so it is switched before the first one is
 * made. Prometheus asks for OpenMetrics first; curl reads it as easily as the classic format.
 * Serving both by negotiation is not safe with prom-client 15: its OpenMetrics rendering
 * renames counters in place, which would corrupt a later classic rendering.
 *
 * Updates from the hot path wait for the end of the event loop's turn (deferred-recording.ts);
 * reading any metric applies them first.
 */
import { Counter, Gauge, Histogram, register, Registry } from 'prom-client';
import { flushRecordings } from './deferred-recording';
import type { CounterDefinition, GaugeDefinition, HistogramDefinition } from './metric-catalog';

// The global registry's type pins the classic format; the switch is what prom-client documents.
register.setContentType(
  Registry.OPENMETRICS_CONTENT_TYPE as unknown as typeof register.contentType,
);

export function counterOf<L extends string>(definition: CounterDefinition<L>): Counter<L> {
  const existing = register.getSingleMetric(definition.name);
  if (existing) return existing as Counter<L>;
  return new Counter({
    name: definition.name,
    help: definition.help,
    labelNames: definition.labelNames,
    collect: flushRecordings,
  });
}

/** Exports a counter's series at 0 before anything happens, so `increase()` sees the first one. */
export function zeroCounter<L extends string>(
  definition: CounterDefinition<L>,
  labels: Partial<Record<L, string>>,
): void {
  counterOf(definition).inc(labels, 0);
}

export function histogramOf<L extends string>(definition: HistogramDefinition<L>): Histogram<L> {
  const existing = register.getSingleMetric(definition.name);
  if (existing) return existing as Histogram<L>;
  return new Histogram({
    name: definition.name,
    help: definition.help,
    labelNames: definition.labelNames,
    buckets: [...definition.buckets],
    enableExemplars: true,
    collect: flushRecordings,
  });
}

/** Gauges are set where a state changes (rarely), so they are not deferred. */
export function gaugeOf<L extends string>(definition: GaugeDefinition<L>): Gauge<L> {
  const existing = register.getSingleMetric(definition.name);
  if (existing) return existing as Gauge<L>;
  return new Gauge({
    name: definition.name,
    help: definition.help,
    labelNames: definition.labelNames,
  });
}
