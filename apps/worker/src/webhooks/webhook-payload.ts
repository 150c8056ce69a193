/**
 * What a receiver gets for each link event: `{ id, type, occurredAt, data }` with public fields
 * only. A visit's referrer, user agent and visitor hash stay inside Beacon: a webhook is an
 * owner's copy of their stats, not of their visitors.
 */
import {
  linkCreated,
  linkDeleted,
  linkExpired,
  linkVisited,
  type EventData,
  type EventEnvelope,
} from '@beacon/messaging';
import type { WebhookEvent } from '@beacon/database';
import { createHash } from 'node:crypto';

export interface WebhookPayload {
  id: string;
  type: WebhookEvent;
  occurredAt: string;
  data: Record<string, unknown>;
}

type PublicFields = (data: never) => Record<string, unknown>;

const PUBLIC_FIELDS: Record<WebhookEvent, PublicFields> = {
  // A visit withheld by its visitor (GPC or DNT) is announced without its source either.
  [linkVisited.type]: (visit: EventData<typeof linkVisited>) => ({
    linkId: visit.linkId,
    slug: visit.slug,
    visitedAt: visit.visitedAt,
    source: visit.withheld ? null : (visit.source ?? 'direct'),
    withheld: visit.withheld === true,
  }),
  [linkCreated.type]: ({ linkId, slug, targetUrl }: EventData<typeof linkCreated>) => ({
    linkId,
    slug,
    targetUrl,
  }),
  [linkDeleted.type]: ({ linkId, slug }: EventData<typeof linkDeleted>) => ({ linkId, slug }),
  [linkExpired.type]: ({ linkId, slug, reason }: EventData<typeof linkExpired>) => ({
    linkId,
    slug,
    reason,
  }),
};

export function webhookPayload(event: EventEnvelope<{ linkId: string }>): WebhookPayload {
  const type = event.type as WebhookEvent;
  return {
    id: event.id,
    type,
    occurredAt: event.occurredAt,
    data: PUBLIC_FIELDS[type](event.data as never),
  };
}

/**
 * The delivery's id (`X-Beacon-Delivery`, and its message's envelope id): a UUID derived from
 * the event and the webhook, so that a fan-out done twice (a redelivered event) yields the same
 * id, which the receiver deduplicates on.
 */
export function deliveryId(eventId: string, webhookId: string): string {
  const hex = createHash('sha256').update(`${eventId}/${webhookId}`).digest('hex').split('');
  hex[12] = '8'; // RFC 9562 version 8: a custom, name-based UUID
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16); // the RFC variant
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
