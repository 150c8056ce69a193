/**
 * The `webhook-deliveries` consumer: one message, one delivery to one webhook. A failed attempt
 * is thrown, so RabbitEventServer sends the message through the WEBHOOK_RETRY_DELAYS_MS delay
 * queues and, after the last, to `webhook-deliveries.dead` (`npm run dlq` lists and replays it).
 */
import {
  ATTEMPT_HEADER,
  EventHandlerErrorFilter,
  RabbitConnection,
  RabbitEventContext,
  WEBHOOK_DELIVERIES_CONSUMER,
  webhookDelivery,
  type EventData,
  type EventEnvelope,
} from '@beacon/messaging';
import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { WebhookDeliverer } from './webhook-deliverer.service';

type DeliveryEvent = EventEnvelope<EventData<typeof webhookDelivery>>;

/** A failed attempt; its message becomes the retry's and the dead letter's reason. */
class WebhookDeliveryFailed extends Error {}

@Controller()
@UseFilters(EventHandlerErrorFilter)
export class WebhookDeliveryHandler {
  private readonly attempts: number;

  constructor(
    private readonly deliverer: WebhookDeliverer,
    connection: RabbitConnection,
  ) {
    this.attempts = connection.topology.retryDelaysOf(WEBHOOK_DELIVERIES_CONSUMER).length + 1;
  }

  @EventPattern(webhookDelivery.type, { consumer: WEBHOOK_DELIVERIES_CONSUMER })
  // `context` is typed unknown as Nest's EventPattern wants; RabbitEventServer passes its own.
  async handle(@Payload() event: DeliveryEvent, @Ctx() context: unknown): Promise<void> {
    const attempt = attemptOf(context as RabbitEventContext);
    const outcome = await this.deliverer.deliver({
      id: event.id,
      data: event.data,
      attempt,
      last: attempt >= this.attempts,
    });
    if (outcome.result === 'failure' || outcome.result === 'dead') {
      throw new WebhookDeliveryFailed(`webhook ${event.data.webhookId}: ${outcome.error}`);
    }
  }
}

/** 1 for the first attempt: the delay queues count the retries in a header. */
function attemptOf(context: RabbitEventContext): number {
  return Number(context.getMessage().properties.headers?.[ATTEMPT_HEADER] ?? 0) + 1;
}
