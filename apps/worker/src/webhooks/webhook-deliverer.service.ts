/**
 * Delivers one `webhook.delivery`: reads the webhook (gone or disabled: skipped), checks its
 * URL against the address rules again and resolves it (refused: not sent, not retried), signs
 * the body with the decrypted secret, POSTs it to the checked address, and records the outcome
 * on the row. A failure is returned, not thrown: the handler throws it so that the delivery
 * goes through the delay queues, and the last attempt's failure is counted as `dead`.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import type { WebhookEntity } from '@beacon/database';
import { webhookDelivery, type EventData } from '@beacon/messaging';
import { Counted, WEBHOOK_DELIVERIES, zeroCounter, type CallOutcome } from '@beacon/observability';
import {
  allowedAddresses,
  DELIVERY_ID_HEADER,
  parseWebhookUrl,
  SIGNATURE_HEADER,
  signatureHeader,
  WebhookSecretBox,
  WebhookUrlRefusedError,
  webhookUrlRules,
  type ResolvedAddress,
  type WebhookUrlRules,
} from '@beacon/webhooks';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { WebhookHttpSender } from './webhook-http-sender';
import { WebhookStatus } from './webhook-status.repository';

export type DeliveryResult = 'success' | 'failure' | 'dead' | 'refused' | 'skipped';

export interface DeliveryOutcome {
  result: DeliveryResult;
  /** Why it failed (for the retry header and the owner), never containing the secret. */
  error?: string;
}

export interface DeliveryAttempt {
  /** The envelope id: the same for every attempt, sent as X-Beacon-Delivery. */
  id: string;
  data: EventData<typeof webhookDelivery>;
  /** 1 for the first attempt. */
  attempt: number;
  /** Whether a failure now is final (no retry left): dead-lettered. */
  last: boolean;
}

const RESULTS: readonly DeliveryResult[] = ['success', 'failure', 'dead', 'refused', 'skipped'];
const USER_AGENT = 'Beacon-Webhooks/1';

@Injectable()
export class WebhookDeliverer implements OnModuleInit {
  private readonly logger = new Logger(WebhookDeliverer.name);
  private readonly rules: WebhookUrlRules;

  constructor(
    private readonly status: WebhookStatus,
    private readonly sender: WebhookHttpSender,
    private readonly secrets: WebhookSecretBox,
    @InjectConfig() private readonly config: BeaconConfig,
  ) {
    this.rules = webhookUrlRules(config);
  }

  onModuleInit(): void {
    for (const result of RESULTS) zeroCounter(WEBHOOK_DELIVERIES, { result });
  }

  @Counted(WEBHOOK_DELIVERIES, {
    labels: ({ result }: CallOutcome<[DeliveryAttempt], DeliveryOutcome>) =>
      result ? { result: result.result } : null,
  })
  async deliver(delivery: DeliveryAttempt): Promise<DeliveryOutcome> {
    const webhook = await this.status.find(delivery.data.webhookId);
    if (!webhook || webhook.disabledAt) return { result: 'skipped' };
    const secret = this.secretOf(webhook);
    if (secret === undefined) {
      await this.status.disable(
        webhook.id,
        'its secret cannot be read (JWT_SECRET changed?): create it again',
      );
      return { result: 'refused', error: 'secret unreadable' };
    }
    const target = await this.checkedTarget(webhook.url);
    if (typeof target === 'string') {
      return this.failed(webhook, delivery, `refused: the URL ${target}`, 'refused');
    }
    const body = JSON.stringify(delivery.data.payload);
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
      [DELIVERY_ID_HEADER]: delivery.id,
      'x-beacon-event': delivery.data.payload.type,
    };
    const timeoutMs = this.config.webhooks.timeoutMs;
    const failure = await this.sender.post({ ...target, body, headers, timeoutMs }).then(
      (status) => (status >= 200 && status < 300 ? undefined : `answered HTTP ${status}`),
      (error: Error) => `no answer: ${error.message}`,
    );
    if (failure === undefined) {
      await this.status.succeeded(webhook.id);
      return { result: 'success' };
    }
    return this.failed(webhook, delivery, failure, delivery.last ? 'dead' : 'failure');
  }

  /** The URL and the address to connect to, or why the address rules refuse it now. */
  private async checkedTarget(
    raw: string,
  ): Promise<{ url: URL; address: ResolvedAddress } | string> {
    try {
      const url = parseWebhookUrl(raw, this.rules);
      const [address] = await allowedAddresses(url, this.rules);
      return { url, address };
    } catch (error) {
      if (error instanceof WebhookUrlRefusedError) return error.message;
      throw error;
    }
  }

  private secretOf(webhook: WebhookEntity): string | undefined {
    try {
      return this.secrets.open(webhook.secretCiphertext, webhook.ownerId);
    } catch {
      return undefined;
    }
  }

  private async failed(
    webhook: WebhookEntity,
    delivery: DeliveryAttempt,
    error: string,
    result: DeliveryResult,
  ): Promise<DeliveryOutcome> {
    const disabled = await this.status.failed(
      webhook.id,
      error,
      this.config.webhooks.disableAfterMs,
    );
    this.logger.warn(
      `webhook ${webhook.id}: delivery ${delivery.id} attempt ${delivery.attempt} ${result}: ${error}` +
        (disabled ? '; webhook disabled' : ''),
    );
    return { result, error };
  }
}
