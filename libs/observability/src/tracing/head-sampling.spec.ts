import type { TracingConfig } from '@beacon/config';
import { ROOT_CONTEXT, SamplingDecision, SpanKind } from '@opentelemetry/api';
import { AlwaysOffSampler } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { HEAD_SAMPLED, HeadSampledSampler, rootSampling } from './head-sampling';

const tracing = (sampler: TracingConfig['sampler'], samplerRatio = 0.5): TracingConfig => ({
  enabled: true,
  endpoint: 'http://unused',
  serviceName: 'test',
  sampler,
  samplerRatio,
});

describe('rootSampling', () => {
  it.each([
    ['always_on', true],
    ['parentbased_always_on', true],
    ['always_off', false],
    ['parentbased_always_off', false],
  ] as const)('%s decides %s for every new trace', (sampler, sampled) => {
    const decide = rootSampling(tracing(sampler));
    expect(new Set(Array.from({ length: 20 }, decide))).toEqual(new Set([sampled]));
  });

  it.each(['traceidratio', 'parentbased_traceidratio'] as const)(
    '%s keeps the configured share',
    (sampler) => {
      expect(Array.from({ length: 100 }, rootSampling(tracing(sampler, 0)))).not.toContain(true);
      expect(Array.from({ length: 100 }, rootSampling(tracing(sampler, 1)))).not.toContain(false);
    },
  );
});

describe('HeadSampledSampler', () => {
  const sampler = new HeadSampledSampler(new AlwaysOffSampler());
  const decide = (context: typeof ROOT_CONTEXT) =>
    sampler.shouldSample(context, 'a'.repeat(32), 'GET /', SpanKind.SERVER, {}, []).decision;

  it('keeps a head decision and leaves every other span to the configured sampler', () => {
    expect(decide(ROOT_CONTEXT.setValue(HEAD_SAMPLED, true))).toBe(
      SamplingDecision.RECORD_AND_SAMPLED,
    );
    expect(decide(ROOT_CONTEXT)).toBe(SamplingDecision.NOT_RECORD);
  });
});
