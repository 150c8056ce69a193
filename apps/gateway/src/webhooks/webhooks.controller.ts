/**
 * `/api/webhooks`: create, list and delete the caller's webhooks. For access tokens only: no
 * route here declares a scope, so a request made with an API key gets 403 (a key that could
 * add a webhook could copy its owner's events elsewhere).
 */
import { CurrentUser, type AuthenticatedUser } from '@beacon/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import { createWebhookSchema, type CreateWebhookInput } from './webhook.schemas';
import {
  createdWebhookViewSchema,
  toWebhookView,
  webhookViewSchema,
  type CreatedWebhookView,
  type WebhookView,
} from './webhook.view';
import { WebhooksService } from './webhooks.service';

@ApiTag('Webhooks')
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** 201 with the secret: the only time it is shown. */
  @Post()
  @ApiOperation({
    summary: 'Create a webhook',
    description:
      "Each subscribed event of the caller's links is POSTed to `url` as JSON, signed in " +
      '`X-Beacon-Signature` (docs/security.md), retried with backoff, and identified by ' +
      '`X-Beacon-Delivery` (the same on every retry). The URL must be https in production and ' +
      'must not be, or resolve to, a private, loopback or link-local address.',
    bodyExample: { url: 'https://hooks.example.com/beacon', events: ['link.visited'] },
    responses: {
      201: {
        description: 'The webhook and its secret, shown this once',
        schema: createdWebhookViewSchema,
      },
    },
  })
  async create(
    @Body({ schema: createWebhookSchema }) input: CreateWebhookInput,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<CreatedWebhookView> {
    const { secret, stored } = await this.webhooks.create(input, caller);
    return { ...toWebhookView(stored), secret };
  }

  @Get()
  @ApiOperation({
    summary: "The caller's webhooks (never their secrets), with their delivery status",
    responses: {
      200: {
        description: 'The webhooks',
        schema: z.strictObject({ items: z.array(webhookViewSchema) }),
      },
    },
  })
  async list(@CurrentUser() caller: AuthenticatedUser): Promise<{ items: WebhookView[] }> {
    return { items: (await this.webhooks.list(caller)).map(toWebhookView) };
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Delete a webhook',
    description: 'Deliveries still queued for it are dropped.',
    params: { id: "The webhook's id" },
    responses: { 204: { description: 'Deleted' } },
    errors: { 404: "No such webhook, or not the caller's" },
  })
  @HttpCode(204)
  async delete(@Param('id') id: string, @CurrentUser() caller: AuthenticatedUser): Promise<void> {
    await this.webhooks.delete(id, caller);
  }
}
