/**
 * Nest's own logger in the test runs. `new Logger(context)` writes through it wherever no app's
 * logger has taken over: unit specs, and code that runs before an app exists. Its lines go to
 * the suite's log file (test-log-sink.ts) as JSON like the apps', not to the terminal in Nest's
 * coloured format, where the errors that specs provoke on purpose would read like real ones.
 */
import type { LogDestination } from '@beacon/observability';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { appLogSink } from './test-log-sink';

export class NestLogSink implements LoggerService {
  private destination?: LogDestination;

  log = (message: unknown, ...params: unknown[]) => this.line('log', message, params);
  error = (message: unknown, ...params: unknown[]) => this.line('error', message, params);
  warn = (message: unknown, ...params: unknown[]) => this.line('warn', message, params);
  debug = (message: unknown, ...params: unknown[]) => this.line('debug', message, params);
  verbose = (message: unknown, ...params: unknown[]) => this.line('verbose', message, params);
  fatal = (message: unknown, ...params: unknown[]) => this.line('fatal', message, params);

  /** Nest passes a Logger's context last; an error's stack, when given, comes before it. */
  private line(level: LogLevel, message: unknown, params: unknown[]): void {
    const context = params.length > 0 ? params.at(-1) : undefined;
    const details = params.slice(0, -1).filter((param) => param !== undefined);
    // Opened on first use: the sink is named after the suite file running at that moment.
    this.destination ??= appLogSink().destination();
    this.destination.write(
      `${JSON.stringify({
        level,
        time: new Date().toISOString(),
        context,
        msg: message instanceof Error ? (message.stack ?? message.message) : message,
        ...(details.length > 0 && { details }),
      })}\n`,
    );
  }
}
