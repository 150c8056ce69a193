/**
 * How a webhook looks in API responses: never its secret, except in the answer to its creation.
 * `status` and the failure fields tell the owner whether deliveries work, and why not.
 */
import { WEBHOOK_EVENTS, type WebhookEntity } from '@beacon/database';
import { z } from 'zod';

export const webhookViewSchema = z.strictObject({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  status: z.enum(['active', 'disabled']),
  disabledReason: z.string().nullable().describe('Why deliveries stopped, once disabled'),
  failingSince: z.iso
    .datetime()
    .nullable()
    .describe('First failure since the last success; disabled after WEBHOOK_DISABLE_AFTER_MS'),
  lastError: z.string().nullable().describe("The last failed delivery's cause"),
  lastDeliveryAt: z.iso.datetime().nullable().describe('The last successful delivery'),
  createdAt: z.iso.datetime(),
});

export type WebhookView = z.infer<typeof webhookViewSchema>;

/** The answer to its creation, the only one that carries the secret. */
export const createdWebhookViewSchema = webhookViewSchema.extend({
  secret: z.string().describe('Verifies X-Beacon-Signature (docs/security.md); shown this once'),
});

export type CreatedWebhookView = z.infer<typeof createdWebhookViewSchema>;

export function toWebhookView(stored: WebhookEntity): WebhookView {
  return {
    id: stored.id,
    url: stored.url,
    events: stored.events,
    status: stored.disabledAt ? 'disabled' : 'active',
    disabledReason: stored.disabledReason,
    failingSince: stored.failingSince?.toISOString() ?? null,
    lastError: stored.lastError,
    lastDeliveryAt: stored.lastDeliveryAt?.toISOString() ?? null,
    createdAt: stored.createdAt.toISOString(),
  };
}
