import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { openSink } from './test-log-sink';

describe('the e2e suites’ app log sink', () => {
  it('writes each line to the file and to the app’s lines, and keeps the last ones for a report', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'app-logs-')), 'nested', 'suite.log');
    const sink = openSink(file);
    const gatewayLines: string[] = [];
    const logger = pino({}, sink.destination(gatewayLines));
    for (let n = 1; n <= 50; n++) logger.error({ n }, 'deliberate failure');

    const written = readFileSync(file, 'utf8').trim().split('\n');
    expect(written).toHaveLength(50);
    expect(gatewayLines).toEqual(written);
    expect(sink.tail()).toEqual(written.slice(-40));
    expect(sink.report()).toContain(`app logs: ${sink.path}, the last 40 lines:`);
    expect(sink.report()).toContain('"n":50');
  });

  it('empties the file of an earlier run', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'app-logs-')), 'suite.log');
    pino({}, openSink(file).destination()).error('from the last run');
    const sink = openSink(file);
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(sink.report()).toBe(`app logs: ${sink.path} (empty)`);
  });
});
