/** Enrichment: new links and products get a category and a summary from the AI provider or the fallback. */
import { Module } from '@nestjs/common';
import { EnrichmentClassifier } from './enrichment-classifier.service';
import { LinkCreatedHandler } from './link-created.handler';
import { ProductCreatedHandler } from './product-created.handler';

@Module({
  controllers: [LinkCreatedHandler, ProductCreatedHandler],
  providers: [EnrichmentClassifier],
})
export class EnrichmentModule {}
