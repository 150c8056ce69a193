import { ROOT_CONTEXT } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../event-contract';
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
});
