/**
 * Runs background work (the outbox relay's polling) with tracing suppressed: otherwise each
 * poll's SQL would start a trace of its own, several a second, burying the requests' traces.
 * Work inside that restores a context of its own (a stored `traceparent`) is traced again.
 */
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

export function withoutTracing<T>(work: () => T): T {
  return context.with(suppressTracing(context.active()), work);
}
