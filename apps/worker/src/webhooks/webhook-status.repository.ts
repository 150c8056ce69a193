/**
 * Each delivery's outcome on the webhook's row, for its owner to see: the last success, or the
 * first failure since (`failing_since`) and the last error. A webhook failing for longer than
 * WEBHOOK_DISABLE_AFTER_MS is disabled with the reason, by one conditional UPDATE (concurrent
 * deliveries disable it once).
 */
import { WebhookEntity } from '@beacon/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const MAX_TEXT = 500;

@Injectable()
export class WebhookStatus {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(id: string): Promise<WebhookEntity | null> {
    return this.dataSource.getRepository(WebhookEntity).findOneBy({ id });
  }

  async succeeded(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhooks SET last_delivery_at = NOW(3), failing_since = NULL, last_error = NULL
       WHERE id = ?`,
      [id],
    );
  }

  /** Records the failure; true when it disabled the webhook (failing for `disableAfterMs`). */
  async failed(id: string, error: string, disableAfterMs: number): Promise<boolean> {
    await this.dataSource.query(
      `UPDATE webhooks SET failing_since = COALESCE(failing_since, NOW(3)), last_error = ?
       WHERE id = ?`,
      [error.slice(0, MAX_TEXT), id],
    );
    const reason = `no successful delivery for more than ${describeMs(disableAfterMs)}; last error: ${error}`;
    const result: { affectedRows: number } = await this.dataSource.query(
      `UPDATE webhooks SET disabled_at = NOW(3), disabled_reason = ?
       WHERE id = ? AND disabled_at IS NULL
         AND failing_since <= NOW(3) - INTERVAL ? MICROSECOND`,
      [reason.slice(0, MAX_TEXT), id, disableAfterMs * 1000],
    );
    return result.affectedRows === 1;
  }

  /** Stops deliveries at once, with the reason (a secret that cannot be read any more). */
  async disable(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE webhooks SET disabled_at = NOW(3), disabled_reason = ? WHERE id = ? AND disabled_at IS NULL',
      [reason.slice(0, MAX_TEXT), id],
    );
  }
}

function describeMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}
