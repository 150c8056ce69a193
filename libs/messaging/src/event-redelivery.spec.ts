import type { ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { describe, expect, it } from 'vitest';
import { createEnvelope } from './event-contract';
import { EventRedelivery } from './event-redelivery';
import { linkDeleted } from './events/link-deleted.event';
import { RabbitTopology } from './rabbit-topology';

/** The broker side of a channel: records what is published and confirms it. */
function recordingChannel() {
  const published: { exchange: string; routingKey: string; body: unknown; headers: object }[] = [];
  const channel = {
    publish: async (
      exchange: string,
      routingKey: string,
      content: Buffer,
      options: { headers: object },
    ) => {
      published.push({
        exchange,
        routingKey,
        body: JSON.parse(content.toString()),
        headers: options.headers,
      });
      return true;
    },
  };
  return { published, channel: channel as unknown as ChannelWrapper };
}

const message = (headers: Record<string, unknown> = {}) =>
  ({
    content: Buffer.from('{}'),
    properties: { headers, messageId: 'm-1' },
  }) as unknown as ConsumeMessage;

const envelope = createEnvelope(linkDeleted, { linkId: '1', slug: 'abc' });
const other = createEnvelope(linkDeleted, { linkId: '2', slug: 'def' });
const topology = new RabbitTopology('unit', [1_000, 5_000, 30_000]);

/** Retries one failed event whose message already went through `attempts` attempts. */
async function retryAfter(attempts: number, reason: string) {
  const { published, channel } = recordingChannel();
  const headers = attempts === 0 ? {} : { 'x-beacon-attempt': attempts };
  await new EventRedelivery(channel, topology).retry(message(headers), 'analytics', [
    { envelope, error: new Error(reason) },
  ]);
  return published;
}

describe('EventRedelivery', () => {
  it('sends failed events together to the first delay queue, counting the attempt', async () => {
    const { published, channel } = recordingChannel();
    const failures = [envelope, other].map((e) => ({ envelope: e, error: new Error('deadlock') }));
    await new EventRedelivery(channel, topology).retry(message(), 'analytics', failures);
    expect(published).toEqual([
      {
        exchange: '',
        routingKey: 'unit.analytics.retry.1000ms',
        body: [envelope, other],
        headers: {
          'x-beacon-attempt': 1,
          'x-beacon-event-count': 2,
          'x-beacon-last-error': 'deadlock',
        },
      },
    ]);
  });

  it('moves on to the next delay queue on the next failure', async () => {
    const published = await retryAfter(2, 'timeout');
    expect(published[0]).toMatchObject({
      routingKey: 'unit.analytics.retry.30000ms',
      body: envelope,
    });
  });

  it('dead-letters the events once the last retry failed, with the last reason', async () => {
    const published = await retryAfter(3, 'still down');
    expect(published).toEqual([
      {
        exchange: 'unit.dead-letter',
        routingKey: 'analytics',
        body: envelope,
        headers: {
          'x-beacon-attempt': 3,
          'x-beacon-death-reason': 'failed 4 times, last: still down',
          'x-beacon-event-count': 1,
        },
      },
    ]);
  });

  it('bounds the reason it writes into the header', async () => {
    const { published, channel } = recordingChannel();
    await new EventRedelivery(channel, topology).deadLetter(
      message(),
      'analytics',
      Buffer.from('"x"'),
      1,
      'r'.repeat(5_000),
    );
    expect((published[0].headers as Record<string, string>)['x-beacon-death-reason']).toHaveLength(
      1_000,
    );
  });
});
