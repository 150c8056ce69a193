/**
 * The worker's queue consumers (RabbitEventServer), provided by the root module so that they
 * stop before what they use on shutdown: Nest runs `beforeApplicationShutdown` from the root
 * module down, so the consumers finish what they hold (visits stored and announced live, webhook
 * deliveries queued) while EventPublisher, in MessagingModule, still sends; it flushes and
 * closes after them. (Nest's `onModuleDestroy` hooks all run earlier still: nothing a handler
 * needs may close there.)
 */
import { BEACON_CONFIG, type BeaconConfig } from '@beacon/config';
import { MAX_EVENTS_PER_MESSAGE, RabbitConnection, RabbitEventServer } from '@beacon/messaging';
import type { Provider } from '@nestjs/common';
import { BATCH_SIZE } from './analytics/batch-writer';

export const eventConsumersProvider: Provider = {
  provide: RabbitEventServer,
  useFactory: (connection: RabbitConnection, config: BeaconConfig) =>
    new RabbitEventServer(connection, {
      prefetch: prefetchFor(config.analytics.flushConcurrency),
    }),
  inject: [RabbitConnection, BEACON_CONFIG],
};

/**
 * Unacked messages per consumer: enough full messages for every batch being stored, one
 * collecting and one spare, so the stores are never starved while a slot is free. Fewer would
 * cap the batch size; more would only hold events that wait in the worker instead of the queue.
 */
function prefetchFor(flushConcurrency: number): number {
  return (flushConcurrency + 2) * Math.ceil(BATCH_SIZE / MAX_EVENTS_PER_MESSAGE);
}
