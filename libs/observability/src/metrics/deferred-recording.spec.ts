import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { flushRecordings, recordLater } from './deferred-recording';

describe('recordLater', () => {
  const record = (seen: string[], value: string, order: number): void => {
    seen.push(`${value}:${order}`);
  };

  it('applies recordings in order once the turn is over, not during it', async () => {
    const seen: string[] = [];
    recordLater(record, seen, 'a', 1);
    recordLater(record, seen, 'b', 2);
    expect(seen).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['a:1', 'b:2']);
  });

  it('lets a read apply them at once, and never twice', async () => {
    const registry = new Registry();
    const counter = new Counter({
      name: 'unit_deferred_total',
      help: 'deferred increments',
      registers: [registry],
      collect: flushRecordings,
    });
    recordLater((amount: number) => counter.inc(amount), 3, undefined, undefined);
    expect(await registry.getSingleMetricAsString('unit_deferred_total')).toContain(
      'unit_deferred_total 3',
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect((await counter.get()).values[0].value).toBe(3);
  });

  it('keeps going past a recording that throws', async () => {
    const seen: string[] = [];
    recordLater(
      () => {
        throw new Error('a broken recording');
      },
      undefined,
      undefined,
      undefined,
    );
    recordLater(record, seen, 'after', 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['after:1']);
  });
});
