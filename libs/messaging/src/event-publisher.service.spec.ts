import { BEACON_CONFIG, loadConfig } from '@beacon/config';
import { Test } from '@nestjs/testing';
import { getToken } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventPublisher, PUBLISH_BUFFER_LIMIT } from './event-publisher.service';
import { linkDeleted } from './events/link-deleted.event';
import { EVENTS_PUBLISHED_TOTAL, eventsPublishedCounter } from './messaging.metrics';
import { RabbitConnection } from './rabbit-connection';
import { RabbitTopology } from './rabbit-topology';

/** A broker that accepts publishes and then never confirms them (down or stuck). */
class StuckBrokerConnection {
  readonly topology = new RabbitTopology('unit');
  readonly published: { exchange: string; routingKey: string; options: object }[] = [];

  createChannel() {
    return {
      publish: (exchange: string, routingKey: string, _content: Buffer, options: object) => {
        this.published.push({ exchange, routingKey, options });
        return new Promise<boolean>(() => undefined);
      },
      close: async () => undefined,
    };
  }
}

describe('EventPublisher', () => {
  let publisher: EventPublisher;
  let broker: StuckBrokerConnection;
  let counter: Counter<'type' | 'result'>;

  beforeEach(async () => {
    broker = new StuckBrokerConnection();
    const module = await Test.createTestingModule({
      providers: [
        EventPublisher,
        eventsPublishedCounter,
        { provide: RabbitConnection, useValue: broker },
        {
          provide: BEACON_CONFIG,
          useValue: loadConfig('gateway', { JWT_SECRET: 'unit', SHUTDOWN_TIMEOUT_MS: '10' }),
        },
      ],
    }).compile();
    publisher = module.get(EventPublisher);
    counter = module.get(getToken(EVENTS_PUBLISHED_TOTAL));
    counter.reset();
  });
  afterEach(() => publisher.beforeApplicationShutdown());

  const dropped = async () =>
    (await counter.get()).values.find(
      (value) => value.labels.result === 'dropped' && value.labels.type === 'link.deleted',
    )?.value ?? 0;

  it('publishes persistent, mandatory JSON with the envelope id as message id', () => {
    const envelope = publisher.publish(linkDeleted, { linkId: '1', slug: 'abc' });
    expect(broker.published).toEqual([
      {
        exchange: 'unit.events',
        routingKey: 'link.deleted',
        options: expect.objectContaining({
          persistent: true,
          mandatory: true,
          contentType: 'application/json',
          messageId: envelope.id,
          type: 'link.deleted',
        }),
      },
    ]);
  });

  it('refuses data that breaks the contract before anything is sent', () => {
    expect(() => publisher.publish(linkDeleted, { linkId: 'not-a-number', slug: 'x' })).toThrow();
    expect(broker.published).toHaveLength(0);
  });

  it('buffers up to the limit while unconfirmed, then drops and counts the overflow', async () => {
    for (let i = 0; i < PUBLISH_BUFFER_LIMIT; i++)
      publisher.publish(linkDeleted, { linkId: '1', slug: 'abc' });
    expect(publisher.pendingCount).toBe(PUBLISH_BUFFER_LIMIT);
    expect(await dropped()).toBe(0);
    publisher.publish(linkDeleted, { linkId: '1', slug: 'abc' });
    publisher.publish(linkDeleted, { linkId: '1', slug: 'abc' });
    expect(broker.published).toHaveLength(PUBLISH_BUFFER_LIMIT);
    expect(await dropped()).toBe(2);
  });
});
