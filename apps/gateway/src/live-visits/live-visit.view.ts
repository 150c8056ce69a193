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
  const { linkId, slug, visitId, visitedAt, referrerHost, browser, os, device } = visit;
  const { bot, source, country, withheld } = visit;
  return {
    ...{ linkId, slug, visitId, visitedAt, referrerHost, browser, os, device },
    ...{ bot, source, country, withheld },
  };
}
