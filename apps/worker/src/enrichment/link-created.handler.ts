/** Consumes link.created from the enrichment queue: classify the link, store the answer. */
import {
  EventHandlerErrorFilter,
  linkCreated,
  type EventData,
  type EventEnvelope,
} from '@beacon/messaging';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnrichmentClassifier } from './enrichment-classifier.service';

type LinkCreatedEvent = EventEnvelope<EventData<typeof linkCreated>>;

@Controller()
@UseFilters(EventHandlerErrorFilter)
export class LinkCreatedHandler {
  constructor(
    private readonly classifier: EnrichmentClassifier,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Idempotent: a redelivered event classifies the link again and stores the same columns. */
  @EventPattern(linkCreated.type, { consumer: 'enrichment' })
  async handle(@Payload() event: LinkCreatedEvent): Promise<void> {
    const { category, summary } = await this.classifier.classify({
      kind: 'link',
      targetUrl: event.data.targetUrl,
    });
    await this.dataSource.query('UPDATE links SET category = ?, summary = ? WHERE id = ?', [
      category,
      summary,
      event.data.linkId,
    ]);
  }
}
