/** Metric providers of the messaging lib (names from ARCHITECTURE.md's observability contract). */
import { makeCounterProvider } from '@willsoto/nestjs-prometheus';

export const EVENTS_PUBLISHED_TOTAL = 'events_published_total';

export const eventsPublishedCounter = makeCounterProvider({
  name: EVENTS_PUBLISHED_TOTAL,
  help: 'Events handed to the publisher, by type and outcome (confirmed, returned, failed, dropped)',
  labelNames: ['type', 'result'],
});
