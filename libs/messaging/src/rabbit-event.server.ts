/**
 * A Nest microservice transport that consumes Beacon events from RabbitMQ. Handlers are plain
 * Nest controllers: `@EventPattern('link.visited', { consumer: 'analytics' })`.
 *
 * Why not Nest's built-in RMQ transport: it expects its own `{pattern, data}` payload, asserts
 * queues with its own arguments, and never acks or nacks for the handler. Here:
 * - a message (one envelope or an array of them) is acked only after every handler's promise
 *   settled (after the work committed) and its failures were re-published;
 * - poison events (not an envelope, unknown type, data breaking the contract) go, each alone,
 *   to the consumer's `.dead` queue with the reason in a header, without a retry;
 * - events whose handler threw go on together through the delay queues, then to the dead queue;
 * - acks are skipped for deliveries of a channel that has since been replaced (the broker
 *   redelivers them), since acking them on the new channel would close it.
 */
import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { lastValueFrom } from 'rxjs';
import type { EventEnvelope } from './event-contract';
import { encodeEnvelopes, parseInboundMessage } from './inbound-event';
import { RabbitConnection } from './rabbit-connection';
import { RabbitEventContext } from './rabbit-event.context';
import {
  ATTEMPT_HEADER,
  DEATH_REASON_HEADER,
  EVENT_COUNT_HEADER,
  RABBIT_CONSUMERS,
  RETRY_DELAYS_MS,
} from './rabbit-topology';

export interface RabbitEventServerOptions {
  /** Unacked messages per consumer (each may carry up to 100 events). */
  prefetch?: number;
  /** How long `close()` waits for in-flight handlers. */
  drainTimeoutMs?: number;
}

interface Delivery {
  message: ConsumeMessage;
  consumer: string;
  channelGeneration: number;
}

const MAX_REASON_LENGTH = 1_000;

export class RabbitEventServer extends Server implements CustomTransportStrategy {
  private readonly log = new Logger(RabbitEventServer.name);
  private readonly inFlight = new Set<Promise<void>>();
  private channel?: ChannelWrapper;
  private channelGeneration = 0;

