/**
 * The publisher's overflow in the gateway: events the broker could not take in time become
 * outbox rows, which the relay sends in `id` order once the broker is back. A store is one
 * multi-row INSERT (the spiller coalesces up to 1,000 events into it) on the spool's own
 * connections. The outbox is bounded: past OUTBOX_MAX_EVENTS rows (estimated, outbox-size.ts)
 * a store is refused and its events are counted as dropped.
 *
 * It does not wake the relay (the relay sends through the publisher, which spills here: that
 * would be a cycle); the relay finds the rows at its next poll.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { EventOverflow, EventOverflowFullError, type EventMessage } from '@beacon/messaging';
import { gaugeOf, OUTBOX_CAPACITY, withoutTracing } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { outboxRow } from './outbox-row';
import { OUTBOX_SIZE_SQL, outboxSizeOf } from './outbox-size';
import { SpoolDatabase } from './spool-database';

const INSERT_PREFIX = 'INSERT INTO outbox (type, envelope, request_id, traceparent) VALUES ';

@Injectable()
export class OutboxSpool extends EventOverflow {
  private readonly maxEvents: number;

  constructor(
    private readonly database: SpoolDatabase,
    @InjectConfig() config: BeaconConfig,
  ) {
    super();
    this.maxEvents = config.outbox.maxEvents;
    gaugeOf(OUTBOX_CAPACITY).set(this.maxEvents);
  }

  /** Untraced: one statement for the visits of many requests belongs to none of their traces. */
  store(messages: readonly EventMessage[]): Promise<void> {
    return withoutTracing(() => this.insert(messages));
  }

  private async insert(messages: readonly EventMessage[]): Promise<void> {
    const values: (string | null)[] = [];
    for (const message of messages) {
      for (const envelope of message.envelopes) {
        const row = outboxRow(message.type, envelope, message);
        values.push(row.type, row.envelope, row.requestId, row.traceparent);
      }
    }
    const rows = values.length / 4;
    if (rows === 0) return;
    const size = outboxSizeOf(await this.database.query(OUTBOX_SIZE_SQL));
    if (size + rows > this.maxEvents) throw new EventOverflowFullError(this.maxEvents);
    await this.database.query(
      INSERT_PREFIX + '(?, ?, ?, ?), '.repeat(rows - 1) + '(?, ?, ?, ?)',
      values,
    );
  }
}
