import { EVENTS_DROPPED, EVENTS_PUBLISHED } from '@beacon/observability';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { register } from 'prom-client';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../event-contract';
import { linkDeleted } from '../events/link-deleted.event';
import { EnvelopePacker } from './envelope-packer';
import { EventLoss } from './event-loss';
import { MAX_EVENTS_PER_MESSAGE, type EventMessage } from './event-message';
import { EventOverflow } from './event-overflow';
import { EventSpiller } from './event-spiller';

/** Keeps what it is given; refuses everything while `failing`; never answers while `stuck`. */
class RecordingOverflow extends EventOverflow {
  readonly stored: EventMessage[] = [];
  failing = false;
  stuck = false;

  async store(messages: readonly EventMessage[]): Promise<void> {
    if (this.stuck) return new Promise(() => undefined);
    if (this.failing) throw new Error('outbox unreachable');
    this.stored.push(...messages);
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

describe('EventSpiller', () => {
  let overflow: RecordingOverflow;
  beforeEach(async () => {
    await Promise.all([spilled(), dropped()]); // applies recordings deferred by other tests
    register.getSingleMetric(EVENTS_PUBLISHED.name)?.reset();
    register.getSingleMetric(EVENTS_DROPPED.name)?.reset();
    overflow = new RecordingOverflow();
  });

  const spiller = (into: EventOverflow | undefined, limit?: number) =>
    new EventSpiller(into, new EnvelopePacker(), new EventLoss(), limit);
  const spill = (to: EventSpiller, count: number) => {
    for (let i = 0; i < count; i++) to.add(linkDeleted, { linkId: '1', slug: 'abc' }, 0);
  };

  it('stores spilled events in the overflow, in messages of one type, and counts them', async () => {
    const to = spiller(overflow);
    spill(to, MAX_EVENTS_PER_MESSAGE + 3);
    await to.drain();
    expect(overflow.stored.map((message) => [message.type, message.envelopes.length])).toEqual([
      ['link.deleted', MAX_EVENTS_PER_MESSAGE],
      ['link.deleted', 3],
    ]);
    expect(await spilled()).toBe(MAX_EVENTS_PER_MESSAGE + 3);
    expect(await dropped()).toBe(0);
  });

  it('loses and counts the events it has nowhere to put', async () => {
    const to = spiller(undefined);
    spill(to, 4);
    await to.drain();
    expect(await dropped()).toBe(4);
  });

  it('loses and counts the events the overflow refuses', async () => {
    overflow.failing = true;
    const to = spiller(overflow);
    spill(to, 5);
    await to.drain();
    expect(await dropped()).toBe(5);
    expect(await spilled()).toBe(0);
  });

  it('holds at most its limit of events on their way to the overflow', async () => {
    overflow.stuck = true;
    const to = spiller(overflow, 2 * MAX_EVENTS_PER_MESSAGE);
    spill(to, 2 * MAX_EVENTS_PER_MESSAGE + 7);
    expect(await dropped()).toBe(7);
  });

  it('keeps the messages the broker did not confirm, envelopes untouched', async () => {
    const unconfirmed: EventMessage = {
      type: 'link.deleted',
      envelopes: [{ id: 'e-1' } as EventEnvelope],
      context: ROOT_CONTEXT,
      requestId: 'request-1',
    };
    const to = spiller(overflow);
    to.keep([unconfirmed]);
    await to.drain();
    expect(overflow.stored).toEqual([unconfirmed]);
  });
});
