/**
 * In-process apps log into their suite's file under .vitest/app-logs/, never the terminal: a
 * passing run shows none of the errors that the failure suites provoke on purpose.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { watchTerminal } from './support/terminal-watch';
import { appLogSink } from './support/test-log-sink';

describe('the logs of in-process apps', () => {
  let beacon: BeaconHarness;

  beforeAll(async () => {
    beacon = await startBeacon();
  });

  afterAll(() => beacon?.stop());

  it('go to the suite’s log file, not to the terminal, errors included', async () => {
    // A server error: the gateway logs it at error level, the level the suites run at.
    await beacon.sql('RENAME TABLE links TO links_gone');
    const terminal = watchTerminal();
    try {
      const response = await fetch(`${beacon.gatewayUrl}/no-such-table`, { redirect: 'manual' });
      expect(response.status).toBeGreaterThanOrEqual(500);
      await eventually(() =>
        expect([...terminal.written, ...beacon.output.gateway].join('')).toContain(
          '"level":"error"',
        ),
      );
    } finally {
      terminal.stop();
    }
    expect(terminal.written).toEqual([]);
    const errors = beacon.output.gateway.filter((line) => line.includes('"level":"error"'));
    expect(errors.length).toBeGreaterThan(0);
    const file = readFileSync(appLogSink().path, 'utf8');
    for (const line of errors) expect(file).toContain(line);
  });
});
