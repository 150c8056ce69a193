/**
 * Webhooks, delivery side: link events fan out into one delivery per subscribed webhook
 * (`webhooks` queue), each delivered, signed, retried and dead-lettered on its own
 * (`webhook-deliveries` queue).
 */
import { MessagingModule } from '@beacon/messaging';
import { Module } from '@nestjs/common';
import { WebhookDelivererProviders } from './webhook-deliverer.providers';
import { WebhookDeliveryHandler } from './webhook-delivery.handler';
import { WebhookFanOutHandler } from './webhook-fan-out.handler';

@Module({
  imports: [MessagingModule],
  controllers: [WebhookFanOutHandler, WebhookDeliveryHandler],
  providers: WebhookDelivererProviders,
})
export class WebhooksModule {}
