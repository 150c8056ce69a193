import { EVENTS_PUBLISHED } from '@beacon/observability';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import type { CreateChannelOpts } from 'amqp-connection-manager';
import type { ConfirmChannel, Message } from 'amqplib';
import { register } from 'prom-client';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../event-contract';
import type { RabbitConnection } from '../rabbit-connection';
import { EventSender } from './event-sender';

interface Published {
  routingKey: string;
  body: unknown;
  options: { messageId: string } & Record<string, unknown>;
}

/** A confirm channel whose publishes the test settles; it can also return a message. */
class FakeBroker {
  readonly published: Published[] = [];
  readonly settle: ((error?: Error) => void)[] = [];
  private onReturn?: (message: Message) => void;

  connection(): RabbitConnection {
    const topology = { eventsExchange: 'unit.events', declare: async () => undefined };
    const createChannel = (options: CreateChannelOpts) => {
      const setupChannel = {
        on: (_event: 'return', handler: (message: Message) => void) => (this.onReturn = handler),
      };
      const setup = options.setup as (channel: ConfirmChannel) => Promise<void>;
      void setup(setupChannel as unknown as ConfirmChannel);
      return {
        publish: (exchange: string, routingKey: string, content: Buffer, options: object) => {
          expect(exchange).toBe('unit.events');
          this.published.push({
            routingKey,
            body: JSON.parse(content.toString()),
            options: options as Published['options'],
          });
          return new Promise<void>((resolve, reject) =>
            this.settle.push((error) => (error ? reject(error) : resolve())),
          );
        },
        close: async () => undefined,
      };
    };
    return { topology, createChannel } as unknown as RabbitConnection;
  }

  returnLast(): void {
    const { routingKey, options } = this.published.at(-1)!;
    this.onReturn!({ properties: { messageId: options.messageId, type: routingKey } } as Message);
  }
}

const envelope = (id: string): EventEnvelope => ({
  id,
  type: 'link.deleted',
  version: 1,
  occurredAt: '2026-12-01T00:00:00.000Z',
  data: { linkId: '1', slug: 'abc' },
});

const origin = { context: ROOT_CONTEXT, requestId: 'request-1' };

async function published(result: string): Promise<number> {
  const values = (await register.getSingleMetric(EVENTS_PUBLISHED.name)?.get())?.values ?? [];
  return values.find((value) => value.labels.result === result)?.value ?? 0;
}

describe('EventSender', () => {
  let broker: FakeBroker;
  let sender: EventSender;
  beforeEach(async () => {
    await published('confirmed'); // applies recordings deferred by other tests
    register.getSingleMetric(EVENTS_PUBLISHED.name)?.reset();
    broker = new FakeBroker();
    sender = new EventSender(broker.connection());
  });

  it('sends one envelope as a persistent, mandatory JSON message with its id', async () => {
    const sending = sender.send({ type: 'link.deleted', envelopes: [envelope('e-1')], ...origin });
    expect(broker.published).toEqual([
      {
        routingKey: 'link.deleted',
        body: envelope('e-1'),
        options: expect.objectContaining({
          persistent: true,
          mandatory: true,
          contentType: 'application/json',
          messageId: 'e-1',
          type: 'link.deleted',
          headers: { 'x-beacon-event-count': 1, 'x-request-id': 'request-1' },
        }),
      },
    ]);
    broker.settle[0]();
    expect(await sending).toBe('confirmed');
    expect(await published('confirmed')).toBe(1);
  });

  it('sends several envelopes as one array under a message id of its own', async () => {
    const envelopes = [envelope('e-1'), envelope('e-2')];
    const sending = sender.send({ type: 'link.deleted', envelopes, ...origin });
    const [message] = broker.published;
    expect(message.body).toEqual(envelopes);
    expect(message.options.messageId).not.toMatch(/^e-/);
    expect(message.options.headers).toEqual(expect.objectContaining({ 'x-beacon-event-count': 2 }));
    broker.settle[0]();
    await sending;
    expect(await published('confirmed')).toBe(2);
  });

  it('reports a message the broker returned as unroutable', async () => {
    const sending = sender.send({ type: 'link.deleted', envelopes: [envelope('e-1')], ...origin });
    broker.returnLast();
    broker.settle[0]();
    expect(await sending).toBe('returned');
    expect(await published('returned')).toBe(1);
  });

  it('rejects, and counts as failed, what the broker did not confirm', async () => {
    const sending = sender.send({ type: 'link.deleted', envelopes: [envelope('e-1')], ...origin });
    broker.settle[0](new Error('nacked'));
    await expect(sending).rejects.toThrow('nacked');
    expect(await published('failed')).toBe(1);
  });
});
