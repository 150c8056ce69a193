/** The secret box of the gateway, keyed from JWT_SECRET (see @beacon/webhooks for why). */
import { BEACON_CONFIG, type BeaconConfig } from '@beacon/config';
import { WebhookSecretBox } from '@beacon/webhooks';
import type { Provider } from '@nestjs/common';

export const webhookSecretBoxProvider: Provider = {
  provide: WebhookSecretBox,
  inject: [BEACON_CONFIG],
  useFactory: (config: BeaconConfig) => new WebhookSecretBox(config.auth.jwtSecret),
};
