/** Provides the app's RabbitMQ connection and the event publisher. */
import { Module } from '@nestjs/common';
import { EventPublisher } from './publishing/event-publisher.service';
import { RabbitConnection } from './rabbit-connection';

@Module({
  providers: [RabbitConnection, EventPublisher],
  exports: [RabbitConnection, EventPublisher],
})
export class MessagingModule {}
