/**
 * The caller's links as CSV records, newest first, with their total visits from the daily
 * rollups; read in keyset chunks along the (owner, created) index.
 */
import type { AuthenticatedUser } from '@beacon/auth';
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable } from '@nestjs/common';
import { ReadRouter } from '../read-replicas/read-router.service';
import { writerScope } from '../read-replicas/read-scope';
import type { CsvRecord } from './csv-stream';
import { keysetChunks } from './keyset-chunks';

export const LINK_EXPORT_COLUMNS = [
  'slug',
  'url',
  'shortUrl',
  'createdAt',
  'expiresAt',
  'maxVisits',
  'visits',
  'tags',
] as const;

interface LinkExportRow {
  id: string;
  slug: string;
  target_url: string;
  created_at: Date;
  expires_at: Date | null;
  max_visits: number | null;
  visits: string;
  tags: string | null;
}

const LINKS_CHUNK_SQL = `
  SELECT l.id, l.slug, l.target_url, l.created_at, l.expires_at, l.max_visits,
         COALESCE((SELECT SUM(d.visits) FROM link_daily_stats d WHERE d.link_id = l.id), 0) AS visits,
         (SELECT GROUP_CONCAT(t.tag ORDER BY t.tag SEPARATOR '|') FROM link_tags t
           WHERE t.link_id = l.id) AS tags
  FROM links l
  WHERE l.owner_id = ? AND l.deleted_at IS NULL
    AND (? IS NULL OR l.created_at < ? OR (l.created_at = ? AND l.id < ?))
  ORDER BY l.created_at DESC, l.id DESC
  LIMIT ?`;

@Injectable()
export class LinkExportService {
  constructor(
    private readonly reads: ReadRouter,
    @InjectConfig() private readonly config: BeaconConfig,
  ) {}

  async *records(owner: AuthenticatedUser): AsyncGenerator<CsvRecord> {
    const chunks = keysetChunks<LinkExportRow>((after, limit) =>
      this.reads.read(writerScope(owner.id), (manager) =>
        manager.query(LINKS_CHUNK_SQL, [
          owner.id,
          after?.created_at ?? null,
          after?.created_at ?? null,
          after?.created_at ?? null,
          after?.id ?? null,
          limit,
        ]),
      ),
    );
    for await (const row of chunks) yield this.record(row);
  }

  private record(row: LinkExportRow): CsvRecord {
    return {
      slug: row.slug,
      url: row.target_url,
      shortUrl: `${this.config.http.publicBaseUrl}/${row.slug}`,
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at?.toISOString() ?? null,
      maxVisits: row.max_visits === null ? null : String(row.max_visits),
      visits: String(row.visits),
      tags: row.tags ?? '',
    };
  }
}
