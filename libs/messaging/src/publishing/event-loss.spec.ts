import { EVENTS_DROPPED } from '@beacon/observability';
import { Logger } from '@nestjs/common';
import { register } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventLoss, LOSS_REPORT_INTERVAL_MS } from './event-loss';

async function dropped(type: string): Promise<number | undefined> {
  const values = (await register.getSingleMetric(EVENTS_DROPPED.name)?.get())?.values ?? [];
  return values.find((value) => value.labels.type === type)?.value;
}

describe('EventLoss', () => {
  let logged: string[];
  beforeEach(async () => {
    vi.useFakeTimers();
    await dropped('link.visited'); // applies recordings deferred by other tests
    register.getSingleMetric(EVENTS_DROPPED.name)?.reset();
    logged = [];
    vi.spyOn(Logger.prototype, 'error').mockImplementation((message) => {
      logged.push(String(message));
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('exports every event type at 0 from the start', async () => {
    new EventLoss();
    expect(await dropped('link.visited')).toBe(0);
    expect(await dropped('product.viewed')).toBe(0);
  });

  it('counts every lost event', async () => {
    const loss = new EventLoss();
    loss.count('link.visited', 3, 'the spool is full');
    loss.count('link.visited', 2, 'the spool is full');
    expect(await dropped('link.visited')).toBe(5);
  });

  it('logs the first loss at once, then the total of the next ones once per interval', () => {
    const loss = new EventLoss();
    loss.count('link.visited', 1, 'the spool is full');
    for (let i = 0; i < 2_000; i++) loss.count('link.visited', 10, 'the spool is full');
    expect(logged).toEqual(['lost 1 link.visited events: the spool is full']);
    vi.advanceTimersByTime(LOSS_REPORT_INTERVAL_MS);
    expect(logged.at(-1)).toBe('lost 20000 more link.visited events: the spool is full');
    vi.advanceTimersByTime(LOSS_REPORT_INTERVAL_MS * 3);
    expect(logged).toHaveLength(2);
    loss.count('link.visited', 4, 'the spool failed');
    expect(logged.at(-1)).toBe('lost 4 link.visited events: the spool failed');
  });

  it('logs what is not reported yet when asked (at shutdown)', () => {
    const loss = new EventLoss();
    loss.count('product.viewed', 1, 'unconfirmed at shutdown');
    loss.count('product.viewed', 6, 'unconfirmed at shutdown');
    loss.report();
    expect(logged.at(-1)).toBe('lost 6 more product.viewed events: unconfirmed at shutdown');
  });
});
