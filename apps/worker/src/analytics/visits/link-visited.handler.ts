/** Consumes link.visited from the analytics queue: classify, then store in a batch. */
import { EventHandlerErrorFilter, linkVisited } from '@beacon/messaging';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CountryResolver } from '../countries/country-resolver.service';
import { classifyVisit, type LinkVisitedEvent } from './visit-classifier';
import { VisitStore } from './visit-store.repository';

@Controller()
@UseFilters(EventHandlerErrorFilter)
export class LinkVisitedHandler {
  constructor(
    private readonly store: VisitStore,
    private readonly countries: CountryResolver,
  ) {}

  @EventPattern(linkVisited.type, { consumer: 'analytics' })
  handle(@Payload() event: LinkVisitedEvent): Promise<void> {
    return this.store.write(classifyVisit(event, this.countries));
  }
}
