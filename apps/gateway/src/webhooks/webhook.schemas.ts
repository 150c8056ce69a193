/**
 * zod schema of `POST /api/webhooks`. The URL's form here; its address rules (https in
 * production, no internal address) need the config and DNS, so WebhooksService checks them and
 * names the same field.
 */
import { MAX_WEBHOOK_URL_LENGTH } from '@beacon/webhooks';
import { WEBHOOK_EVENTS } from '@beacon/database';
import { z } from 'zod';
import { jsonBody } from '../validation/json-body';

export const createWebhookSchema = jsonBody({
  url: z
    .string({ error: 'required, a string' })
    .trim()
    .min(1, 'required')
    .max(MAX_WEBHOOK_URL_LENGTH, `at most ${MAX_WEBHOOK_URL_LENGTH} characters`),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `must be one of ${WEBHOOK_EVENTS.join(', ')}` }), {
      error: 'required, an array of event types',
    })
    .min(1, 'at least one event')
    .refine((events) => new Set(events).size === events.length, 'must not repeat an event'),
});

export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;
