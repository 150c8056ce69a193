/**
 * Confirms: sends one message to the events exchange on a confirm channel, persistent and
 * `mandatory` (an unroutable event is reported, not silently dropped by the broker), and
 * settles when the broker confirms it. A message's events are counted by how it settled:
 * `confirmed`, `returned` (confirmed, but no queue is bound to the type) or `failed` (nacked,
 * the channel lost, or no confirm within CONFIRM_TIMEOUT_MS). Nothing is retried here.
 */
import { Counted, EVENTS_PUBLISHED, type CallOutcome } from '@beacon/observability';
import { Logger } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, Message } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { encodeEnvelopes, type EventEnvelope } from '../event-contract';
import type { RabbitConnection } from '../rabbit-connection';
import { EVENT_COUNT_HEADER, REQUEST_ID_HEADER } from '../rabbit-topology';
import type { EventMessage } from './event-message';
import { ThrottledLog } from './throttled-log';

/** amqplib never settles what was in flight when a connection dropped: this bounds the wait. */
export const CONFIRM_TIMEOUT_MS = 10_000;

export type SendResult = 'confirmed' | 'returned';

export class EventSender {
  private readonly channel: ChannelWrapper;
  private readonly exchange: string;
  /** Message ids the broker returned as unroutable; their confirm follows the return. */
  private readonly returnedIds = new Set<string>();
  private readonly log = new ThrottledLog(new Logger('EventPublisher'));

  constructor(connection: RabbitConnection) {
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

  /**
   * Published in the origin's trace: the amqplib instrumentation adds a publish span there and
   * writes its `traceparent` into the message headers for the consumer.
   */
  send(message: EventMessage): Promise<SendResult> {
    const { type, envelopes, requestId } = message;
    return context.with(message.context, () => this.publish(type, envelopes, requestId));
  }

  close(): Promise<void> {
    return this.channel.close();
  }

  @Counted(EVENTS_PUBLISHED, {
    labels: ({
      args: [type],
      result,
      failed,
    }: CallOutcome<[string, EventEnvelope[], string | undefined], SendResult>) => ({
      type,
      result: failed ? 'failed' : String(result),
    }),
    amount: ({ args: [, envelopes] }) => envelopes.length,
  })
  private async publish(
    type: string,
    envelopes: EventEnvelope[],
    requestId: string | undefined,
  ): Promise<SendResult> {
    const messageId = envelopes.length === 1 ? envelopes[0].id : randomUUID();
    await this.channel.publish(this.exchange, type, encodeEnvelopes(envelopes), {
      persistent: true,
      mandatory: true,
      contentType: 'application/json',
      messageId,
      type,
      timestamp: Math.floor(Date.now() / 1000),
      timeout: CONFIRM_TIMEOUT_MS,
      headers: {
        [EVENT_COUNT_HEADER]: envelopes.length,
        ...(requestId === undefined ? {} : { [REQUEST_ID_HEADER]: requestId }),
      },
    });
    return this.returnedIds.delete(messageId) ? 'returned' : 'confirmed';
  }

  private onReturned(message: Message): void {
    this.returnedIds.add(String(message.properties.messageId));
    const type = String(message.properties.type ?? 'unknown');
    this.log.warn(
      `returned:${type}`,
      () => `${type} events are unroutable: no queue is bound to ${type}`,
    );
  }
}
