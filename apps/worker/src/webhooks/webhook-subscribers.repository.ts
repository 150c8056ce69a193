/** The active webhooks that want an event of a link: those of its owner subscribed to its type. */
import type { WebhookEvent } from '@beacon/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class WebhookSubscribers {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Ids only: the URL and secret are read at delivery time, so a deletion stops deliveries. */
  async of(linkId: string, type: WebhookEvent): Promise<string[]> {
    // A deleted link's row stays (soft delete), so link.deleted still finds its owner.
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT w.id FROM links l JOIN webhooks w ON w.owner_id = l.owner_id
       WHERE l.id = ? AND w.disabled_at IS NULL AND FIND_IN_SET(?, w.events) > 0`,
      [linkId, type],
    );
    return rows.map((row) => String(row.id));
  }
}
