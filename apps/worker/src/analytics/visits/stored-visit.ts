/**
 * What link.visit.stored says about a stored visit: its public fields, built here and nowhere
 * else, so a field added to VisitRecord (and to the contract) is added to the event in one place.
 */
import type { EventData, linkVisitStored } from '@beacon/messaging';
import type { VisitRecord } from './visit-record';

export type StoredVisit = EventData<typeof linkVisitStored>;

export function storedVisitOf(visit: VisitRecord): StoredVisit {
  return {
    linkId: visit.linkId,
    slug: visit.slug,
    visitId: visit.eventId,
    visitedAt: visit.visitedAt.toISOString(),
    referrerHost: visit.referrerHost,
    browser: visit.browser,
    os: visit.os,
    device: visit.device,
    bot: visit.isBot,
    source: visit.source,
    country: visit.country,
    withheld: visit.withheld,
  };
}
