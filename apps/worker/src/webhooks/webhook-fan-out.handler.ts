/**
 * The `webhooks` consumer: each link event its owner's webhooks subscribe to becomes one
 * `webhook.delivery` message per webhook (on the `webhook-deliveries` queue), so that each
 * delivery retries and dead-letters on its own: one receiver down never resends to the others.
 * The event is acked once the broker confirmed every delivery message; a redelivered event fans
 * out again under the same delivery ids.
 */
import {
  EventHandlerErrorFilter,
  EventPublisher,
  createEnvelope,
  linkCreated,
  linkDeleted,
  linkExpired,
  linkVisited,
  webhookDelivery,
  type EventEnvelope,
} from '@beacon/messaging';
import { currentRequestId } from '@beacon/observability';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { context } from '@opentelemetry/api';
import { deliveryId, webhookPayload } from './webhook-payload';
import { WebhookSubscribers } from './webhook-subscribers.repository';

const CONSUMER = { consumer: 'webhooks' };

type LinkEvent = EventEnvelope<{ linkId: string }>;

@Controller()
@UseFilters(EventHandlerErrorFilter)
export class WebhookFanOutHandler {
  constructor(
    private readonly subscribers: WebhookSubscribers,
    private readonly publisher: EventPublisher,
  ) {}

  @EventPattern(linkVisited.type, CONSUMER)
  visited(@Payload() event: LinkEvent): Promise<void> {
    return this.fanOut(event);
  }

  @EventPattern(linkCreated.type, CONSUMER)
  created(@Payload() event: LinkEvent): Promise<void> {
    return this.fanOut(event);
  }

  @EventPattern(linkDeleted.type, CONSUMER)
  deleted(@Payload() event: LinkEvent): Promise<void> {
    return this.fanOut(event);
  }

  @EventPattern(linkExpired.type, CONSUMER)
  expired(@Payload() event: LinkEvent): Promise<void> {
    return this.fanOut(event);
  }

  private async fanOut(event: LinkEvent): Promise<void> {
    const payload = webhookPayload(event);
    const webhookIds = await this.subscribers.of(event.data.linkId, payload.type);
    const origin = { context: context.active(), requestId: currentRequestId() };
    await Promise.all(
      webhookIds.map(async (webhookId) => {
        const delivery = createEnvelope(
          webhookDelivery,
          { webhookId, payload },
          Date.parse(event.occurredAt),
          deliveryId(event.id, webhookId),
        );
        const sent = await this.publisher.relay(webhookDelivery.type, [delivery], origin);
        if (sent === 'returned') throw new Error('no queue is bound to webhook.delivery');
      }),
    );
  }
}
