/**
 * Where events go when they cannot simply be acked: failed ones to the consumer's next delay
 * queue (then, after the last, to its dead queue), poison ones straight to the dead queue with
 * the reason in a header. Every copy is confirmed by the broker before the caller acks the
 * original, so an event is never in neither place.
 */
import { Logger } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { encodeEnvelopes, type EventEnvelope } from './event-contract';
import {
  ATTEMPT_HEADER,
  DEATH_REASON_HEADER,
  EVENT_COUNT_HEADER,
  LAST_ERROR_HEADER,
  type RabbitTopology,
} from './rabbit-topology';

export interface FailedEvent {
  envelope: EventEnvelope;
  error: unknown;
}

const MAX_REASON_LENGTH = 1_000;

export class EventRedelivery {
  private readonly log = new Logger(EventRedelivery.name);

  constructor(
    private readonly channel: ChannelWrapper,
    private readonly topology: RabbitTopology,
  ) {}

  /** Failed events go on together to the next delay queue, or to the dead queue at the end. */
  async retry(message: ConsumeMessage, consumer: string, failures: FailedEvent[]): Promise<void> {
    const attempt = Number(message.properties.headers?.[ATTEMPT_HEADER] ?? 0) + 1;
    const reason = describeError(failures[0].error);
    const content = encodeEnvelopes(failures.map((failure) => failure.envelope));
    if (attempt > this.topology.retryDelaysOf(consumer).length) {
      const lastWords = `failed ${attempt} times, last: ${reason}`;
      return this.deadLetter(message, consumer, content, failures.length, lastWords);
    }
    this.log.warn(
      `${consumer}: ${failures.length} events failed attempt ${attempt} (${reason}); retrying`,
    );
    await this.republish(message, '', this.topology.retryQueue(consumer, attempt), content, {
      [ATTEMPT_HEADER]: attempt,
      [EVENT_COUNT_HEADER]: failures.length,
      [LAST_ERROR_HEADER]: reason.slice(0, MAX_REASON_LENGTH),
    });
  }

  async deadLetter(
    message: ConsumeMessage,
    consumer: string,
    content: Buffer,
    count: number,
    reason: string,
  ): Promise<void> {
    this.log.warn(`${consumer}: dead-lettering ${count} events: ${reason}`);
    await this.republish(message, this.topology.deadLetterExchange, consumer, content, {
      [DEATH_REASON_HEADER]: reason.slice(0, MAX_REASON_LENGTH),
      [EVENT_COUNT_HEADER]: count,
    });
  }

  /** A copy with its own body and extra headers, awaited until the broker confirms it. */
  private async republish(
    message: ConsumeMessage,
    exchange: string,
    routingKey: string,
    content: Buffer,
    headers: Record<string, unknown>,
  ): Promise<void> {
    const { properties } = message;
    await this.channel.publish(exchange, routingKey, content, {
      ...properties,
      persistent: true,
      headers: { ...properties.headers, ...headers },
    });
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'object' ? JSON.stringify(error) : String(error);
}
