/**
 * How full the outbox is, as the spool sees it without a query on the way of each store: the
 * last estimate read (outbox-size.ts), refreshed in the background at most once per
 * REFRESH_INTERVAL_MS, plus what this replica stored since. Under load every round trip waits
 * for the event loop (200-500 ms each with 10,000 connections), so a check before each insert
 * halved the spool's rate. The relay's deletes and other replicas' rows show at the next
 * refresh, so the bound may be passed by about a second of spilling.
 */
import { OUTBOX_SIZE_SQL, outboxSizeOf } from './outbox-size';
import type { SpoolDatabase } from './spool-database';

export const REFRESH_INTERVAL_MS = 1_000;

export class SpoolCapacity {
  private estimate = 0;
  private refreshedAt = -Infinity;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly database: SpoolDatabase,
    readonly maxEvents: number,
  ) {}

  /** Whether `rows` more fit; an old estimate is refreshed for the next call. */
  admits(rows: number): boolean {
    if (Date.now() - this.refreshedAt >= REFRESH_INTERVAL_MS) void this.refresh();
    return this.estimate + rows <= this.maxEvents;
  }

  stored(rows: number): void {
    this.estimate += rows;
  }

  /** A failed read keeps the last estimate: the next store tries again. */
  refresh(): Promise<void> {
    this.refreshing ??= this.database
      .query<{ size: string }[]>(OUTBOX_SIZE_SQL)
      .then(
        (rows) => {
          this.estimate = outboxSizeOf(rows);
          this.refreshedAt = Date.now();
        },
        () => undefined,
      )
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }
}