  constructor(
    private readonly connection: RabbitConnection,
    private readonly options: RabbitEventServerOptions = {},
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const handlers = this.handlersByConsumer();
      this.channel = this.openChannel();
      for (const [consumer, byType] of handlers) {
        await this.channel.consume(
          this.connection.topology.queue(consumer),
          (message) =>
            this.track(
              this.handle({ message, consumer, channelGeneration: this.channelGeneration }, byType),
            ),
          { noAck: false, prefetch: this.options.prefetch ?? 20 },
        );
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    if (!this.channel) return;
    await this.channel.cancelAll();
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => setTimeout(resolve, this.options.drainTimeoutMs ?? 10_000)),
    ]);
    await this.channel.close();
  }

  on(): never {
    throw new Error('RabbitEventServer emits no events; watch RabbitConnection instead');
  }

  unwrap<T>(): T {
    return this.channel as T;
  }

  private openChannel(): ChannelWrapper {
    return this.connection.createChannel({
      name: 'event-consumer',
      confirm: true,
      setup: async (channel: ConfirmChannel) => {
        this.channelGeneration++;
        await this.connection.topology.declare(channel);
      },
    });
  }

  /** Groups the registered handlers by the consumer named in their extras, and checks them. */
  private handlersByConsumer(): Map<string, Map<string, MessageHandler>> {
    const grouped = new Map<string, Map<string, MessageHandler>>();
    for (const [type, first] of this.getHandlers()) {
      for (let handler: MessageHandler | undefined = first; handler; handler = handler.next) {
        const consumer = handler.extras?.consumer as string | undefined;
        if (!consumer || !RABBIT_CONSUMERS[consumer]?.includes(type)) {
          throw new Error(`handler of ${type} must name a consumer whose queue is bound to it`);
        }
        const byType = grouped.get(consumer) ?? new Map<string, MessageHandler>();
        if (byType.has(type)) throw new Error(`consumer ${consumer} has two handlers of ${type}`);
        grouped.set(consumer, byType.set(type, handler));
      }
    }
    return grouped;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async handle(delivery: Delivery, handlers: Map<string, MessageHandler>): Promise<void> {
    try {
      const failures: { envelope: EventEnvelope; error: unknown }[] = [];
      const events = parseInboundMessage(delivery.message.content);
      await Promise.all(
        events.map(async (event) => {
          if (!event.valid) return this.deadLetter(delivery, event.content, 1, event.reason);
          const { envelope } = event;
          const handler = handlers.get(envelope.type);
          if (!handler) {
            return this.deadLetter(
              delivery,
              encodeEnvelopes([envelope]),
              1,
              `no handler for ${envelope.type}`,
            );
          }
          await this.invoke(handler, envelope, delivery).catch((error: unknown) =>
            failures.push({ envelope, error }),
          );
        }),
      );
      if (failures.length > 0) await this.retryOrDeadLetter(delivery, failures);
      this.ack(delivery);
    } catch (error) {
      // Could not even re-publish: leave the message unacked; a channel loss redelivers it.
      this.log.error(`cannot settle message of ${delivery.consumer}: ${describe(error)}`);
    }
  }

  private async invoke(
    handler: MessageHandler,
    envelope: EventEnvelope,
    delivery: Delivery,
  ): Promise<void> {
    const context = new RabbitEventContext([delivery.message, delivery.consumer]);
    const result = this.transformToObservable(await handler(envelope, context));
    await lastValueFrom(result, { defaultValue: undefined });
  }

  /** Failed events go on together to the next delay queue, or to the dead queue at the end. */
  private async retryOrDeadLetter(
    delivery: Delivery,
    failures: { envelope: EventEnvelope; error: unknown }[],
  ): Promise<void> {
    const attempt = Number(delivery.message.properties.headers?.[ATTEMPT_HEADER] ?? 0) + 1;
    const reason = describe(failures[0].error);
    const content = encodeEnvelopes(failures.map((failure) => failure.envelope));
    if (attempt > RETRY_DELAYS_MS.length) {
      return this.deadLetter(
        delivery,
        content,
        failures.length,
        `failed ${attempt} times, last: ${reason}`,
      );
    }
    this.log.warn(
      `${delivery.consumer}: ${failures.length} events failed attempt ${attempt} (${reason}); retrying`,
    );
    const retryQueue = this.connection.topology.retryQueue(delivery.consumer, attempt);
    await this.republish(delivery, '', retryQueue, content, {
      [ATTEMPT_HEADER]: attempt,
      [EVENT_COUNT_HEADER]: failures.length,
    });
  }

  private async deadLetter(
    delivery: Delivery,
    content: Buffer,
    count: number,
    reason: string,
  ): Promise<void> {
    this.log.warn(`${delivery.consumer}: dead-lettering ${count} events: ${reason}`);
    await this.republish(
      delivery,
      this.connection.topology.deadLetterExchange,
      delivery.consumer,
      content,
      {
        [DEATH_REASON_HEADER]: reason.slice(0, MAX_REASON_LENGTH),
        [EVENT_COUNT_HEADER]: count,
      },
    );
  }

  /** A copy with its own body and headers, confirmed by the broker before the original is acked. */
  private async republish(
    delivery: Delivery,
    exchange: string,
    routingKey: string,
    content: Buffer,
    headers: Record<string, unknown>,
  ): Promise<void> {
    const { properties } = delivery.message;
    await this.channel!.publish(exchange, routingKey, content, {
      ...properties,
      persistent: true,
      headers: { ...properties.headers, ...headers },
    });
  }

  private ack(delivery: Delivery): void {
    if (delivery.channelGeneration !== this.channelGeneration) return;
    this.channel!.ack(delivery.message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
