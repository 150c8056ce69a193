/**
 * Reads a link's stats from the daily rollups the worker maintains: cost grows with the
 * number of days asked for, not with the number of visits; filtered by a country, from the raw
 * visits of that country (visit-rows.ts). A read replica answers unless the caller has just
 * written.
 */
import type { AuthenticatedUser } from '@beacon/auth';
import type { VisitDimension } from '@beacon/database';
import { Injectable } from '@nestjs/common';
import { LinksService } from '../links/links.service';
import { ReadRouter } from '../read-replicas/read-router.service';
import { writerScope } from '../read-replicas/read-scope';
import { addDays, daysBetween, type DayRange } from './day-range.schemas';
import type { LinkStatsQuery } from './link-stats.schemas';
import {
  rawBreakdown,
  rawDays,
  rollupBreakdown,
  rollupDays,
  type BreakdownRow,
  type DayRow,
} from './visit-rows';
import type { LinkStats, RankedValue } from './link-stats.view';

@Injectable()
export class LinkStatsService {
  constructor(
    private readonly links: LinksService,
    private readonly reads: ReadRouter,
  ) {}

  async forLink(
    slug: string,
    caller: AuthenticatedUser,
    query: LinkStatsQuery,
  ): Promise<LinkStats> {
    const link = await this.links.getManaged(slug, caller);
    const { country, ...range } = query;
    // One snapshot for both reads: the worker commits the daily totals and the breakdowns
    // together, and two separate reads could straddle its commit (totals without breakdowns).
    const [days, cells] = await this.reads.read(writerScope(caller.id), (pool) =>
      pool.transaction('REPEATABLE READ', async (manager) =>
        country
          ? [
              await rawDays(manager, link.id, range, country),
              await rawBreakdown(manager, link.id, range, country),
            ]
          : [
              await rollupDays(manager, link.id, range),
              await rollupBreakdown(manager, link.id, range),
            ],
      ),
    );
    const daily = denseDays(range, days as DayRow[]);
    const top = (dimension: VisitDimension): RankedValue[] =>
      (cells as BreakdownRow[])
        .filter((row) => row.dimension === dimension)
        .map((row) => ({ name: row.value, visits: Number(row.visits) }));
    return {
      slug: link.slug,
      ...range,
      ...(country ? { country } : {}),
      totalVisits: sum(daily.map((day) => day.visits)),
      uniqueVisitors: sum(daily.map((day) => day.uniqueVisitors)),
      daily,
      referrers: top('referrer'),
      browsers: top('browser'),
      operatingSystems: top('os'),
      devices: top('device'),
      countries: top('country'),
      traffic: { human: visitsOf(top('bot'), 'human'), bot: visitsOf(top('bot'), 'bot') },
      sources: { qr: visitsOf(top('source'), 'qr'), direct: visitsOf(top('source'), 'direct') },
      withheld: visitsOf(top('privacy'), 'withheld'),
    };
  }
}

/** One entry per day of the range, zeros included, so charts need no gap filling. */
function denseDays(range: DayRange, rows: DayRow[]): LinkStats['daily'] {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const length = daysBetween(range.from, range.to) + 1;
  return Array.from({ length }, (_, index) => {
    const date = addDays(range.from, index);
    const row = byDay.get(date);
    return {
      date,
      visits: Number(row?.visits ?? 0),
      uniqueVisitors: Number(row?.uniqueVisitors ?? 0),
    };
  });
}

/** The visits of one value of a two-valued dimension (bot, source): 0 when there were none. */
function visitsOf(ranked: RankedValue[], name: string): number {
  return ranked.find((row) => row.name === name)?.visits ?? 0;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
