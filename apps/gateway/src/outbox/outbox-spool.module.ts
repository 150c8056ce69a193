/**
 * Provides the outbox spool as the app's EventOverflow. Global, so that libs/messaging's
 * publisher finds its optional overflow without the lib knowing the gateway.
 */
import { EventOverflow } from '@beacon/messaging';
import { Global, Module } from '@nestjs/common';
import { OutboxSpool } from './outbox-spool.service';
import { MysqlSpoolDatabase, SpoolDatabase } from './spool-database';

@Global()
@Module({
  providers: [
    OutboxSpool,
    { provide: EventOverflow, useExisting: OutboxSpool },
    { provide: SpoolDatabase, useClass: MysqlSpoolDatabase },
  ],
  exports: [EventOverflow],
})
export class OutboxSpoolModule {}
