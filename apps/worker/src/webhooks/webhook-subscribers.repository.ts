/**
 * The active webhooks that want an event of a link: those of its owner subscribed to its type.
 * Lookups asked for together (the events of a message are handled at once) go to MySQL as one
 * query (DataLoader), so fanning out a busy link's visits costs a query per message, not one per
 * visit beside the analytics consumer's batches. That query's span and log lines belong to the
 * event whose lookup started the batch.
 */
import type { WebhookEvent } from '@beacon/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';

interface Lookup {
  linkId: string;
  type: WebhookEvent;
}

interface SubscriberRow {
  link_id: string | number;
  id: string | number;
  events: string;
}

/** Lookups per query at most: a full prefetch of messages could otherwise ask for thousands. */
const MAX_LOOKUPS_PER_QUERY = 500;

@Injectable()
export class WebhookSubscribers {
  private readonly lookups = new DataLoader<Lookup, string[]>((lookups) => this.find(lookups), {
    cache: false,
    maxBatchSize: MAX_LOOKUPS_PER_QUERY,
    batchScheduleFn: (run) => setImmediate(run),
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Ids only: the URL and secret are read at delivery time, so a deletion stops deliveries. */
  of(linkId: string, type: WebhookEvent): Promise<string[]> {
    return this.lookups.load({ linkId, type });
  }

  private async find(lookups: readonly Lookup[]): Promise<string[][]> {
    // A deleted link's row stays (soft delete), so link.deleted still finds its owner.
    const rows: SubscriberRow[] = await this.dataSource.query(
      `SELECT l.id AS link_id, w.id, w.events FROM links l JOIN webhooks w ON w.owner_id = l.owner_id
       WHERE l.id IN (?) AND w.disabled_at IS NULL`,
      [[...new Set(lookups.map((lookup) => lookup.linkId))]],
    );
    const byLink = new Map<string, SubscriberRow[]>();
    for (const row of rows) {
      const linkId = String(row.link_id);
      const ofLink = byLink.get(linkId);
      if (ofLink) ofLink.push(row);
      else byLink.set(linkId, [row]);
    }
    return lookups.map(({ linkId, type }) =>
      (byLink.get(linkId) ?? [])
        .filter((row) => row.events.split(',').includes(type))
        .map((row) => String(row.id)),
    );
  }
}
