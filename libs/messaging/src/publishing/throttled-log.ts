/**
 * Logs a repeated condition (unroutable events, failed sends) once per interval: under load the
 * same warning per message would flood the log. Metrics count every occurrence.
 */
import type { Logger } from '@nestjs/common';

const REPEAT_LOG_INTERVAL_MS = 10_000;

export class ThrottledLog {
  private readonly lastLoggedAt = new Map<string, number>();

  constructor(private readonly logger: Logger) {}

  warn(condition: string, message: () => string): void {
    if (this.due(condition)) this.logger.warn(message());
  }

  private due(condition: string): boolean {
    const now = Date.now();
    if (now - (this.lastLoggedAt.get(condition) ?? -Infinity) < REPEAT_LOG_INTERVAL_MS) {
      return false;
    }
    this.lastLoggedAt.set(condition, now);
    return true;
  }
}
