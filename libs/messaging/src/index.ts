export {
  createEnvelope,
  encodeEnvelopes,
  defineEvent,
  eventEnvelopeSchema,
  type EventContract,
  type EventData,
  type EventEnvelope,
} from './event-contract';
export { linkCreated } from './events/link-created.event';
export { linkVisited } from './events/link-visited.event';
export { linkVisitStored } from './events/link-visit-stored.event';
export { linkUpdated } from './events/link-updated.event';
export { linkDeleted } from './events/link-deleted.event';
export { linkExpired } from './events/link-expired.event';
export { webhookDelivery } from './events/webhook-delivery.event';
export { userRegistered } from './events/user-registered.event';
export {
  productCreated,
  productDeleted,
  productUpdated,
  productViewed,
} from './events/product.events';
export {
  ATTEMPT_HEADER,
  DEATH_REASON_HEADER,
  EVENT_COUNT_HEADER,
  LAST_ERROR_HEADER,
  RABBIT_CONSUMERS,
  RabbitTopology,
  WEBHOOK_DELIVERIES_CONSUMER,
} from './rabbit-topology';
export { isoTimestamp } from './iso-timestamp';
export { parseInboundMessage, type InboundEvent } from './inbound-event';
export { RabbitConnection } from './rabbit-connection';
export { rabbitProbe } from './rabbit.probe';
export { connectToFirst } from './connect-to-first';
export {
  openReplicaEventQueue,
  type ReplicaEventQueue,
  type ReplicaEventQueueOptions,
} from './replica-event-queue';
export { EventPublisher } from './publishing/event-publisher.service';
export type { PublishOptions } from './publishing/envelope-packer';
export {
  MAX_EVENTS_PER_MESSAGE,
  type EventMessage,
  type EventOrigin,
} from './publishing/event-message';
export { EventOverflow, EventOverflowFullError } from './publishing/event-overflow';
export { MAX_EVENTS_PER_STORE, MAX_STORES_IN_FLIGHT } from './publishing/event-spiller';
export { RabbitEventServer, type RabbitEventServerOptions } from './rabbit-event.server';
export { RabbitEventContext } from './rabbit-event.context';
export { MessagingModule } from './messaging.module';
export { EventHandlerErrorFilter } from './event-handler-error.filter';
