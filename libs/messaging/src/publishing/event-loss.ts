/**
 * Counts and reports events lost before they reached the broker or a spool
 * (`events_dropped_total{type}`, exported at 0 from the start so an alert on any increase has a
 * series to watch). The first loss of a kind is logged at once; later ones are added up and
 * logged with their total once per interval, so a burst reads "lost 28,000 events", not
 * "lost 1 event" three times.
 */
import { Counted, EVENTS_DROPPED, zeroCounter, type CallOutcome } from '@beacon/observability';
import { Logger } from '@nestjs/common';
import { EVENT_TYPES } from '../events/event-catalog';

export const LOSS_REPORT_INTERVAL_MS = 10_000;

interface Unreported {
  type: string;
  reason: string;
  count: number;
}

export class EventLoss {
  private readonly logger = new Logger('EventPublisher');
  private readonly unreported = new Map<string, Unreported>();
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    for (const type of EVENT_TYPES) zeroCounter(EVENTS_DROPPED, { type });
  }

  @Counted(EVENTS_DROPPED, {
    labels: ({ args: [type] }: CallOutcome<[string, number, string]>) => ({ type }),
    amount: ({ args: [, count] }) => count,
  })
  count(type: string, count: number, reason: string): void {
    if (this.timer) {
      const key = `${type}\n${reason}`;
      const entry = this.unreported.get(key) ?? { type, reason, count: 0 };
      entry.count += count;
      this.unreported.set(key, entry);
      return;
    }
    this.logger.error(`lost ${count} ${type} events: ${reason}`);
    this.startInterval();
  }

  /** Logs the losses not logged yet (at the interval's end, and at shutdown). */
  report(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.unreported.size === 0) return;
    for (const { type, reason, count } of this.unreported.values()) {
      this.logger.error(`lost ${count} more ${type} events: ${reason}`);
    }
    this.unreported.clear();
    this.startInterval();
  }

  private startInterval(): void {
    this.timer = setTimeout(() => this.report(), LOSS_REPORT_INTERVAL_MS);
    this.timer.unref();
  }
}
