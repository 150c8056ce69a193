/**
 * The publisher's overflow in the gateway: events the broker could not take in time are
 * stored as outbox rows, which the relay sends in `id` order once the broker is back. It does
 * not wake the relay (that would make a cycle: the relay sends through the publisher, which
 * spills here); the relay finds the rows at its next poll.
 */
import { OutboxEventEntity } from '@beacon/database';
import { EventOverflow, type EventMessage } from '@beacon/messaging';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { outboxRow } from './outbox-row';

@Injectable()
export class OutboxSpool extends EventOverflow {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async store(messages: readonly EventMessage[]): Promise<void> {
    const rows = messages.flatMap((message) =>
      message.envelopes.map((envelope) => outboxRow(message.type, envelope, message)),
    );
    if (rows.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(OutboxEventEntity)
      .values(rows)
      .updateEntity(false)
      .execute();
  }
}
