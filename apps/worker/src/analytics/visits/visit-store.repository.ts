/**
 * Stores classified visits in batches (BatchWriter), each in one transaction: the raw rows that
 * are new (idempotent on the event id), the visitors new to their link that day (one row per
 * link, day and visitor), then the daily rollups, added from what actually went in. Nothing is
 * read with a lock, so several batches may be stored at once (docs/architecture.md). Once a
 * batch committed, its new visits are announced for the live streams (StoredVisitPublisher).
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import type { VisitDimension } from '@beacon/database';
import { counterOf, VISITS_BY_COUNTRY } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { countRows, insertNew, upsertAdding, type KeyedTable } from '../batch-sql';
import { BatchedStore } from '../batched-store';
import { StoredVisitPublisher } from './stored-visit.publisher';
import type { VisitRecord } from './visit-record';

const VISITS: KeyedTable<VisitRecord> = {
  name: 'link_visits',
  columns: [
    'event_id',
    'link_id',
    'visited_at',
    'visited_day',
    'referrer_host',
    'browser',
    'os',
    'device',
    'is_bot',
    'source',
    'country',
    'withheld',
    'visitor_hash',
  ],
  key: ['event_id'],
  keyOf: (visit) => visit.eventId,
  rowOf: (visit) => [
    visit.eventId,
    visit.linkId,
    visit.visitedAt,
    visit.visitedDay,
    visit.referrerHost,
    visit.browser,
    visit.os,
    visit.device,
    visit.isBot,
    visit.source,
    visit.country,
    visit.withheld,
    visit.visitorHash,
  ],
};

const VISITORS: KeyedTable<VisitRecord> = {
  name: 'link_daily_visitors',
  columns: ['link_id', 'day', 'visitor_hash'],
  key: ['link_id', 'day', 'visitor_hash'],
  keyOf: (visit) => `${visit.linkId}|${visit.visitedDay}|${visit.visitorHash}`,
  rowOf: (visit) => [visit.linkId, visit.visitedDay, visit.visitorHash],
};

@Injectable()
export class VisitStore extends BatchedStore<VisitRecord> {
  constructor(
    dataSource: DataSource,
    @InjectConfig() config: BeaconConfig,
    private readonly announcer: StoredVisitPublisher,
  ) {
    super(dataSource, config);
  }

  protected async saveIn(
    manager: EntityManager,
    visits: VisitRecord[],
    batchId: number,
  ): Promise<VisitRecord[]> {
    const fresh = await insertNew(manager, VISITS, visits, batchId);
    if (fresh.length === 0) return fresh;
    // A withheld visit has no visitor to count: it adds to the visits, never to the uniques.
    const traced = fresh.filter((visit) => visit.visitorHash !== null);
    const newVisitors = await insertNew(manager, VISITORS, traced, batchId);
    await addDailyStats(manager, fresh, newVisitors);
    await addBreakdown(manager, fresh);
    return fresh;
  }

  /** A redelivered visit was not new, so it is counted and announced once. */
  protected override committed(fresh: VisitRecord[]): void {
    countByCountry(fresh);
    this.announcer.publish(fresh);
  }
}

function addDailyStats(
  manager: EntityManager,
  visits: VisitRecord[],
  newVisitors: VisitRecord[],
): Promise<void> {
  const day = (visit: VisitRecord) => [visit.linkId, visit.visitedDay];
  const uniques = new Map(countRows(newVisitors, day).map(([link, d, n]) => [`${link}|${d}`, n]));
  const rows = countRows(visits, day).map(([link, d, count]) => [
    link,
    d,
    count,
    uniques.get(`${link}|${d}`) ?? 0,
  ]);
  return upsertAdding(
    manager,
    'link_daily_stats',
    ['link_id', 'day', 'visits', 'unique_visitors'],
    rows,
    ['visits', 'unique_visitors'],
  );
}

function addBreakdown(manager: EntityManager, visits: VisitRecord[]): Promise<void> {
  const cells = visits.flatMap((visit) =>
    dimensionsOf(visit).map(([dimension, value]) => [
      visit.linkId,
      visit.visitedDay,
      dimension,
      value,
    ]),
  );
  return upsertAdding(
    manager,
    'link_daily_breakdown',
    ['link_id', 'day', 'dimension', 'value', 'visits'],
    countRows(cells, (cell) => cell),
    ['visits'],
  );
}

/** A withheld visit shows only as human or bot, and in the `privacy` count of withheld ones. */
function dimensionsOf(visit: VisitRecord): [VisitDimension, string][] {
  const traffic: [VisitDimension, string] = ['bot', visit.isBot ? 'bot' : 'human'];
  if (visit.withheld) return [traffic, ['privacy', 'withheld']];
  return [
    ['referrer', visit.referrerHost ?? '(direct)'],
    ['browser', visit.browser ?? 'unknown'],
    ['os', visit.os ?? 'unknown'],
    ['device', visit.device ?? 'unknown'],
    traffic,
    ['source', visit.source ?? 'direct'],
    ['country', visit.country ?? 'unknown'],
  ];
}

/** Counted once the batch committed. */
function countByCountry(visits: VisitRecord[]): void {
  const counter = counterOf(VISITS_BY_COUNTRY);
  for (const visit of visits) {
    counter.inc({ country: visit.withheld ? 'withheld' : (visit.country ?? 'unknown') });
  }
}
