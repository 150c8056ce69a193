/** What `GET /api/links/:slug/stats` answers; its schema is the API document's. */
import { z } from 'zod';

const rankedValues = z
  .array(z.strictObject({ name: z.string(), visits: z.int().min(0) }))
  .describe('The top 10, most visits first');

const day = z.iso.date();

export const linkStatsSchema = z.strictObject({
  slug: z.string(),
  from: day,
  to: day,
  country: z.string().optional().describe('The country the stats are filtered by, if any'),
  totalVisits: z.int().min(0),
  uniqueVisitors: z.int().min(0).describe("Sum of each day's unique visitors"),
  daily: z.array(
    z.strictObject({ date: day, visits: z.int().min(0), uniqueVisitors: z.int().min(0) }),
  ),
  referrers: rankedValues,
  browsers: rankedValues,
  operatingSystems: rankedValues,
  devices: rankedValues,
  countries: z
    .array(z.strictObject({ name: z.string(), visits: z.int().min(0) }))
    .describe('ISO 3166-1 alpha-2 codes (or unknown), most visits first, top 50'),
  traffic: z.strictObject({ human: z.int().min(0), bot: z.int().min(0) }),
  sources: z
    .strictObject({ qr: z.int().min(0), direct: z.int().min(0) })
    .describe('QR code scans (the short URL with `?qr=1`) and every other visit'),
  withheld: z
    .int()
    .min(0)
    .describe(
      'Visits sent with Sec-GPC: 1 or DNT: 1: counted in the totals and traffic, in no other list',
    ),
});

export type LinkStats = z.infer<typeof linkStatsSchema>;
export type RankedValue = LinkStats['referrers'][number];
