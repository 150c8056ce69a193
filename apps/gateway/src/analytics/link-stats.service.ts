/**
 * Reads a link's stats from the daily rollups the worker maintains: cost grows with the
 * number of days asked for, not with the number of visits. A read replica answers unless the
 * caller has just written.
 */
import type { AuthenticatedUser } from '@beacon/auth';
import { LinkDailyStatsEntity, type VisitDimension } from '@beacon/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LinksService } from '../links/links.service';
import { ReadRouter } from '../read-replicas/read-router.service';
import { writerScope } from '../read-replicas/read-scope';
import { addDays, daysBetween, type DayRange } from './day-range.schemas';
import type { LinkStats, RankedValue } from './link-stats.view';

/** How many values each top list returns. */
const TOP_N = 10;

interface BreakdownRow {
  dimension: VisitDimension;
  value: string;
  visits: string;
}

@Injectable()
export class LinkStatsService {
  constructor(
    private readonly links: LinksService,
    private readonly reads: ReadRouter,
  ) {}

  async forLink(slug: string, caller: AuthenticatedUser, range: DayRange): Promise<LinkStats> {
    const link = await this.links.getManaged(slug, caller);
    // One snapshot for both reads: the worker commits the daily totals and the breakdowns
    // together, and two separate reads could straddle its commit (totals without breakdowns).
    const [days, top] = await this.reads.read(writerScope(caller.id), (pool) =>
      pool.transaction(
        'REPEATABLE READ',
        async (manager) =>
          [
            await this.dailyRows(manager, link.id, range),
            await this.topValues(manager, link.id, range),
          ] as const,
      ),
    );
    const daily = denseDays(range, days);
    return {
      slug: link.slug,
      ...range,
      totalVisits: sum(daily.map((day) => day.visits)),
      uniqueVisitors: sum(daily.map((day) => day.uniqueVisitors)),
      daily,
      referrers: top('referrer'),
      browsers: top('browser'),
      operatingSystems: top('os'),
      devices: top('device'),
      traffic: { human: visitsOf(top('bot'), 'human'), bot: visitsOf(top('bot'), 'bot') },
      sources: { qr: visitsOf(top('source'), 'qr'), direct: visitsOf(top('source'), 'direct') },
    };
  }

  private dailyRows(
    manager: EntityManager,
    linkId: string,
    range: DayRange,
  ): Promise<LinkDailyStatsEntity[]> {
    return manager
      .createQueryBuilder(LinkDailyStatsEntity, 'd')
      .where('d.link_id = :linkId AND d.day BETWEEN :from AND :to', { linkId, ...range })
      .getMany();
  }

  /** Top values per dimension, ranked in SQL so the rows returned stay bounded. */
  private async topValues(
    manager: EntityManager,
    linkId: string,
    range: DayRange,
  ): Promise<(dimension: VisitDimension) => RankedValue[]> {
    const rows: BreakdownRow[] = await manager.query(
      `SELECT dimension, value, visits FROM (
         SELECT dimension, value, SUM(visits) AS visits,
                ROW_NUMBER() OVER (PARTITION BY dimension ORDER BY SUM(visits) DESC, value) AS position
         FROM link_daily_breakdown
         WHERE link_id = ? AND day BETWEEN ? AND ?
         GROUP BY dimension, value
       ) ranked
       WHERE position <= ?
       ORDER BY dimension, position`,
      [linkId, range.from, range.to, TOP_N],
    );
    return (dimension) =>
      rows
        .filter((row) => row.dimension === dimension)
        .map((row) => ({ name: row.value, visits: Number(row.visits) }));
  }
}

/** One entry per day of the range, zeros included, so charts need no gap filling. */
function denseDays(range: DayRange, rows: LinkDailyStatsEntity[]): LinkStats['daily'] {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const length = daysBetween(range.from, range.to) + 1;
  return Array.from({ length }, (_, index) => {
    const date = addDays(range.from, index);
    const row = byDay.get(date);
    return { date, visits: row?.visits ?? 0, uniqueVisitors: row?.uniqueVisitors ?? 0 };
  });
}

/** The visits of one value of a two-valued dimension (bot, source): 0 when there were none. */
function visitsOf(ranked: RankedValue[], name: string): number {
  return ranked.find((row) => row.name === name)?.visits ?? 0;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
