import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../beacon-config';
import type { BeaconConfig } from '../config-sections';
import { ConfigReloader, type ConfigReload } from './config-reloader';

describe('ConfigReloader', () => {
  let directory: string;
  let file: string;
  let config: BeaconConfig;
  let reloader: ConfigReloader;
  let reloads: ConfigReload[];

  // The failures below are deliberate: their error lines would only look like trouble.
  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'beacon-runtime-'));
    file = join(directory, 'runtime.yaml');
    writeFileSync(file, 'RATE_LIMIT_MAX: 50\n');
    config = loadConfig('gateway', {
      JWT_SECRET: 'a-development-secret',
      RATE_LIMIT_MAX: '300',
      LOG_LEVEL: 'warn',
      RUNTIME_CONFIG_FILE: file,
    });
    reloader = new ConfigReloader(config);
    reloads = [];
    reloader.onReload((reload) => reloads.push(reload));
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('starts with the file over the environment', () => {
    expect(config.rateLimit.api.max).toBe(50);
    expect(config.log.level).toBe('warn');
  });

  it('applies a changed file in place: sections keep their identity', () => {
    const rateLimit = config.rateLimit;
    const hashBefore = reloader.hashInForce;
    writeFileSync(
      file,
      'RATE_LIMIT_MAX: 7\nLOG_LEVEL: debug\nALLOWED_ORIGINS: [https://a.example]',
    );
    reloader.reload('SIGHUP');
    expect(rateLimit.api.max).toBe(7);
    // The burst follows the max it defaults to.
    expect(rateLimit.api.burst).toBe(7);
    expect(config.rateLimit).toBe(rateLimit);
    expect(config.log.level).toBe('debug');
    expect(config.http.allowedOrigins).toEqual(['https://a.example']);
    expect(reloads).toEqual([{ result: 'success', hash: reloader.hashInForce }]);
    expect(reloader.hashInForce).not.toBe(hashBefore);
  });

  it('falls back to the environment for a key removed from the file', () => {
    writeFileSync(file, '');
    reloader.reload('SIGHUP');
    expect(config.rateLimit.api.max).toBe(300);
  });

  it('takes a missing file as no settings, and reads it once it appears', () => {
    rmSync(file);
    reloader.reload('change');
    expect(config.rateLimit.api.max).toBe(300);
    writeFileSync(file, 'RATE_LIMIT_MAX: 8\n');
    reloader.reload('change');
    expect(config.rateLimit.api.max).toBe(8);
    expect(reloads.map(({ result }) => result)).toEqual(['success', 'success']);
  });

  it('changes nothing on an invalid value, and reports a failure', () => {
    const hashBefore = reloader.hashInForce;
    writeFileSync(file, 'RATE_LIMIT_MAX: 9\nLOG_LEVEL: loud\n');
    reloader.reload('change');
    expect(config.rateLimit.api.max).toBe(50);
    expect(config.log.level).toBe('warn');
    expect(reloads).toEqual([{ result: 'failure', hash: hashBefore }]);
  });

  it('changes nothing when the file names a variable that needs a restart', () => {
    writeFileSync(file, 'RATE_LIMIT_MAX: 9\nDB_HOST: elsewhere\n');
    reloader.reload('change');
    expect(config.rateLimit.api.max).toBe(50);
    expect(config.database.host).toBe('127.0.0.1');
    expect(reloads.map(({ result }) => result)).toEqual(['failure']);
  });

  it('applies the production rules to the file too', () => {
    const production = loadConfig('gateway', {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      METRICS_AUTH_TOKEN: 'm'.repeat(40),
      RUNTIME_CONFIG_FILE: file,
    });
    const productionReloader = new ConfigReloader(production);
    productionReloader.onReload((reload) => reloads.push(reload));
    writeFileSync(file, 'METRICS_AUTH_TOKEN: short\n');
    productionReloader.reload('SIGHUP');
    expect(production.metrics.authTokens).toEqual(['m'.repeat(40)]);
    expect(reloads.map(({ result }) => result)).toEqual(['failure']);
  });
});
