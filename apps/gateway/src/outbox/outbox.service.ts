/**
 * The writing side of the transactional outbox. `transaction(work)` runs `work` in a database
 * transaction and stores the events it adds in that same transaction, so an event exists if and
 * only if the change it announces committed; the relay is woken once it has. The publisher's
 * overflow (events the broker could not take in time) is stored here too.
 */
import { OutboxEventEntity } from '@beacon/database';
import {
  createEnvelope,
  EventPublisher,
  type EventContract,
  type EventData,
  type EventEnvelope,
  type EventOrigin,
  type EventOverflow,
} from '@beacon/messaging';
import { currentRequestId } from '@beacon/observability';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { context, propagation } from '@opentelemetry/api';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxRelay } from './outbox-relay.service';

type OutboxRow = Pick<OutboxEventEntity, 'type' | 'envelope' | 'requestId' | 'traceparent'>;

/** The events one transaction announces; stored when its work is done, before the commit. */
class OutboxEvents {
  readonly rows: OutboxRow[] = [];

  /** Validates the data against its contract now: a bad event rolls the transaction back. */
  add<C extends EventContract>(contract: C, data: EventData<C>): void {
    const origin = { context: context.active(), requestId: currentRequestId() };
    this.rows.push(outboxRow(contract.type, createEnvelope(contract, data), origin));
  }
}

@Injectable()
export class Outbox implements EventOverflow, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly publisher: EventPublisher,
  ) {}

  onModuleInit(): void {
    this.publisher.spillInto(this);
  }

  async transaction<T>(
    work: (manager: EntityManager, events: OutboxEvents) => Promise<T>,
  ): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      const events = new OutboxEvents();
      const value = await work(manager, events);
      await insertRows(manager, events.rows);
      return value;
    });
    this.relay.wake();
    return result;
  }

  async store(type: string, envelopes: EventEnvelope[], origin: EventOrigin): Promise<void> {
    const rows = envelopes.map((envelope) => outboxRow(type, envelope, origin));
    await insertRows(this.dataSource.manager, rows);
    this.relay.wake();
  }
}

/** One multi-row INSERT, without TypeORM's reload of the generated columns (a second query). */
async function insertRows(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(OutboxEventEntity)
    .values(rows)
    .updateEntity(false)
    .execute();
}

function outboxRow(type: string, envelope: EventEnvelope, origin: EventOrigin): OutboxRow {
  const carrier: { traceparent?: string } = {};
  propagation.inject(origin.context, carrier);
  return {
    type,
    envelope: JSON.stringify(envelope),
    requestId: origin.requestId ?? null,
    traceparent: carrier.traceparent ?? null,
  };
}
