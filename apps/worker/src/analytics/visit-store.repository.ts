/**
 * Writes a batch of visits in one transaction: the raw rows, then the daily rollups.
 * Idempotent on the event id: visits already stored (a redelivery) are skipped. The existence
 * checks are locking reads, so two workers storing the same visit or the same visitor at once
 * serialise instead of counting twice (a deadlock fails the batch, which is retried).
 */
import type { VisitDimension } from '@beacon/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  countBy,
  insertRows,
  uniqueBy,
  upsertAdding,
  withoutStoredEvents,
  type Row,
} from '../batching/batch-sql';
import type { VisitRecord } from './visit-record';

@Injectable()
export class VisitStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the visits not stored yet; returns how many were new. */
  save(visits: VisitRecord[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const fresh = await withoutStoredEvents(manager, 'link_visits', visits);
      if (fresh.length === 0) return 0;
      const newVisitors = await this.newVisitors(manager, fresh);
      await insertVisits(manager, fresh);
      await this.addDailyStats(manager, fresh, newVisitors);
      await this.addBreakdown(manager, fresh);
      return fresh.length;
    });
  }

  /** The visits whose visitor is new for the link that day (one per visitor). */
  private async newVisitors(manager: EntityManager, visits: VisitRecord[]): Promise<VisitRecord[]> {
    const candidates = uniqueBy(visits, visitorKey);
    const tuples = candidates.map((v) => [v.linkId, v.visitedDay, v.visitorHash]);
    const known: { link_id: string; visited_day: string; visitor_hash: string }[] =
      await manager.query(
        `SELECT DISTINCT link_id, visited_day, visitor_hash FROM link_visits
       WHERE (link_id, visited_day, visitor_hash) IN (${tuples.map(() => '(?, ?, ?)').join(', ')})
       FOR UPDATE`,
        tuples.flat(),
      );
    const knownKeys = new Set(
      known.map((row) => `${row.link_id}|${row.visited_day}|${row.visitor_hash}`),
    );
    return candidates.filter((visit) => !knownKeys.has(visitorKey(visit)));
  }

  private async addDailyStats(
    manager: EntityManager,
    visits: VisitRecord[],
    newVisitors: VisitRecord[],
  ): Promise<void> {
    const uniques = countBy(newVisitors, (v) => `${v.linkId}|${v.visitedDay}`);
    const rows: Row[] = [...countBy(visits, (v) => `${v.linkId}|${v.visitedDay}`)].map(
      ([key, count]) => [...key.split('|'), count, uniques.get(key) ?? 0],
    );
    await upsertAdding(
      manager,
      'link_daily_stats',
      ['link_id', 'day', 'visits', 'unique_visitors'],
      rows,
      ['visits', 'unique_visitors'],
    );
  }

  private async addBreakdown(manager: EntityManager, visits: VisitRecord[]): Promise<void> {
    const cells = visits.flatMap((visit) =>
      dimensionsOf(visit).map(([dimension, value]) =>
        [visit.linkId, visit.visitedDay, dimension, value].join('\u0000'),
      ),
    );
    const rows: Row[] = [...countBy(cells, (cell) => cell)].map(([cell, count]) => [
      ...cell.split('\u0000'),
      count,
    ]);
    await upsertAdding(
      manager,
      'link_daily_breakdown',
      ['link_id', 'day', 'dimension', 'value', 'visits'],
      rows,
      ['visits'],
    );
  }
}

function insertVisits(manager: EntityManager, visits: VisitRecord[]): Promise<void> {
  return insertRows(
    manager,
    'link_visits',
    [
      'event_id',
      'link_id',
      'visited_at',
      'visited_day',
      'referrer_host',
      'browser',
      'os',
      'device',
      'is_bot',
      'visitor_hash',
    ],
    visits.map((visit) => [
      visit.eventId,
      visit.linkId,
      visit.visitedAt,
      visit.visitedDay,
      visit.referrerHost,
      visit.browser,
      visit.os,
      visit.device,
      visit.isBot,
      visit.visitorHash,
    ]),
  );
}

function dimensionsOf(visit: VisitRecord): [VisitDimension, string][] {
  return [
    ['referrer', visit.referrerHost ?? '(direct)'],
    ['browser', visit.browser],
    ['os', visit.os],
    ['device', visit.device],
    ['bot', visit.isBot ? 'bot' : 'human'],
  ];
}

function visitorKey(visit: VisitRecord): string {
  return `${visit.linkId}|${visit.visitedDay}|${visit.visitorHash}`;
}
