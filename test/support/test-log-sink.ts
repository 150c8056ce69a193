/**
 * Where the in-process apps of an e2e suite write their logs: one file per suite file under
 * .vitest/app-logs/ (git-ignored), not the terminal, where the errors that the failure suites
 * provoke on purpose (a broker or a database taken away, bad input) would read like real ones.
 * Nest's own logger writes there too (nest-log-sink.ts), in unit specs as well. A failing test
 * prints the file's path and its last lines (test-log.setup.ts).
 */
import type { LogDestination } from '@beacon/observability';
import { mkdirSync, openSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

const ROOT = join(__dirname, '..', '..');
export const APP_LOG_DIR = join(ROOT, '.vitest', 'app-logs');

/** Lines kept in memory for the report of a failed test. */
const TAIL_LINES = 40;

export interface AppLogSink {
  /** The file, relative to the repository (what a reader of the test output opens). */
  readonly path: string;
  /** A destination for one app: each line goes to the file, and into `lines` if given. */
  destination(lines?: string[]): LogDestination;
  /** The last lines written, oldest first. */
  tail(): string[];
  /** The path and the last lines, for the output of a failed test or a failed start. */
  report(): string;
}

let opened: AppLogSink | undefined;

/**
 * The sink of the running suite file, opened (and emptied) on first use. Vitest runs each file
 * in its own module graph, so every file starts a file of its own.
 */
export function appLogSink(): AppLogSink {
  opened ??= openSink(join(APP_LOG_DIR, `${suiteName()}.log`));
  return opened;
}

/** The running suite file's sink if one of its apps logged anywhere yet. */
export function openedAppLogSink(): AppLogSink | undefined {
  return opened;
}

export function openSink(file: string): AppLogSink {
  mkdirSync(join(file, '..'), { recursive: true });
  // Left open: this module, and so the sink, lives as long as one suite file's run.
  const fd = openSync(file, 'w');
  const path = relative(process.cwd(), file);
  const tail: string[] = [];
  const sink: AppLogSink = {
    path,
    destination: (lines) => ({
      write(chunk: string) {
        // Synchronous: a line is in the file before the test that provoked it reads it, and
        // none is lost when a suite stops an app or the run is cut short.
        writeSync(fd, chunk);
        for (const line of chunk.split('\n').filter(Boolean)) {
          lines?.push(line);
          tail.push(line);
        }
        tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
      },
    }),
    tail: () => [...tail],
    report: () =>
      tail.length === 0
        ? `app logs: ${path} (empty)`
        : `app logs: ${path}, the last ${tail.length} lines:\n${tail.join('\n')}`,
  };
  return sink;
}

/** The suite file's path in the repository (unique, unlike its name), without `.ts`. */
function suiteName(): string {
  const testPath = expect.getState().testPath;
  return testPath ? relative(ROOT, testPath).replace(/\.ts$/, '') : 'outside-a-suite';
}
