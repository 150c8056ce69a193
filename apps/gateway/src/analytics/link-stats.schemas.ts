/** `GET /api/links/:slug/stats?from=&to=&country=`: a range of UTC days, optionally one country. */
import { z } from 'zod';
import { dayRangeQuery } from './day-range.schemas';

export const linkStatsQuerySchema = dayRangeQuery({
  country: z
    .string({ error: 'must be one country code' })
    .regex(/^([A-Za-z]{2}|unknown)$/, 'must be an ISO 3166-1 alpha-2 code (e.g. NL) or unknown')
    .transform((code) => (code === 'unknown' ? code : code.toUpperCase()))
    .optional()
    .describe('Only visits from this country (ISO 3166-1 alpha-2), or `unknown`'),
});

export type LinkStatsQuery = z.infer<typeof linkStatsQuerySchema>;
