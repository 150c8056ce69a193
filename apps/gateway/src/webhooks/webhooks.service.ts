/**
 * A user's webhooks: create (the URL checked against the address rules, the secret returned
 * once and stored encrypted), list, delete. Another user's webhook is the same 404 as an
 * unknown one. Deliveries are the worker's (apps/worker/src/webhooks).
 */
import type { AuthenticatedUser } from '@beacon/auth';
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { WebhookEntity } from '@beacon/database';
import {
  allowedAddresses,
  generateWebhookSecret,
  parseWebhookUrl,
  WebhookSecretBox,
  WebhookUrlRefusedError,
  webhookUrlRules,
  type WebhookUrlRules,
} from '@beacon/webhooks';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RequestValidationError } from '../errors/domain.error';
import type { CreateWebhookInput } from './webhook.schemas';
import { WebhookNotFoundError } from './webhook.errors';

/** A BIGINT id in decimal; anything else cannot name a webhook. */
const WEBHOOK_ID = /^[1-9]\d{0,18}$/;

export interface CreatedWebhook {
  secret: string;
  stored: WebhookEntity;
}

@Injectable()
export class WebhooksService {
  private readonly rules: WebhookUrlRules;

  constructor(
    @InjectRepository(WebhookEntity) private readonly webhooks: Repository<WebhookEntity>,
    private readonly secrets: WebhookSecretBox,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.rules = webhookUrlRules(config);
  }

  async create(input: CreateWebhookInput, owner: AuthenticatedUser): Promise<CreatedWebhook> {
    const url = await this.checkedUrl(input.url);
    const secret = generateWebhookSecret();
    const stored = await this.webhooks.save(
      this.webhooks.create({
        ownerId: owner.id,
        url,
        events: input.events,
        secretCiphertext: this.secrets.seal(secret, owner.id),
      }),
    );
    return { secret, stored };
  }

  /** The owner's webhooks, newest first, disabled ones included (to be seen and deleted). */
  list(owner: AuthenticatedUser): Promise<WebhookEntity[]> {
    return this.webhooks.find({ where: { ownerId: owner.id }, order: { id: 'DESC' } });
  }

  async delete(id: string, owner: AuthenticatedUser): Promise<void> {
    if (!WEBHOOK_ID.test(id)) throw new WebhookNotFoundError(id);
    const { affected } = await this.webhooks.delete({ id, ownerId: owner.id });
    if (!affected) throw new WebhookNotFoundError(id);
  }

  /** The URL as it will be called, or a 400 naming `url` with the rule it breaks. */
  private async checkedUrl(raw: string): Promise<string> {
    try {
      const url = parseWebhookUrl(raw, this.rules);
      await allowedAddresses(url, this.rules);
      return url.href;
    } catch (error) {
      if (!(error instanceof WebhookUrlRefusedError)) throw error;
      throw new RequestValidationError([{ field: 'url', message: error.message }]);
    }
  }
}
