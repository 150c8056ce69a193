/**
 * Dates the API takes are stored in MySQL DATE and DATETIME columns, which hold years 1000 to
 * 9999 only: anything outside is refused as input (400), never left to fail in the database
 * (500). An offset counts: 9999-12-31T23:59:59-14:00 is already year 10000 in UTC.
 */
import { z } from 'zod';

export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

export const STORABLE_YEARS = `must be between the years ${MIN_YEAR} and ${MAX_YEAR} (UTC)`;

export function isStorableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** An ISO 8601 date-time with an offset (`Z` or `±hh:mm`), as a Date within the storable years. */
export const isoDateTimeSchema = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2030-01-01T00:00:00Z' })
  .transform((value) => new Date(value))
  .refine(isStorableDate, { error: STORABLE_YEARS, abort: true });
