/**
 * A Nest microservice transport that consumes Beacon events from RabbitMQ. Handlers are plain
 * Nest controllers: `@EventPattern('link.visited', { consumer: 'analytics' })`, with
 * `@UseFilters(EventHandlerErrorFilter)` so their errors arrive here as thrown.
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
import {
  Counted,
  EVENT_LAG,
  EVENT_PROCESSING_DURATION,
  EVENTS_CONSUMED,
  Observed,
  runWithRequestId,
  Timed,
  wellFormedRequestId,
  type CallOutcome,
} from '@beacon/observability';
import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { lastValueFrom } from 'rxjs';
import { encodeEnvelopes, type EventEnvelope } from './event-contract';
import { parseInboundMessage } from './inbound-event';
import { RabbitConnection } from './rabbit-connection';
import { RabbitEventContext } from './rabbit-event.context';
import { RABBIT_CONSUMERS, REQUEST_ID_HEADER } from './rabbit-topology';
import { describeError, EventRedelivery, type FailedEvent } from './event-redelivery';

export interface RabbitEventServerOptions {
  /** Unacked messages per consumer (each may carry up to 100 events). */
  prefetch?: number;
  /** How long `close()` waits for in-flight handlers. */
  drainTimeoutMs?: number;
}

/** The type label of events that are not even a valid envelope of a known contract. */
const UNKNOWN_TYPE = 'unknown';
/** How long `listen` waits for the broker before the app starts without it. */
const CHANNEL_READY_TIMEOUT_MS = 5_000;

type InvokeOutcome = CallOutcome<[MessageHandler, EventEnvelope, Delivery]>;

interface Delivery {
  message: ConsumeMessage;
  consumer: string;
  channelGeneration: number;
}

