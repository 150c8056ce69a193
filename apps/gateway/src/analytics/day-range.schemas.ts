/** `?from=&to=` of the analytics endpoints: an inclusive range of UTC days, the last 30 by default. */
import { z } from 'zod';
import { queryParameters } from '../validation/query-parameters';
import { isStorableDate, STORABLE_YEARS } from '../validation/storable-date';

/** About ten years of daily points: a bound on the response size, not on history. */
export const MAX_STATS_RANGE_DAYS = 3660;
const DEFAULT_RANGE_DAYS = 30;
const DAY_MS = 86_400_000;

const utcDay = z
  .string({ error: 'must be a date YYYY-MM-DD (UTC)' })
  // A value that is not YYYY-MM-DD gets that one message, not "is not a valid date" as well.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD (UTC)', abort: true })
  .refine(isCalendarDay, { error: 'is not a valid date', abort: true })
  .refine((day) => isStorableDate(new Date(`${day}T00:00:00Z`)), STORABLE_YEARS);

/** An inclusive range of UTC days. */
export interface DayRange {
  from: string;
  to: string;
}

/** `?from=&to=` plus the endpoint's own parameters (`shape`). */
export function dayRangeQuery<Shape extends z.ZodRawShape>(shape: Shape) {
  return queryParameters({ from: utcDay.optional(), to: utcDay.optional(), ...shape })
    .transform((query) => {
      const given = query as Partial<DayRange>;
      const to = given.to ?? toDay(new Date());
      const from = given.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
      return { ...(query as z.output<z.ZodObject<Shape>>), from, to };
    })
    .refine((range) => range.from <= range.to, { message: 'must not be after to', path: ['from'] })
    .refine((range) => daysBetween(range.from, range.to) < MAX_STATS_RANGE_DAYS, {
      message: `the range must not exceed ${MAX_STATS_RANGE_DAYS} days`,
      path: ['from'],
    });
}

export const dayRangeQuerySchema = dayRangeQuery({});

function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && toDay(date) === value;
}

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return toDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
