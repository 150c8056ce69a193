/**
 * The SQL behind a link's stats, in two sources of the same shape: the daily rollups (any range,
 * cost bound by days and values, not visits) and, for stats filtered by country, the raw visits
 * (rollups have no cross-dimension; raw visits are kept VISIT_RETENTION_DAYS, so a filtered
 * range reaches that far back at most). Both answer per-day totals and each dimension's top
 * values, ranked in SQL so the rows returned stay bounded.
 */
import type { VisitDimension } from '@beacon/database';
import type { EntityManager } from 'typeorm';
import type { DayRange } from './day-range.schemas';

export interface DayRow {
  day: string;
  visits: number;
  uniqueVisitors: number;
}

export interface BreakdownRow {
  dimension: VisitDimension;
  value: string;
  visits: string;
}

/** Values each top list returns; countries list more, being few and the point of a map. */
const TOP_N = 10;
const TOP_COUNTRIES = 50;

const RANKED = (source: string) => `
  SELECT dimension, value, visits FROM (
    SELECT dimension, value, SUM(visits) AS visits,
           ROW_NUMBER() OVER (PARTITION BY dimension ORDER BY SUM(visits) DESC, value) AS position
    FROM (${source}) cells
    GROUP BY dimension, value
  ) ranked
  WHERE position <= IF(dimension = 'country', ${TOP_COUNTRIES}, ${TOP_N})
  ORDER BY dimension, position`;

export function rollupDays(
  manager: EntityManager,
  linkId: string,
  range: DayRange,
): Promise<DayRow[]> {
  return manager.query(
    `SELECT day, visits, unique_visitors AS uniqueVisitors FROM link_daily_stats
     WHERE link_id = ? AND day BETWEEN ? AND ?`,
    [linkId, range.from, range.to],
  );
}

export function rollupBreakdown(
  manager: EntityManager,
  linkId: string,
  range: DayRange,
): Promise<BreakdownRow[]> {
  return manager.query(
    RANKED(`SELECT dimension, value, visits FROM link_daily_breakdown
            WHERE link_id = ? AND day BETWEEN ? AND ?`),
    [linkId, range.from, range.to],
  );
}

/** `country`: an ISO code, or `unknown` (visits not withheld whose country is not known). */
function rawVisits(country: string): { where: string; params: string[] } {
  const base = 'link_id = ? AND visited_day BETWEEN ? AND ?';
  if (country === 'unknown')
    return { where: `${base} AND country IS NULL AND withheld = 0`, params: [] };
  return { where: `${base} AND country = ?`, params: [country] };
}

export function rawDays(
  manager: EntityManager,
  linkId: string,
  range: DayRange,
  country: string,
): Promise<DayRow[]> {
  const { where, params } = rawVisits(country);
  return manager.query(
    `SELECT DATE_FORMAT(visited_day, '%Y-%m-%d') AS day, COUNT(*) AS visits,
            COUNT(DISTINCT visitor_hash) AS uniqueVisitors
     FROM link_visits WHERE ${where} GROUP BY visited_day`,
    [linkId, range.from, range.to, ...params],
  );
}

export function rawBreakdown(
  manager: EntityManager,
  linkId: string,
  range: DayRange,
  country: string,
): Promise<BreakdownRow[]> {
  const { where, params } = rawVisits(country);
  const cell = (dimension: VisitDimension, value: string) =>
    `SELECT '${dimension}' AS dimension, ${value} AS value, 1 AS visits FROM filtered`;
  const cells = [
    cell('referrer', "COALESCE(referrer_host, '(direct)')"),
    cell('browser', "COALESCE(browser, 'unknown')"),
    cell('os', "COALESCE(os, 'unknown')"),
    cell('device', "COALESCE(device, 'unknown')"),
    cell('bot', "IF(is_bot, 'bot', 'human')"),
    cell('source', "COALESCE(source, 'direct')"),
    cell('country', "COALESCE(country, 'unknown')"),
  ].join(' UNION ALL ');
  return manager.query(
    `WITH filtered AS (SELECT * FROM link_visits WHERE ${where}) ${RANKED(cells)}`,
    [linkId, range.from, range.to, ...params],
  );
}
