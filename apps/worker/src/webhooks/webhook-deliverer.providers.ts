/** What the two handlers need: subscriber lookup, the deliverer and its parts. */
import { webhookSecretBoxProvider } from '@beacon/webhooks';
import { WebhookDeliverer } from './webhook-deliverer.service';
import { WebhookHttpSender } from './webhook-http-sender';
import { WebhookStatus } from './webhook-status.repository';
import { WebhookSubscribers } from './webhook-subscribers.repository';

export const WebhookDelivererProviders = [
  WebhookSubscribers,
  WebhookStatus,
  WebhookHttpSender,
  WebhookDeliverer,
  webhookSecretBoxProvider,
];
