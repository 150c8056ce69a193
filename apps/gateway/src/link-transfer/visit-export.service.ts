/**
 * A link's raw visits (the worker's link_visits rows) as CSV records, oldest first, over a range
 * of UTC days; read in keyset chunks along the (link, visited_at) index. The visitor hash stays
 * out: it is there to count unique visitors, not to follow one across a download. A withheld
 * visit (GPC or DNT) has its time and bot flag only: its other cells are empty.
 */
import type { AuthenticatedUser } from '@beacon/auth';
import { Injectable } from '@nestjs/common';
import type { DayRange } from '../analytics/day-range.schemas';
import { addDays } from '../analytics/day-range.schemas';
import { LinksService } from '../links/links.service';
import { ReadRouter } from '../read-replicas/read-router.service';
import { writerScope } from '../read-replicas/read-scope';
import type { CsvRecord } from './csv-stream';
import { keysetChunks } from './keyset-chunks';

export const VISIT_EXPORT_COLUMNS = [
  'visitedAt',
  'referrerHost',
  'browser',
  'os',
  'device',
  'bot',
  'country',
  'withheld',
] as const;

interface VisitExportRow {
  id: string;
  visited_at: Date;
  referrer_host: string | null;
  browser: string | null;
  os: string | null;
  device: string | null;
  is_bot: number;
  country: string | null;
  withheld: number;
}

const VISITS_CHUNK_SQL = `
  SELECT id, visited_at, referrer_host, browser, os, device, is_bot, country, withheld
  FROM link_visits
  WHERE link_id = ? AND visited_at >= ? AND visited_at < ?
    AND (visited_at > ? OR (visited_at = ? AND id > ?))
  ORDER BY visited_at, id
  LIMIT ?`;

@Injectable()
export class VisitExportService {
  constructor(
    private readonly links: LinksService,
    private readonly reads: ReadRouter,
  ) {}

  /** Checks access first (404 for anyone but the owner or an admin), then streams. */
  async records(
    slug: string,
    caller: AuthenticatedUser,
    range: DayRange,
  ): Promise<AsyncGenerator<CsvRecord>> {
    const link = await this.links.getManaged(slug, caller);
    const start = new Date(`${range.from}T00:00:00Z`);
    const end = new Date(`${addDays(range.to, 1)}T00:00:00Z`);
    const chunks = keysetChunks<VisitExportRow>((after, limit) =>
      this.reads.read(writerScope(caller.id), (manager) =>
        manager.query(VISITS_CHUNK_SQL, [
          link.id,
          start,
          end,
          after?.visited_at ?? start,
          after?.visited_at ?? start,
          after?.id ?? '0',
          limit,
        ]),
      ),
    );
    return mapRecords(chunks);
  }
}

async function* mapRecords(rows: AsyncIterable<VisitExportRow>): AsyncGenerator<CsvRecord> {
  for await (const row of rows) {
    yield {
      visitedAt: row.visited_at.toISOString(),
      referrerHost: row.referrer_host,
      browser: row.browser,
      os: row.os,
      device: row.device,
      bot: row.is_bot ? 'true' : 'false',
      country: row.country,
      withheld: row.withheld ? 'true' : 'false',
    };
  }
}
