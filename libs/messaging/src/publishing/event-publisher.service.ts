/**
 * Publishes domain events to the events exchange. `publish` never waits for the broker and does
 * almost nothing on the caller's path (the redirect): it queues the data. The work is shared
 * by job:
 *
 * - EventBatcher packs the events of one routing key into one message (EnvelopePacker
 *   validates and wraps them);
 * - ResendingSender sends each message until the broker confirms it, through EventSender's
 *   confirm channel;
 * - past EVENT_BUFFER_LIMIT events not yet confirmed, EventSpiller stores new events in the
 *   app's EventOverflow, when it has one (the gateway's outbox spool, whose relay sends them
 *   later through `relay`), holding at most EVENT_SPILL_LIMIT on their way there;
 * - EventLoss counts and logs what none of them could keep.
 *
 * A caller may also wait until its event is durable (`onDurable`, VISIT_DELIVERY=confirmed): the
 * event then leaves at the end of the turn instead of lingering, and if the broker has not
 * confirmed its message within VISIT_CONFIRM_TIMEOUT_MS, the message goes to the spool; while
 * the connection is known to be down, it goes there at once (no confirm can come).
 * `onDurable` is called once the broker confirmed or the spool stored the event, or once it is
 * given up on (lost, a failed store, or twice the timeout past): never an error, since a
 * redirect is never refused because analytics is down.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import type { EventContract, EventData, EventEnvelope } from '../event-contract';
import { RabbitConnection } from '../rabbit-connection';
import { EnvelopePacker, type PublishOptions } from './envelope-packer';
import { EventBatcher } from './event-batcher';
import { EventLoss } from './event-loss';
import type { EventMessage, EventOrigin } from './event-message';
import { EventOverflow } from './event-overflow';
import { EventSender, type SendResult } from './event-sender';
import { EventSpiller } from './event-spiller';
import { ResendingSender } from './resending-sender';

@Injectable()
export class EventPublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly bufferLimit: number;
  private readonly drainTimeoutMs: number;
  private readonly sender: EventSender;
  private readonly resender: ResendingSender;
  private readonly batcher: EventBatcher;
  private readonly loss = new EventLoss();
  private readonly spiller: EventSpiller;
  private closing = false;

  constructor(
    private readonly connection: RabbitConnection,
    @InjectConfig() config: BeaconConfig,
    @Optional() overflow?: EventOverflow,
  ) {
    this.bufferLimit = config.rabbitmq.publishBufferLimit;
    this.drainTimeoutMs = config.shutdown.timeoutMs;
    const { confirmTimeoutMs } = config.visits;
    const waitCapMs = 2 * confirmTimeoutMs;
    const packer = new EnvelopePacker();
    this.sender = new EventSender(connection);
    this.spiller = new EventSpiller(
      overflow,
      packer,
      this.loss,
      config.rabbitmq.spillLimit,
      waitCapMs,
    );
    const late = (message: EventMessage) => this.spiller.keep([message]);
    this.resender = new ResendingSender(
      this.sender,
      overflow ? { ms: confirmTimeoutMs, late } : undefined,
    );
    this.batcher = new EventBatcher(packer, (message) => this.dispatch(message), waitCapMs);
  }

  /** Events accepted but not yet confirmed by the broker (nor handed to the overflow). */
  get pendingCount(): number {
    return this.batcher.waiting + this.resender.unconfirmed;
  }

  /**
   * `occurredAtMs`: when the fact happened (epoch ms), if the caller already read the clock.
   * `options`: the envelope's id, and a callback once the event is durable (see above).
   */
  publish<C extends EventContract>(
    contract: C,
    data: EventData<C>,
    occurredAtMs: number = Date.now(),
    options?: PublishOptions,
  ): void {
    if (this.pendingCount >= this.bufferLimit) {
      this.spiller.add(contract, data, occurredAtMs, options);
    } else {
      this.batcher.add(contract, data, occurredAtMs, options);
    }
  }

  /**
   * Sends stored envelopes at once (the outbox relay): resolves when the broker confirms (or
   * returns) the message, rejects otherwise. Nothing is buffered or retried here: the caller
   * keeps the envelopes until this resolves.
   */
  relay(type: string, envelopes: EventEnvelope[], origin: EventOrigin): Promise<SendResult> {
    if (this.closing) return Promise.reject(new Error('the publisher is shutting down'));
    return this.sender.send({ type, envelopes, ...origin });
  }

  private dispatch(message: EventMessage): void {
    const brokerAway = !this.connection.isConnected();
    if (message.waiters && brokerAway && this.spiller.hasOverflow) this.spiller.keep([message]);
    else this.resender.send(message);
  }

  /**
   * Gives buffered events time to reach the broker (half of SHUTDOWN_TIMEOUT_MS when there is
   * an overflow, all of it otherwise), then spills what is still unconfirmed.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.batcher.flushAll();
    const overflow = this.spiller.hasOverflow;
    const deadline = Date.now() + (overflow ? this.drainTimeoutMs / 2 : this.drainTimeoutMs);
    while (this.pendingCount > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.closing = true;
    const unconfirmed = this.resender.unconfirmed;
    if (unconfirmed > 0) {
      const fate = overflow ? 'spilling them' : 'dropping them';
      this.logger.warn(`${unconfirmed} events still unconfirmed at shutdown: ${fate}`);
    }
    this.spiller.keep(this.resender.giveUp());
    await this.spiller.drain();
    this.loss.report();
    await this.sender.close();
  }
}
