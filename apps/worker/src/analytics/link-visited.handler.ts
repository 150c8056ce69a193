/** Consumes link.visited from the analytics queue: classify, then store in a batch. */
import { EventHandlerErrorFilter, linkVisited } from '@beacon/messaging';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { VisitBatchWriter } from './visit-batch-writer.service';
import { classifyVisit, type LinkVisitedEvent } from './visit-classifier';

@Controller()
@UseFilters(EventHandlerErrorFilter)
export class LinkVisitedHandler {
  constructor(private readonly writer: VisitBatchWriter) {}

  @EventPattern(linkVisited.type, { consumer: 'analytics' })
  handle(@Payload() event: LinkVisitedEvent): Promise<void> {
    return this.writer.write(classifyVisit(event));
  }
}
