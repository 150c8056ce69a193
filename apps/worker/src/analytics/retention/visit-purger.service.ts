/**
 * Keeps raw visits for VISIT_RETENTION_DAYS (0: forever). Every VISIT_PURGE_INTERVAL_MS, and
 * once at start, it deletes the rows of days older than that from link_visits and from
 * link_daily_visitors (the per-day visitor hashes), in batches of PURGE_BATCH rows so that no
 * statement holds locks for long or grows the undo log. The daily rollups are never touched:
 * stats for any range stay what they were. Several workers may purge at once; each batch
 * deletes what is still there.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { counterOf, VISITS_PURGED } from '@beacon/observability';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';

const PURGE_BATCH = 1_000;
const DAY_MS = 86_400_000;

/** Tables of per-visit rows, and the column that says their day. */
const RAW_TABLES = [
  { table: 'link_visits', dayColumn: 'visited_day', counted: true },
  { table: 'link_daily_visitors', dayColumn: 'day', counted: false },
] as const;

@Injectable()
export class VisitPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(VisitPurger.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: BeaconConfig,
  ) {
    counterOf(VISITS_PURGED).inc(0);
  }

  onApplicationBootstrap(): void {
    if (this.config.visits.retentionDays === 0) return;
    const run = () => {
      this.running ??= this.purge()
        .catch((error) => this.logger.error(`purging old visits failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(run, this.config.visits.purgeIntervalMs).unref();
    setImmediate(run);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes the rows of every day before the retention window; answers how many visits went. */
  async purge(now = Date.now()): Promise<number> {
    const cutoff = new Date(now - this.config.visits.retentionDays * DAY_MS)
      .toISOString()
      .slice(0, 10);
    let visits = 0;
    for (const table of RAW_TABLES) {
      const deleted = await this.purgeTable(table, cutoff);
      if (table.counted) visits += deleted;
    }
    if (visits > 0) this.logger.log(`purged ${visits} visits of days before ${cutoff}`);
    return visits;
  }

  private async purgeTable(
    { table, dayColumn, counted }: (typeof RAW_TABLES)[number],
    cutoff: string,
  ): Promise<number> {
    let total = 0;
    while (!this.stopping) {
      const result: { affectedRows: number } = await this.dataSource.query(
        `DELETE FROM ${table} WHERE ${dayColumn} < ? LIMIT ${PURGE_BATCH}`,
        [cutoff],
      );
      total += result.affectedRows;
      if (counted) counterOf(VISITS_PURGED).inc(result.affectedRows);
      if (result.affectedRows < PURGE_BATCH) break;
    }
    return total;
  }
}
