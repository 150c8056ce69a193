/**
 * The writing side of the transactional outbox. `transaction(work)` runs `work` in a database
 * transaction and stores the events it adds in that same transaction, so an event exists if and
 * only if the change it announces committed; the relay is woken once it has.
 */
import { OutboxEventEntity } from '@beacon/database';
import { createEnvelope, type EventContract, type EventData } from '@beacon/messaging';
import { currentRequestId } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { context } from '@opentelemetry/api';
import { DataSource, type EntityManager } from 'typeorm';
import { outboxRow, type OutboxRow } from './outbox-row';
import { OutboxRelay } from './outbox-relay.service';

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
export class Outbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

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
