/** Enrichment: new links get a category and a summary from the AI provider or the fallback. */
import { Module } from '@nestjs/common';
import { LinkClassifier } from './link-classifier.service';
import { LinkCreatedHandler } from './link-created.handler';

@Module({
  controllers: [LinkCreatedHandler],
  providers: [LinkClassifier],
})
export class EnrichmentModule {}
