import { EVENTS_DROPPED, EVENTS_PUBLISHED } from '@beacon/observability';
import { Logger } from '@nestjs/common';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { register } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../event-contract';
import { linkDeleted } from '../events/link-deleted.event';
import { EnvelopePacker } from './envelope-packer';
import { EventLoss } from './event-loss';
import { MAX_EVENTS_PER_MESSAGE, type EventMessage } from './event-message';
import { EventOverflow, EventOverflowFullError } from './event-overflow';
import {
  EventSpiller,
  MAX_EVENTS_PER_STORE,
  MAX_STORES_IN_FLIGHT,
  RETRY_DELAY_MS,
} from './event-spiller';

/** A spool whose stores the test settles one by one. */
class ControlledOverflow extends EventOverflow {
  readonly calls: { messages: readonly EventMessage[]; settle: (error?: Error) => void }[] = [];

  store(messages: readonly EventMessage[]): Promise<void> {
    return new Promise((resolve, reject) =>
      this.calls.push({ messages, settle: (error) => (error ? reject(error) : resolve()) }),
    );
  }

  /** Events per store call, in call order. */
  get sizes(): number[] {
    return this.calls.map(({ messages }) => messages.flatMap((m) => m.envelopes).length);
  }
}

async function counted(name: string, labels: Record<string, string>): Promise<number> {
  const values = (await register.getSingleMetric(name)?.get())?.values ?? [];
  const match = values.find((value) =>
    Object.entries(labels).every(([key, label]) => value.labels[key] === label),
  );
  return match?.value ?? 0;
}

const spilled = () => counted(EVENTS_PUBLISHED.name, { result: 'spilled' });
const dropped = () => counted(EVENTS_DROPPED.name, { type: 'link.deleted' });
const LIMIT = 20_000;

