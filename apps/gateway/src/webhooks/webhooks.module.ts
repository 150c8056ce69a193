/** Webhooks (`/api/webhooks`): their registration; the worker delivers to them. */
import { WebhookEntity } from '@beacon/database';
import { webhookSecretBoxProvider } from '@beacon/webhooks';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [TypeOrmModule.forFeature([WebhookEntity])],
  controllers: [WebhooksController],
  providers: [WebhooksService, webhookSecretBoxProvider],
})
export class WebhooksModule {}
