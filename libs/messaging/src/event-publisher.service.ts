/**
 * Publishes domain events to the events exchange with publisher confirms, persistent messages
 * and `mandatory` (an unroutable event is reported, not silently dropped by the broker).
 *
 * `publish` never waits for the broker: callers on hot paths (the redirect) go on at once.
 * While RabbitMQ is down or slow, events wait in a bounded in-memory buffer (the channel's
 * queue plus unconfirmed messages) and go out on reconnection; past the bound they are
 * dropped and counted as `events_published_total{result="dropped"}`.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { ConfirmChannel, Message } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Counter } from 'prom-client';
import {
  createEnvelope,
  type EventContract,
  type EventData,
  type EventEnvelope,
} from './event-contract';
import { EVENTS_PUBLISHED_TOTAL } from './messaging.metrics';
import { RabbitConnection } from './rabbit-connection';

/** Events held while the broker is unreachable or has not confirmed them yet. */
export const PUBLISH_BUFFER_LIMIT = 10_000;

@Injectable()
export class EventPublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly channel: ChannelWrapper;
  private readonly exchange: string;
  private readonly drainTimeoutMs: number;
  private pending = 0;
  private closing = false;

  constructor(
    connection: RabbitConnection,
    @InjectConfig() config: BeaconConfig,
    @InjectMetric(EVENTS_PUBLISHED_TOTAL) private readonly published: Counter<'type' | 'result'>,
  ) {
    this.drainTimeoutMs = config.shutdown.timeoutMs;
    const topology = connection.topology;
    this.exchange = topology.eventsExchange;
    this.channel = connection.createChannel({
      name: 'event-publisher',
      confirm: true,
      setup: async (channel: ConfirmChannel) => {
        await topology.declare(channel);
        channel.on('return', (message: Message) => this.onReturned(message));
      },
    });
  }

  /** Events accepted but not yet confirmed by the broker. */
  get pendingCount(): number {
    return this.pending;
  }

  publish<C extends EventContract>(contract: C, data: EventData<C>): EventEnvelope<EventData<C>> {
    const envelope = createEnvelope(contract, data);
    if (this.pending >= PUBLISH_BUFFER_LIMIT) {
      this.published.inc({ type: contract.type, result: 'dropped' });
      this.logger.warn(`publish buffer full (${PUBLISH_BUFFER_LIMIT}): dropped ${contract.type}`);
      return envelope;
    }
    this.pending++;
    this.send(envelope)
      .then(() => this.published.inc({ type: envelope.type, result: 'confirmed' }))
      .catch((error: Error) => {
        this.published.inc({ type: envelope.type, result: 'failed' });
        if (this.closing) return; // counted; shutdown logs one summary line instead
        this.logger.error(`publishing ${envelope.type} ${envelope.id} failed: ${error.message}`);
      })
      .finally(() => this.pending--);
    return envelope;
  }

  /** On shutdown, give buffered events up to SHUTDOWN_TIMEOUT_MS to reach the broker. */
  async beforeApplicationShutdown(): Promise<void> {
    const deadline = Date.now() + this.drainTimeoutMs;
    while (this.pending > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.closing = true;
    if (this.pending > 0)
      this.logger.error(`shutting down with ${this.pending} unconfirmed events`);
    await this.channel.close();
  }

  private send(envelope: EventEnvelope): Promise<boolean> {
    return this.channel.publish(
      this.exchange,
      envelope.type,
      Buffer.from(JSON.stringify(envelope)),
      {
        persistent: true,
        mandatory: true,
        contentType: 'application/json',
        messageId: envelope.id,
        type: envelope.type,
        timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
      },
    );
  }

  private onReturned(message: Message): void {
    const type = String(message.properties.type ?? 'unknown');
    this.published.inc({ type, result: 'returned' });
    this.logger.warn(
      `event ${type} ${message.properties.messageId} was unroutable: no queue is bound to it`,
    );
  }
}
