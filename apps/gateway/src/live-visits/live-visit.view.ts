/**
 * What a live stream says about a visit: the `data` of its `visit` event, built from the
 * link.visit.stored event here only, so a field the contract gains (or hides) changes it in one
 * place.
 */
import type { EventData, linkVisitStored } from '@beacon/messaging';

export type StoredVisit = EventData<typeof linkVisitStored>;

export type LiveVisit = StoredVisit;

/** A withheld visit (GPC or DNT) arrives with its details already null: it shows without them. */
export function liveVisitOf(visit: StoredVisit): LiveVisit {
  return {
    linkId: visit.linkId,
    slug: visit.slug,
    visitId: visit.visitId,
    visitedAt: visit.visitedAt,
    referrerHost: visit.referrerHost,
    browser: visit.browser,
    os: visit.os,
    device: visit.device,
    bot: visit.bot,
    source: visit.source,
    country: visit.country,
    withheld: visit.withheld,
  };
}