export class RabbitEventServer extends Server implements CustomTransportStrategy {
  private readonly log = new Logger(RabbitEventServer.name);
  private readonly inFlight = new Set<Promise<void>>();
  private channel?: ChannelWrapper;
  private redelivery?: EventRedelivery;
  private channelGeneration = 0;
  private closing?: Promise<void>;

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
      this.redelivery = new EventRedelivery(this.channel, this.connection.topology);
      await this.untilChannelReady(this.channel);
      for (const [consumer, byType] of handlers) {
        await this.channel.consume(
          this.connection.topology.queue(consumer),
          (message) =>
            this.track(
              runWithRequestId(requestIdOfMessage(message), () =>
                this.handle(
                  { message, consumer, channelGeneration: this.channelGeneration },
                  byType,
                ),
              ),
            ),
          { noAck: false },
        );
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /**
   * Cancels the consumers, waits for the handlers in flight (their acks sent), closes the channel.
   * Once: shutdown calls it first (below), then Nest again as it disposes of the app.
   */
  close(): Promise<void> {
    this.closing ??= this.stopConsuming();
    return this.closing;
  }

  /**
   * Stops consuming before the hooks of deeper modules run, when the app provides this server in
   * its root module (Nest runs them from the root down): the handlers in flight then finish while
   * EventPublisher still sends what they publish.
   */
  beforeApplicationShutdown(): Promise<void> {
    return this.close();
  }

  private async stopConsuming(): Promise<void> {
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
      // Prefetch is set here, awaited, rather than through consume()'s option, which
      // amqp-connection-manager fires without awaiting (an unhandled rejection if the channel
      // closes meanwhile). It applies to each consumer started on the channel afterwards.
      setup: async (channel: ConfirmChannel) => {
        this.channelGeneration++;
        await this.connection.topology.declare(channel);
        await channel.prefetch(this.options.prefetch ?? 20);
      },
    });
  }

  /**
   * Until the channel is open with its topology declared (at most CHANNEL_READY_TIMEOUT_MS):
   * consumers registered before that attach only later, so the app would report itself
   * listening while nothing consumes. With RabbitMQ down, the app starts anyway and its
   * consumers attach once the channel connects.
   */
  private async untilChannelReady(channel: ChannelWrapper): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CHANNEL_READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([channel.waitForConnect(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Groups the registered handlers by the consumer named in their extras, and checks them.
   * Nest chains the handlers of one event type (`next`) and calls the whole chain from its
   * first: here each consumer's queue delivers to its own handler only, so the chain is cut
   * (otherwise a `link.created` taken from the enrichment queue would also run the webhooks
   * handler, which gets its own copy from its own queue).
   */
  private handlersByConsumer(): Map<string, Map<string, MessageHandler>> {
    const grouped = new Map<string, Map<string, MessageHandler>>();
    for (const [type, first] of this.getHandlers()) {
      for (const handler of chainOf(first)) {
        const consumer = handler.extras?.consumer as string | undefined;
        if (!consumer || !RABBIT_CONSUMERS[consumer]?.includes(type)) {
          throw new Error(`handler of ${type} must name a consumer whose queue is bound to it`);
        }
        const byType = grouped.get(consumer) ?? new Map<string, MessageHandler>();
        if (byType.has(type)) throw new Error(`consumer ${consumer} has two handlers of ${type}`);
        grouped.set(consumer, byType.set(type, handler));
        handler.next = undefined;
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
      const failures: FailedEvent[] = [];
      const events = parseInboundMessage(delivery.message.content);
      await Promise.all(
        events.map(async (event) => {
          if (!event.valid) {
            return this.deadLetter(delivery, event.content, event.reason, UNKNOWN_TYPE);
          }
          const { envelope } = event;
          const handler = handlers.get(envelope.type);
          if (!handler) {
            const reason = `no handler for ${envelope.type}`;
            return this.deadLetter(delivery, encodeEnvelopes([envelope]), reason, envelope.type);
          }
          await this.invoke(handler, envelope, delivery).catch((error: unknown) =>
            failures.push({ envelope, error }),
          );
        }),
      );
      if (failures.length > 0) {
        await this.redelivery!.retry(delivery.message, delivery.consumer, failures);
      }
      this.ack(delivery);
    } catch (error) {
      // Could not even re-publish: leave the message unacked; a channel loss redelivers it.
      this.log.error(`cannot settle message of ${delivery.consumer}: ${describeError(error)}`);
    }
  }

  /**
   * `type` labels the metric: a contract's routing key, or UNKNOWN_TYPE (labels stay bounded);
   * `consumer` tells apart the queues that take the same type (analytics and webhooks).
   */
  @Counted(EVENTS_CONSUMED, {
    labels: ({ args: [delivery, , , type] }: CallOutcome<[Delivery, Buffer, string, string]>) => ({
      consumer: delivery.consumer,
      type,
      result: 'dead',
    }),
  })
  private deadLetter(
    delivery: Delivery,
    content: Buffer,
    reason: string,
    _type: string,
  ): Promise<void> {
    return this.redelivery!.deadLetter(delivery.message, delivery.consumer, content, 1, reason);
  }

  @Counted(EVENTS_CONSUMED, {
    labels: ({ args: [, envelope, delivery], failed }: InvokeOutcome) => ({
      consumer: delivery.consumer,
      type: envelope.type,
      result: failed ? 'failed' : 'processed',
    }),
  })
  @Timed(EVENT_PROCESSING_DURATION, {
    labels: ({ args: [, envelope, delivery] }: InvokeOutcome) => ({
      consumer: delivery.consumer,
      type: envelope.type,
    }),
  })
  @Observed(EVENT_LAG, {
    labels: ({ args: [, envelope, delivery], failed }: InvokeOutcome) =>
      failed ? null : { consumer: delivery.consumer, type: envelope.type },
    value: ({ args: [, envelope] }) => (Date.now() - Date.parse(envelope.occurredAt)) / 1000,
  })
  private async invoke(
    handler: MessageHandler,
    envelope: EventEnvelope,
    delivery: Delivery,
  ): Promise<void> {
    const context = new RabbitEventContext([delivery.message, delivery.consumer]);
    const result = this.transformToObservable(await handler(envelope, context));
    await lastValueFrom(result, { defaultValue: undefined });
  }

  private ack(delivery: Delivery): void {
    if (delivery.channelGeneration !== this.channelGeneration) return;
    this.channel!.ack(delivery.message);
  }
}

/** The handlers Nest chained for one pattern, first to last. */
function chainOf(first: MessageHandler): MessageHandler[] {
  const chain: MessageHandler[] = [];
  for (let handler: MessageHandler | undefined = first; handler; handler = handler.next) {
    chain.push(handler);
  }
  return chain;
}

/** The publishing request's id (so both apps' log lines share it), else the message's own id. */
function requestIdOfMessage(message: ConsumeMessage): string {
  const header = message.properties.headers?.[REQUEST_ID_HEADER];
  return wellFormedRequestId(header) ?? String(message.properties.messageId ?? 'unknown');
}
