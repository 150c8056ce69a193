/**
 * The publisher's overflow in the gateway: events the broker could not take in time become
 * outbox rows, which the relay sends in `id` order once the broker is back. A store is one
 * multi-row INSERT (the spiller coalesces thousands of events into it; outbox-inserts.ts splits
 * what would be too large, in one transaction) on the spool's own connections. The outbox is
 * bounded: past OUTBOX_MAX_EVENTS rows (SpoolCapacity) a store is refused, and its events are
 * counted as dropped.
 *
 * It does not wake the relay (the relay sends through the publisher, which spills here: that
 * would be a cycle); the relay finds the rows at its next poll.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { EventOverflow, EventOverflowFullError, type EventMessage } from '@beacon/messaging';
import { gaugeOf, OUTBOX_CAPACITY, withoutTracing } from '@beacon/observability';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { outboxInserts } from './outbox-inserts';
import { outboxRow, type OutboxRow } from './outbox-row';
import { SpoolCapacity } from './spool-capacity';
import { SpoolDatabase } from './spool-database';

@Injectable()
export class OutboxSpool extends EventOverflow implements OnApplicationBootstrap {
  private readonly capacity: SpoolCapacity;

  constructor(
    private readonly database: SpoolDatabase,
    @InjectConfig() config: BeaconConfig,
  ) {
    super();
    this.capacity = new SpoolCapacity(database, config.outbox.maxEvents);
    gaugeOf(OUTBOX_CAPACITY).set(config.outbox.maxEvents);
  }

  /** Reads the outbox's size, and so connects, before the first spill needs it. */
  async onApplicationBootstrap(): Promise<void> {
    await withoutTracing(() => this.capacity.refresh());
  }

  /** Untraced: one statement for the visits of many requests belongs to none of their traces. */
  store(messages: readonly EventMessage[]): Promise<void> {
    return withoutTracing(() => this.insert(messages));
  }

  private async insert(messages: readonly EventMessage[]): Promise<void> {
    const rows: OutboxRow[] = [];
    for (const message of messages) {
      for (const envelope of message.envelopes)
        rows.push(outboxRow(message.type, envelope, message));
    }
    if (rows.length === 0) return;
    if (!this.capacity.admits(rows.length)) {
      throw new EventOverflowFullError(this.capacity.maxEvents);
    }
    await this.database.insert(outboxInserts(rows));
    this.capacity.stored(rows.length);
  }
}
