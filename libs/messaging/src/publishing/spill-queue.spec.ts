import { ROOT_CONTEXT } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../event-contract';
import type { EventMessage } from './event-message';
import { SpillQueue } from './spill-queue';

const message = (events: number): EventMessage => ({
  type: 'link.visited',
  envelopes: Array.from({ length: events }, () => ({}) as EventEnvelope),
  context: ROOT_CONTEXT,
  requestId: undefined,
});

describe('SpillQueue', () => {
  it('hands out whole messages, in order, up to the events asked for', () => {
    const queue = new SpillQueue();
    const messages = [message(60), message(30), message(20)];
    for (const m of messages) queue.push(m);
    expect(queue.events).toBe(110);
    expect(queue.take(100)).toEqual(messages.slice(0, 2));
    expect(queue.events).toBe(20);
  });

  it('hands out one message even when it alone is larger than asked', () => {
    const queue = new SpillQueue();
    queue.push(message(150));
    expect(queue.take(100)).toHaveLength(1);
    expect(queue.events).toBe(0);
  });

  it('puts messages back in front', () => {
    const queue = new SpillQueue();
    const [first, second] = [message(1), message(2)];
    queue.push(second);
    queue.putBack([first]);
    expect(queue.events).toBe(3);
    expect(queue.take(10)).toEqual([first, second]);
  });
});
