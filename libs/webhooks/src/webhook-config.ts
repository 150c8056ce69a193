/**
 * What both apps build from the config: the secret box, keyed from JWT_SECRET (for the reason
 * in webhook-secret-box.ts), and the URL rules (https only in production).
 */
import { BEACON_CONFIG, type BeaconConfig } from '@beacon/config';
import type { Provider } from '@nestjs/common';
import { WebhookSecretBox } from './webhook-secret-box';
import type { WebhookUrlRules } from './webhook-url';

export const webhookSecretBoxProvider: Provider = {
  provide: WebhookSecretBox,
  inject: [BEACON_CONFIG],
  useFactory: (config: BeaconConfig) => new WebhookSecretBox(config.auth.jwtSecret),
};

export function webhookUrlRules(config: BeaconConfig): WebhookUrlRules {
  return { allowPrivate: config.webhooks.allowPrivate, httpsOnly: config.env === 'production' };
}
