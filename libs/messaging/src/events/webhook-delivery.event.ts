import { z } from 'zod';
import { defineEvent } from '../event-contract';

/**
 * Internal to the worker: one event to deliver to one webhook. The `webhooks` consumer fans
 * each subscribed link event out into one of these per webhook, so that each delivery retries
 * (and dead-letters) on its own. The envelope's id is stable per event and webhook, and is the
 * `X-Beacon-Delivery` header the receiver deduplicates on.
 */
export const webhookDelivery = defineEvent(
  'webhook.delivery',
  1,
  z.object({
    /** The webhook to deliver to (its URL and secret are read at delivery time). */
    webhookId: z.string().regex(/^\d{1,20}$/),
    /** What the receiver gets as the body, already reduced to public fields. */
    payload: z.object({
      /** The id of the link event delivered. */
      id: z.uuid(),
      type: z.enum(['link.visited', 'link.created', 'link.deleted', 'link.expired']),
      occurredAt: z.iso.datetime({ offset: true }),
      data: z.record(z.string(), z.unknown()),
    }),
  }),
);
