/**
 * Setup of every e2e suite file: a failed test prints where its suite's app logs are, with their
 * last lines. A passing run prints none of them: they hold the errors that the failure suites
 * provoke on purpose (test-log-sink.ts).
 */
import { beforeEach } from 'vitest';
import { openedAppLogSink } from './test-log-sink';

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    const sink = openedAppLogSink();
    if (sink) console.log(sink.report());
  });
});
