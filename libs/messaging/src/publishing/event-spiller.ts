/**
 * Spilling: events the publish buffer has no room for go to the overflow (the gateway's outbox)
 * instead, packed into messages like the broker's, and so do the messages still unconfirmed at
 * shutdown. Events on their way there are bounded (SPILL_QUEUE_LIMIT) apart from the buffer.
 * Stored events count as `result="spilled"`; without an overflow, past the bound, or when the
 * overflow fails, they are lost (EventLoss).
 */
import { Counted, EVENTS_PUBLISHED, type CallOutcome } from '@beacon/observability';
import { Logger } from '@nestjs/common';
import type { EventContract } from '../event-contract';
import type { EnvelopePacker } from './envelope-packer';
import { EventBatcher } from './event-batcher';
import type { EventLoss } from './event-loss';
import type { EventMessage } from './event-message';
import type { EventOverflow } from './event-overflow';
import { ThrottledLog } from './throttled-log';

/** The bound used unless given another (tests). */
export const SPILL_QUEUE_LIMIT = 10_000;

export class EventSpiller {
  private readonly batcher: EventBatcher;
  private readonly log = new ThrottledLog(new Logger('EventPublisher'));
  /** Events in messages the overflow is storing. */
  private storingEvents = 0;
  private readonly storing = new Set<Promise<void>>();

  constructor(
    private readonly overflow: EventOverflow | undefined,
    packer: EnvelopePacker,
    private readonly loss: EventLoss,
    private readonly limit = SPILL_QUEUE_LIMIT,
  ) {
    this.batcher = new EventBatcher(packer, (message) => this.store(message));
  }

  get hasOverflow(): boolean {
    return this.overflow !== undefined;
  }

  add(contract: EventContract, data: unknown, occurredAtMs: number): void {
    const type = contract.type;
    if (!this.overflow) return this.loss.count(type, 1, 'the publish buffer is full');
    if (this.batcher.waiting + this.storingEvents >= this.limit) {
      return this.loss.count(type, 1, 'the outbox is too slow');
    }
    this.log.warn(
      `spilling:${type}`,
      () => `publish buffer full: spilling ${type} into the outbox`,
    );
    this.batcher.add(contract, data, occurredAtMs);
  }

  /** Messages the broker did not confirm in time: a late confirm makes a copy. */
  keep(messages: readonly EventMessage[]): void {
    for (const message of messages) {
      if (this.overflow) this.store(message);
      else this.loss.count(message.type, message.envelopes.length, 'unconfirmed at shutdown');
    }
  }

  /** Hands what waits for its linger to the overflow; resolves once every store settled. */
  async drain(): Promise<void> {
    this.batcher.flushAll();
    await Promise.all(this.storing);
  }

  private store(message: EventMessage): void {
    this.storingEvents += message.envelopes.length;
    const work = this.storeOrLose(message).finally(() => {
      this.storingEvents -= message.envelopes.length;
      this.storing.delete(work);
    });
    this.storing.add(work);
  }

  private async storeOrLose(message: EventMessage): Promise<void> {
    try {
      await this.storeMessage(message);
    } catch (error) {
      this.loss.count(message.type, message.envelopes.length, `the outbox failed: ${error}`);
    }
  }

  @Counted(EVENTS_PUBLISHED, {
    labels: ({ args: [message], failed }: CallOutcome<[EventMessage]>) =>
      failed ? null : { type: message.type, result: 'spilled' },
    amount: ({ args: [message] }) => message.envelopes.length,
  })
  private storeMessage(message: EventMessage): Promise<void> {
    return this.overflow!.store([message]);
  }
}
