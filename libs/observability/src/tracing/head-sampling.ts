/**
 * The sampling decision for a request that starts a new trace, taken before any span exists.
 *
 * OpenTelemetry's SDK decides only inside `startSpan`, after it has drawn ids, cleaned the
 * attributes and built a span context: at the production ratio (1 in 10) nine requests in ten
 * paid for a span that records nothing, the largest share of tracing's cost on the redirect
 * (docs/benchmarks.md). The HTTP server span hook asks `rootSampled()` first; only a sampled
 * root reaches `startSpan`, with `HEAD_SAMPLED` in its context, and `HeadSampledSampler` (around
 * the configured sampler) keeps that decision instead of drawing a second time. Requests that
 * continue a caller's trace (`traceparent`) go through the SDK's sampler as usual.
 */
import type { TracingConfig } from '@beacon/config';
import { createContextKey, SamplingDecision, type Context } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from '@opentelemetry/sdk-trace';

export const HEAD_SAMPLED = createContextKey('beacon.head-sampled');

/** Whether a new trace (no parent) is recorded, per OTEL_TRACES_SAMPLER and its ratio. */
export function rootSampling({ sampler, samplerRatio }: TracingConfig): () => boolean {
  switch (sampler) {
    case 'always_on':
    case 'parentbased_always_on':
      return () => true;
    case 'always_off':
    case 'parentbased_always_off':
      return () => false;
    case 'traceidratio':
    case 'parentbased_traceidratio':
      return () => Math.random() < samplerRatio;
  }
}

/** The configured sampler, except for a root already sampled by `rootSampling`. */
export class HeadSampledSampler implements Sampler {
  constructor(private readonly configured: Sampler) {}

  shouldSample(
    context: Context,
    ...rest: DropFirst<Parameters<Sampler['shouldSample']>>
  ): SamplingResult {
    if (context.getValue(HEAD_SAMPLED) === true) {
      return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    }
    return this.configured.shouldSample(context, ...rest);
  }

  toString(): string {
    return `HeadSampled{${this.configured.toString()}}`;
  }
}

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;
