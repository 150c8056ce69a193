/** What the two handlers need: subscriber lookup, the deliverer and its parts. */
import { WebhookDeliverer } from './webhook-deliverer.service';
import { WebhookHttpSender } from './webhook-http-sender';
import { webhookSecretBoxProvider } from './webhook-secret-box.provider';
import { WebhookStatus } from './webhook-status.repository';
import { WebhookSubscribers } from './webhook-subscribers.repository';

export const WebhookDelivererProviders = [
  WebhookSubscribers,
  WebhookStatus,
  WebhookHttpSender,
  WebhookDeliverer,
  webhookSecretBoxProvider,
];
