/**
 * The caller's tags with how many of their live links carry each (`GET /api/tags`). Only the
 * caller's own links count, whatever their role; a read replica answers unless they just wrote.
 */
import type { AuthenticatedUser } from '@beacon/auth';
import { Injectable } from '@nestjs/common';
import { ReadRouter } from '../../read-replicas/read-router.service';
import { writerScope } from '../../read-replicas/read-scope';
import type { TagCount } from './link-tag.schemas';

@Injectable()
export class LinkTagsService {
  constructor(private readonly reads: ReadRouter) {}

  async countsFor(owner: AuthenticatedUser): Promise<TagCount[]> {
    const rows: { name: string; links: string }[] = await this.reads.read(
      writerScope(owner.id),
      (manager) =>
        manager.query(
          `SELECT t.tag AS name, COUNT(*) AS links
           FROM link_tags t JOIN links l ON l.id = t.link_id
           WHERE l.owner_id = ? AND l.deleted_at IS NULL
           GROUP BY t.tag
           ORDER BY t.tag`,
          [owner.id],
        ),
    );
    return rows.map((row) => ({ name: row.name, links: Number(row.links) }));
  }
}
