import type { Channel, Options } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { RabbitTopology } from './rabbit-topology';

/** Records the queues a declaration asserts, with their arguments. */
function recordingChannel() {
  const queues = new Map<string, Record<string, unknown>>();
  const channel = {
    assertExchange: async () => ({}),
    bindQueue: async () => ({}),
    assertQueue: async (name: string, options: Options.AssertQueue) => {
      queues.set(name, options.arguments ?? {});
      return { queue: name };
    },
  };
  return { queues, channel: channel as unknown as Channel };
}

describe('RabbitTopology', () => {
  it('declares every queue as a quorum queue, so that each survives the loss of a node', async () => {
    const { queues, channel } = recordingChannel();
    await new RabbitTopology('unit', [1_000, 5_000]).declare(channel);
    expect(queues.size).toBeGreaterThan(0);
    for (const [name, args] of queues) expect(args['x-queue-type'], name).toBe('quorum');
  });

  it('names delay queues by their delay, and declares a delay shared by two attempts once', async () => {
    const { queues, channel } = recordingChannel();
    const topology = new RabbitTopology('unit', [1_000, 1_000, 30_000]);
    await topology.declare(channel);
    expect(topology.retryQueue('analytics', 2)).toBe('unit.analytics.retry.1000ms');
    expect([...queues.keys()].filter((name) => name.startsWith('unit.analytics.retry.'))).toEqual([
      'unit.analytics.retry.1000ms',
      'unit.analytics.retry.30000ms',
    ]);
    expect(queues.get('unit.analytics.retry.30000ms')).toMatchObject({
      'x-message-ttl': 30_000,
      'x-dead-letter-routing-key': 'unit.analytics',
      'x-dead-letter-strategy': 'at-least-once',
    });
  });

  it('gives webhook deliveries their own retry delays, the other consumers the events ones', async () => {
    const { queues, channel } = recordingChannel();
    const topology = RabbitTopology.of({
      urls: [],
      prefix: 'unit',
      retryDelaysMs: [1_000],
      webhookRetryDelaysMs: [60_000, 600_000],
      publishBufferLimit: 1,
      spillLimit: 1,
    });
    await topology.declare(channel);
    expect(topology.retryDelaysOf('webhook-deliveries')).toEqual([60_000, 600_000]);
    expect(topology.retryQueue('webhook-deliveries', 2)).toBe(
      'unit.webhook-deliveries.retry.600000ms',
    );
    expect(topology.retryDelaysOf('webhooks')).toEqual([1_000]);
    expect([...queues.keys()].filter((name) => name.includes('.retry.'))).toContain(
      'unit.webhook-deliveries.retry.60000ms',
    );
    expect(queues.has('unit.webhook-deliveries.retry.1000ms')).toBe(false);
  });
});
