/**
 * The transactional outbox: its writer (for the features' transactions) and its relay. The
 * publisher's spool into the same table is OutboxSpoolModule.
 */
import { OutboxEventEntity } from '@beacon/database';
import { MessagingModule } from '@beacon/messaging';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxRelay } from './outbox-relay.service';
import { Outbox } from './outbox.service';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxEventEntity]), MessagingModule],
  providers: [Outbox, OutboxRelay],
  exports: [Outbox],
})
export class OutboxModule {}
