import { ROOT_CONTEXT } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../event-contract';
import { DurabilityWaiters } from './durability-waiters';
import type { EventMessage } from './event-message';
import { RETRY_DELAY_MS, ResendingSender } from './resending-sender';

/** Sends that the test settles one by one. */
class ControlledSender {
  readonly attempts: { message: EventMessage; settle: (error?: Error) => void }[] = [];

  send(message: EventMessage): Promise<'confirmed'> {
    return new Promise((resolve, reject) =>
      this.attempts.push({
        message,
        settle: (error) => (error ? reject(error) : resolve('confirmed')),
      }),
    );
  }
}

const message = (...ids: string[]): EventMessage => ({
  type: 'link.deleted',
  envelopes: ids.map((id) => ({ id }) as EventEnvelope),
  context: ROOT_CONTEXT,
  requestId: undefined,
});

describe('ResendingSender', () => {
  let sender: ControlledSender;
  let resender: ResendingSender;
  beforeEach(() => {
    vi.useFakeTimers();
    sender = new ControlledSender();
    resender = new ResendingSender(sender);
  });
  afterEach(() => vi.useRealTimers());

  it('counts the events of a message as unconfirmed until the broker confirms it', async () => {
    resender.send(message('a', 'b'));
    expect(resender.unconfirmed).toBe(2);
    sender.attempts[0].settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(resender.unconfirmed).toBe(0);
  });

  it('sends a failed message again, the same envelopes, after RETRY_DELAY_MS', async () => {
    const sent = message('a');
    resender.send(sent);
    sender.attempts[0].settle(new Error('nacked'));
    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS - 1);
    expect(sender.attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sender.attempts.map((attempt) => attempt.message)).toEqual([sent, sent]);
    expect(resender.unconfirmed).toBe(1);
    sender.attempts[1].settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(resender.unconfirmed).toBe(0);
  });

  it('hands back what is unconfirmed when giving up, and stops resending it', async () => {
    const [confirmed, pending] = [message('a'), message('b', 'c')];
    resender.send(confirmed);
    resender.send(pending);
    sender.attempts[0].settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(resender.giveUp()).toEqual([pending]);
    expect(resender.unconfirmed).toBe(0);
    sender.attempts[1].settle(new Error('channel closed'));
    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS * 2);
    expect(sender.attempts).toHaveLength(2);
  });

  describe('with a confirm deadline', () => {
    const DEADLINE_MS = 1_000;
    let late: EventMessage[];
    beforeEach(() => {
      late = [];
      resender = new ResendingSender(sender, { ms: DEADLINE_MS, late: (m) => late.push(m) });
    });

    /** A message with one waiter, and whether it was released. */
    function waitedMessage(id: string) {
      const waited = { ...message(id), waiters: new DurabilityWaiters(10 * DEADLINE_MS) };
      const state = { released: false };
      waited.waiters.add(() => (state.released = true));
      return { waited, state };
    }

    it('releases the waiters of a message once the broker confirms it', async () => {
      const { waited, state } = waitedMessage('a');
      resender.send(waited);
      sender.attempts[0].settle();
      await vi.advanceTimersByTimeAsync(DEADLINE_MS);
      expect(state.released).toBe(true);
      expect(late).toEqual([]);
    });

    it('hands a waited message unconfirmed at the deadline to `late`, and stops resending it', async () => {
      const { waited } = waitedMessage('a');
      resender.send(waited);
      sender.attempts[0].settle(new Error('nacked'));
      await vi.advanceTimersByTimeAsync(DEADLINE_MS);
      expect(late).toEqual([waited]);
      expect(resender.unconfirmed).toBe(0);
      await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS * 2);
      expect(sender.attempts).toHaveLength(1);
    });

    it('still releases the waiters on a confirm after the deadline', async () => {
      const { waited, state } = waitedMessage('a');
      resender.send(waited);
      await vi.advanceTimersByTimeAsync(DEADLINE_MS);
      sender.attempts[0].settle();
      await vi.advanceTimersByTimeAsync(0);
      expect(state.released).toBe(true);
    });

    it('gives no deadline to a message nobody waits for', async () => {
      resender.send(message('a'));
      await vi.advanceTimersByTimeAsync(DEADLINE_MS * 5);
      expect(late).toEqual([]);
      expect(resender.unconfirmed).toBe(1);
    });
  });
});
