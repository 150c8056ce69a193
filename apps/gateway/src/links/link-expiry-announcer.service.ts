/**
 * Publishes `link.expired` once per link: the first redirect that finds a link past its expiry
 * or out of visits sets `expiry_announced_at` with a conditional UPDATE, and only the replica
 * whose UPDATE changed the row adds the event, in the same transaction (the outbox). The cached
 * link remembers it, so later 410s cost nothing. A failure here is logged and never changes the
 * visitor's 410: a later visit tries again.
 */
import { linkExpired, type EventData } from '@beacon/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { DatabaseBreaker } from '../database-breaker/database-breaker.service';
import { Outbox } from '../outbox/outbox.service';
import type { CachedLink } from './link-cache.service';

type ExpiryReason = EventData<typeof linkExpired>['reason'];

@Injectable()
export class LinkExpiryAnnouncer {
  private readonly logger = new Logger(LinkExpiryAnnouncer.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly database: DatabaseBreaker,
  ) {}

  async announce(link: CachedLink, reason: ExpiryReason): Promise<void> {
    if (link.expiryAnnounced) return;
    try {
      await this.database.run(() =>
        this.outbox.transaction(async (manager, events) => {
          const result: { affectedRows: number } = await manager.query(
            `UPDATE links SET expiry_announced_at = NOW(3)
             WHERE id = ? AND expiry_announced_at IS NULL AND deleted_at IS NULL`,
            [link.id],
          );
          if (result.affectedRows === 1) {
            events.add(linkExpired, { linkId: link.id, slug: link.slug, reason });
          }
        }),
      );
      link.expiryAnnounced = true;
    } catch (error) {
      this.logger.warn(`cannot announce that ${link.slug} expired: ${(error as Error).message}`);
    }
  }
}