describe('EventSpiller', () => {
  let overflow: ControlledOverflow;
  let spiller: EventSpiller;
  beforeEach(async () => {
    vi.useFakeTimers();
    await Promise.all([spilled(), dropped()]); // applies recordings deferred by other tests
    register.getSingleMetric(EVENTS_PUBLISHED.name)?.reset();
    register.getSingleMetric(EVENTS_DROPPED.name)?.reset();
    overflow = new ControlledOverflow();
    spiller = new EventSpiller(overflow, new EnvelopePacker(), new EventLoss(), LIMIT);
  });
  afterEach(() => vi.useRealTimers());

  /** Spills whole messages' worth of events (each becomes a message at once). */
  const spillMessages = (count: number, into = spiller) => {
    for (let i = 0; i < count * MAX_EVENTS_PER_MESSAGE; i++) {
      into.add(linkDeleted, { linkId: '1', slug: 'abc' }, 0);
    }
  };
  const settle = async (call: number, error?: Error) => {
    overflow.calls[call].settle(error);
    await vi.advanceTimersByTimeAsync(0);
  };

  it('stores spilled events in the spool, and counts them as spilled', async () => {
    spiller.add(linkDeleted, { linkId: '1', slug: 'abc' }, 0);
    expect(spiller.held).toBe(1);
    await vi.advanceTimersByTimeAsync(50); // the linger
    expect(overflow.sizes).toEqual([1]);
    await settle(0);
    expect(await spilled()).toBe(1);
    expect(spiller.held).toBe(0);
  });

  it('runs MAX_STORES_IN_FLIGHT stores at most, the next taking all that waits, up to a statement', async () => {
    const inFlight = Array<number>(MAX_STORES_IN_FLIGHT).fill(100);
    spillMessages(MAX_STORES_IN_FLIGHT);
    expect(overflow.sizes).toEqual(inFlight);
    spillMessages(MAX_EVENTS_PER_STORE / MAX_EVENTS_PER_MESSAGE + 5);
    expect(overflow.calls).toHaveLength(MAX_STORES_IN_FLIGHT);
    await settle(0);
    expect(overflow.sizes).toEqual([...inFlight, MAX_EVENTS_PER_STORE]);
    await settle(1);
    expect(overflow.sizes).toEqual([...inFlight, MAX_EVENTS_PER_STORE, 500]);
    for (let call = 2; call < overflow.calls.length; call++) await settle(call);
    expect(await spilled()).toBe(MAX_STORES_IN_FLIGHT * 100 + MAX_EVENTS_PER_STORE + 500);
  });

  it('holds at most its limit in memory, and counts the rest as lost', async () => {
    spillMessages(LIMIT / MAX_EVENTS_PER_MESSAGE);
    expect(spiller.held).toBe(LIMIT);
    spiller.add(linkDeleted, { linkId: '1', slug: 'abc' }, 0);
    expect(spiller.held).toBe(LIMIT);
    expect(await dropped()).toBe(1);
  });

  it('loses and counts what a full spool refuses, and spills again once it has room', async () => {
    spillMessages(1);
    await settle(0, new EventOverflowFullError(1_000_000));
    expect(await dropped()).toBe(100);
    spillMessages(1);
    await settle(1);
    expect(await spilled()).toBe(100);
  });

  it('tries a failed store again after a delay, with the same messages in front', async () => {
    spillMessages(1);
    const first = overflow.calls[0].messages;
    await settle(0, new Error('connect ECONNREFUSED'));
    spillMessages(1);
    expect(overflow.calls).toHaveLength(1);
    expect(spiller.held).toBe(200);
    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS);
    expect(overflow.calls[1].messages.slice(0, 1)).toEqual(first);
    expect(overflow.sizes).toEqual([100, 200]);
    expect(await dropped()).toBe(0);
  });

  it('says why when it cannot hold more while the spool fails', async () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    spillMessages(1);
    await settle(0, new Error('connect ECONNREFUSED'));
    spillMessages(LIMIT / MAX_EVENTS_PER_MESSAGE);
    expect(await dropped()).toBe(100);
    expect(logged).toHaveBeenCalledWith(
      'lost 1 link.deleted events: 20000 events are waiting for the spool: it fails (Error: connect ECONNREFUSED)',
    );
    logged.mockRestore();
  });

  it('at shutdown stores what it holds once more, and counts a failure as lost', async () => {
    spillMessages(1);
    await settle(0, new Error('connect ECONNREFUSED'));
    const drained = spiller.drain();
    await vi.advanceTimersByTimeAsync(0);
    await settle(1, new Error('connect ECONNREFUSED'));
    await drained;
    expect(await dropped()).toBe(100);
  });

  it('keeps the messages the broker did not confirm, envelopes untouched', async () => {
    const unconfirmed: EventMessage = {
      type: 'link.deleted',
      envelopes: [{ id: 'e-1' } as EventEnvelope],
      context: ROOT_CONTEXT,
      requestId: 'request-1',
    };
    spiller.keep([unconfirmed]);
    expect(overflow.calls[0].messages).toEqual([unconfirmed]);
  });

  it('releases a waiting caller once its spilled event is stored, not before', async () => {
    const onDurable = vi.fn();
    spiller.add(linkDeleted, { linkId: '1', slug: 'abc' }, 0, { onDurable });
    await vi.advanceTimersByTimeAsync(0); // a waited event leaves at the end of the turn
    expect(overflow.sizes).toEqual([1]);
    expect(onDurable).not.toHaveBeenCalled();
    await settle(0);
    expect(onDurable).toHaveBeenCalledOnce();
  });

  it('releases a waiting caller when its store fails, and keeps the event for the retry', async () => {
    const onDurable = vi.fn();
    spiller.add(linkDeleted, { linkId: '1', slug: 'abc' }, 0, { onDurable });
    await vi.advanceTimersByTimeAsync(0);
    await settle(0, new Error('connect ECONNREFUSED'));
    expect(onDurable).toHaveBeenCalledOnce();
    expect(spiller.held).toBe(1);
  });

  it('releases a waiting caller at once when its event is lost', async () => {
    spillMessages(LIMIT / MAX_EVENTS_PER_MESSAGE);
    const onDurable = vi.fn();
    spiller.add(linkDeleted, { linkId: '1', slug: 'abc' }, 0, { onDurable });
    expect(onDurable).toHaveBeenCalledOnce();
    expect(await dropped()).toBe(1);
  });

  it('loses and counts the events it has nowhere to put', async () => {
    const nowhere = new EventSpiller(undefined, new EnvelopePacker(), new EventLoss(), LIMIT);
    spillMessages(1, nowhere);
    expect(await dropped()).toBe(100);
  });
});
