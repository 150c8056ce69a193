/**
 * Announces stored visits (link.visit.stored) for the gateways' live streams. Best-effort by
 * design: `publish` only queues the events (EventPublisher confirms and retries them on its own,
 * and counts what it loses in events_published_total and events_dropped_total), so a broker that
 * is away never slows or fails the store that called it.
 */
import { EventPublisher, linkVisitStored } from '@beacon/messaging';
import { Injectable } from '@nestjs/common';
import { storedVisitOf } from './stored-visit';
import type { VisitRecord } from './visit-record';

@Injectable()
export class StoredVisitPublisher {
  constructor(private readonly events: EventPublisher) {}

  publish(visits: VisitRecord[]): void {
    const storedAt = Date.now();
    for (const visit of visits)
      this.events.publish(linkVisitStored, storedVisitOf(visit), storedAt);
  }
}
