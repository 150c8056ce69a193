import { SetMetadata } from '@nestjs/common';
import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { StackContextManager } from '@opentelemetry/sdk-trace';
import { register, type MetricValueWithName } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { flushRecordings } from './deferred-recording';
import type { CounterDefinition, HistogramDefinition } from './metric-catalog';
import { Counted, Observed, Timed, type CallOutcome } from './metric.decorators';

const CALLS: CounterDefinition<'result'> = {
  kind: 'counter',
  name: 'unit_decorated_calls_total',
  help: 'calls of the unit test service',
  labelNames: ['result'],
};
const ITEMS: CounterDefinition<never> = {
  kind: 'counter',
  name: 'unit_decorated_items_total',
  help: 'items of successful batches',
  labelNames: [],
};
const DURATION: HistogramDefinition<'op'> = {
  kind: 'histogram',
  name: 'unit_decorated_duration_seconds',
  help: 'time of the unit test service',
  labelNames: ['op'],
  buckets: [0.01, 0.1, 1],
};
const SIZE: HistogramDefinition<never> = {
  kind: 'histogram',
  name: 'unit_decorated_size',
  help: 'size of batches',
  labelNames: [],
  buckets: [1, 10],
};

const TRACED: HistogramDefinition<never> = {
  kind: 'histogram',
  name: 'unit_decorated_traced_seconds',
  help: 'observations made inside a trace',
  labelNames: [],
  buckets: [1],
};

const METADATA_KEY = 'unit:pattern';

class Service {
  @Counted(CALLS, { labels: ({ failed }) => ({ result: failed ? 'error' : 'ok' }) })
  async fetch(fail: boolean): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail) throw new Error('boom');
    return 'value';
  }

  @Counted(CALLS, { labels: ({ result }) => ({ result: result ? 'hit' : 'miss' }) })
  lookup(key: string): string | undefined {
    return key === 'known' ? 'value' : undefined;
  }

  @Counted(CALLS, { labels: () => ({ result: 'sync_error' }) })
  explode(): never {
    throw new RangeError('sync boom');
  }

  @Counted(ITEMS, {
    labels: ({ failed }) => (failed ? null : {}),
    amount: ({ args: [items] }: CallOutcome<[string[]]>) => items.length,
  })
  @Observed(SIZE, { value: ({ args: [items] }: CallOutcome<[string[]]>) => items.length })
  async store(items: string[]): Promise<void> {
    if (items.includes('bad')) throw new Error('refused');
  }

  @Timed(DURATION, { labels: () => ({ op: 'wait' }) })
  async wait(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  @Counted(CALLS, {
    labels: () => {
      throw new Error('a bug in the labels');
    },
  })
  faultyMetric(): string {
    return 'still answers';
  }

  @Counted(CALLS, { labels: () => ({ result: 'decorated' }) })
  @SetMetadata(METADATA_KEY, 'link.visited')
  handler(): string {
    return this.constructor.name;
  }
}

async function sumOf(name: string): Promise<number | undefined> {
  const values = (await register.getSingleMetric(name)!.get())
    .values as MetricValueWithName<string>[];
  return values.find((value) => value.metricName === `${name}_sum`)?.value;
}

async function valueOf(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = register.getSingleMetric(name);
  const values = (await metric!.get()).values;
  const match = values.find((value) =>
    Object.entries(labels).every(([key, label]) => value.labels[key] === label),
  );
  return match?.value ?? 0;
}

describe('@Counted', () => {
  const service = new Service();

  it('labels each settled call by its outcome, failures included, and passes results through', async () => {
    const okBefore = await valueOf(CALLS.name, { result: 'ok' });
    const errorBefore = await valueOf(CALLS.name, { result: 'error' });
    await expect(service.fetch(false)).resolves.toBe('value');
    await expect(service.fetch(true)).rejects.toThrow('boom');
    await expect(service.fetch(true)).rejects.toThrow('boom');
    expect(await valueOf(CALLS.name, { result: 'ok' })).toBe(okBefore + 1);
    expect(await valueOf(CALLS.name, { result: 'error' })).toBe(errorBefore + 2);
  });

  it('records synchronous methods at once, and sync throws are counted and rethrown', async () => {
    expect(service.lookup('known')).toBe('value');
    expect(service.lookup('other')).toBeUndefined();
    expect(await valueOf(CALLS.name, { result: 'hit' })).toBe(1);
    expect(await valueOf(CALLS.name, { result: 'miss' })).toBe(1);
    expect(() => service.explode()).toThrow(RangeError);
    expect(await valueOf(CALLS.name, { result: 'sync_error' })).toBe(1);
  });

  it('adds an amount from the arguments, and skips calls whose labels are null', async () => {
    await service.store(['a', 'b', 'c']);
    await expect(service.store(['a', 'bad'])).rejects.toThrow('refused');
    expect(await valueOf(ITEMS.name)).toBe(3);
  });

  it('never lets a faulty metric callback break the call', () => {
    expect(service.faultyMetric()).toBe('still answers');
  });

  it("keeps Nest's metadata on the method, and `this`", () => {
    expect(service.handler()).toBe('Service');
    expect(Reflect.getMetadata(METADATA_KEY, Service.prototype.handler)).toBe('link.visited');
  });
});

describe('@Timed and @Observed', () => {
  const service = new Service();

  it('observes the time until the promise settled, in seconds', async () => {
    await service.wait(30);
    const seconds = await sumOf(DURATION.name);
    expect(seconds).toBeGreaterThanOrEqual(0.025);
    expect(seconds).toBeLessThan(1);
  });

  it('observes a value computed from the call', async () => {
    await service.store(['a', 'b']);
    expect(await sumOf(SIZE.name)).toBeGreaterThanOrEqual(2);
  });
});

describe('exemplars of the decorators', () => {
  class Measured {
    @Observed(TRACED, { value: () => 0.5 })
    measure(): string {
      return 'measured';
    }
  }

  const inSampledTrace = <T>(traceId: string, work: () => T): T =>
    context.with(
      trace.setSpan(
        ROOT_CONTEXT,
        trace.wrapSpanContext({ traceId, spanId: '1'.repeat(16), traceFlags: TraceFlags.SAMPLED }),
      ),
      work,
    );

  it('carry the trace of the measured call, not the one active when the queue is applied', async () => {
    context.setGlobalContextManager(new StackContextManager().enable());
    try {
      inSampledTrace('a'.repeat(32), () => new Measured().measure());
      inSampledTrace('b'.repeat(32), () => flushRecordings());
      const text = await register.getSingleMetricAsString(TRACED.name);
      expect(text).toContain(`trace_id="${'a'.repeat(32)}"`);
      expect(text).not.toContain('b'.repeat(32));
    } finally {
      context.disable();
    }
  });
});
