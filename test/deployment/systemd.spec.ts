/**
 * Static checks of the systemd units in docker/systemd/ (no systemd in CI): they start the
 * entry points the build produces, as compose does, unprivileged, with time to drain.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { environmentSchema } from '../../libs/config/src/environment.schema';
import { commandOf, distPathOf, preloadsOf, readText } from './deployment-files';

const UNITS = readdirSync(`${__dirname}/../../docker/systemd`).filter((file) =>
  file.endsWith('.service'),
);

function directives(unit: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const line of readText(`docker/systemd/${unit}`).split('\n')) {
    const match = /^(\w+)=(.*)$/.exec(line.trim());
    if (match) found.set(match[1], [...(found.get(match[1]) ?? []), match[2]]);
  }
  return found;
}

const execStart = (unit: string) =>
  (directives(unit).get('ExecStart')?.[0] ?? '').split(/\s+/).slice(1);

describe('docker/systemd', () => {
  it('has a unit for the migrations, the gateway and the workers', () => {
    expect(UNITS.sort()).toEqual([
      'beacon-gateway.service',
      'beacon-migrate.service',
      'beacon-worker@.service',
    ]);
  });

  it('starts the same entry points as the containers, instrumentation first', () => {
    expect(distPathOf(execStart('beacon-migrate.service'))).toBe(distPathOf(commandOf('migrate')));
    for (const [unit, app] of [
      ['beacon-gateway.service', 'gateway'],
      ['beacon-worker@.service', 'worker'],
    ] as const) {
      expect(distPathOf(execStart(unit)), unit).toBe(distPathOf(commandOf(app)));
      expect(preloadsOf(execStart(unit)), unit).toEqual(preloadsOf(commandOf(app)));
    }
  });

  it('runs unprivileged with the environment file, and lets the apps drain', () => {
    const drainMs = environmentSchema.shape.SHUTDOWN_TIMEOUT_MS.parse(undefined);
    for (const unit of UNITS) {
      const found = directives(unit);
      expect(found.get('User')?.[0], unit).toBe('beacon');
      expect(found.get('EnvironmentFile')?.[0], unit).toBe('/etc/beacon/beacon.env');
      expect(found.get('NoNewPrivileges')?.[0], unit).toBe('true');
      if (unit === 'beacon-migrate.service') continue;
      expect(Number(found.get('TimeoutStopSec')?.[0]) * 1000, unit).toBeGreaterThan(drainMs);
      expect(found.get('Wants')?.[0], unit).toContain('beacon-migrate.service');
    }
  });
});
