/** Provides the app's RabbitMQ connection and the event publisher. */
import { Module } from '@nestjs/common';
import { EventPublisher } from './event-publisher.service';
import { eventsPublishedCounter } from './messaging.metrics';
import { RabbitConnection } from './rabbit-connection';

@Module({
  providers: [RabbitConnection, EventPublisher, eventsPublishedCounter],
  exports: [RabbitConnection, EventPublisher],
})
export class MessagingModule {}
