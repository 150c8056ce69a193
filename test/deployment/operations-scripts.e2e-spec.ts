/**
 * The operator's scripts, run as an operator would (`npm run metrics-token|db:backup|db:restore`
 * are these files), against real apps and the machine's MariaDB.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../support/accounts';
import { startBeacon, type BeaconHarness } from '../support/beacon-harness';
import { runCommand } from '../support/command-line-tool';
import { eventually } from '../support/eventually';
import { request } from '../support/http-client';
import { ROOT } from './deployment-files';

/** A script of scripts/, run as `npm run` runs it. */
const script = (name: string) => join(ROOT, 'scripts', name);

const metricsToken = (...args: string[]) =>
  runCommand(process.execPath, [script('metrics-token.mts'), ...args]);

function envValue(file: string, key: string): string {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith(`${key}=`));
  return line?.slice(key.length + 1) ?? '';
}

/** A gateway started with these accepted tokens; the status /metrics gives each token. */
async function statusesWith(accepted: string, tokens: string[]): Promise<number[]> {
  const beacon = await startBeacon({ env: { METRICS_AUTH_TOKEN: accepted } });
  try {
    return await Promise.all(
      tokens.map(
        async (token) =>
          (
            await fetch(`${beacon.gatewayUrl}/metrics`, {
              headers: { authorization: `Bearer ${token}` },
            })
          ).status,
      ),
    );
  } finally {
    await beacon.stop();
  }
}

describe('npm run metrics-token', () => {
  let directory: string;
  let envFile: string;
  let tokenFile: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'beacon-token-'));
    envFile = join(directory, '.env');
    tokenFile = join(directory, 'secrets/metrics_token');
    writeFileSync(envFile, 'NODE_ENV=production\nMETRICS_AUTH_TOKEN=\n');
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const files = () => ['--env-file', envFile, '--token-file', tokenFile];

  it('explains itself with --help, and refuses unknown commands', () => {
    const help = metricsToken('--help');
    expect(help.status).toBe(0);
    expect(help.output).toMatch(/usage: npm run metrics-token/);
    expect(metricsToken('shuffle').status).toBe(2);
  });

  it('rotates without a refused scrape: both tokens during the window, the new one after', async () => {
    expect(metricsToken('generate', ...files()).status).toBe(0);
    const first = readFileSync(tokenFile, 'utf8').trim();
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(envValue(envFile, 'METRICS_AUTH_TOKEN')).toBe(first);
    expect(envValue(envFile, 'METRICS_SCRAPE_TOKEN')).toBe(first);
    expect(envValue(envFile, 'NODE_ENV'), 'other lines kept').toBe('production');
    expect(metricsToken('generate', ...files()).status, 'generate twice').toBe(2);
    expect(metricsToken('rotate', '--finish', ...files()).status, 'finish first').toBe(2);

    expect(metricsToken('rotate', ...files()).status).toBe(0);
    const [old, fresh] = envValue(envFile, 'METRICS_AUTH_TOKEN').split(',');
    expect(old).toBe(first);
    expect(fresh).not.toBe(first);
    // Scrapers still present the old token until the apps accept the new one.
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(first);
    expect(await statusesWith(envValue(envFile, 'METRICS_AUTH_TOKEN'), [old, fresh])).toEqual([
      200, 200,
    ]);

    expect(metricsToken('rotate', '--finish', ...files()).status).toBe(0);
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(fresh);
    expect(envValue(envFile, 'METRICS_SCRAPE_TOKEN')).toBe(fresh);
    expect(envValue(envFile, 'METRICS_AUTH_TOKEN')).toBe(fresh);
    expect(await statusesWith(envValue(envFile, 'METRICS_AUTH_TOKEN'), [old, fresh])).toEqual([
      401, 200,
    ]);
  }, 60_000);

  it('rotates through the runtime file: the running apps take each step without a restart', async () => {
    const rotation = mkdtempSync(join(tmpdir(), 'beacon-token-runtime-'));
    const runtimeFile = join(rotation, 'runtime.yaml');
    writeFileSync(runtimeFile, '# reloadable settings\nLOG_LEVEL: error\n');
    // Node itself reads an `--env-file` anywhere on its command line: the file must exist.
    writeFileSync(join(rotation, '.env'), '');
    const args = [
      '--env-file',
      join(rotation, '.env'),
      '--token-file',
      join(rotation, 'token'),
      '--runtime-file',
      runtimeFile,
    ];
    expect(metricsToken('generate', ...args).status).toBe(0);
    const beacon = await startBeacon({ env: { RUNTIME_CONFIG_FILE: runtimeFile } });
    const statuses = (tokens: string[]) =>
      Promise.all(
        tokens.map(
          async (token) =>
            (
              await fetch(`${beacon.gatewayUrl}/metrics`, {
                headers: { authorization: `Bearer ${token}` },
              })
            ).status,
        ),
      );
    try {
      const old = envValue(join(rotation, '.env'), 'METRICS_AUTH_TOKEN');
      expect(await statuses([old])).toEqual([200]);
      expect(readFileSync(runtimeFile, 'utf8'), 'other settings kept').toContain(
        'LOG_LEVEL: error',
      );

      expect(metricsToken('rotate', ...args).status).toBe(0);
      const fresh = envValue(join(rotation, '.env'), 'METRICS_AUTH_TOKEN').split(',')[1];
      await eventually(async () => expect(await statuses([old, fresh])).toEqual([200, 200]), {
        timeoutMs: 2_000,
      });

      expect(metricsToken('rotate', '--finish', ...args).status).toBe(0);
      expect(metricsToken('rotate', '--retire', ...args).status).toBe(0);
      await eventually(async () => expect(await statuses([old, fresh])).toEqual([401, 200]), {
        timeoutMs: 2_000,
      });
    } finally {
      await beacon.stop();
      rmSync(rotation, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('npm run db:backup and db:restore', () => {
  let beacon: BeaconHarness;
  let directory: string;
  let databaseEnv: Record<string, string>;
  beforeAll(async () => {
    beacon = await startBeacon();
    directory = mkdtempSync(join(tmpdir(), 'beacon-backup-'));
    const { host, port, user, password, name } = beacon.config.database;
    databaseEnv = {
      DB_HOST: host,
      DB_PORT: String(port),
      DB_USER: user,
      DB_PASSWORD: password,
      DB_NAME: name,
    };
  });
  afterAll(async () => {
    await beacon?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  const counts = async () =>
    beacon.sql<{ users: number; links: number; migrations: number }>(
      `SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM links) AS links,
        (SELECT COUNT(*) FROM migrations) AS migrations`,
    );

  it('explain themselves with --help', () => {
    for (const name of ['db-backup.sh', 'db-restore.sh']) {
      const help = runCommand('bash', [script(name), '--help']);
      expect(help.status, name).toBe(0);
      expect(help.output, name).toMatch(/^usage: npm run db:/);
    }
  });

  it('backs up, and restores the same rows after the database is dropped', async () => {
    for (let i = 0; i < 3; i++) {
      const owner = await signUp(beacon.gatewayUrl);
      const created = await request(`${beacon.gatewayUrl}/api/links`, {
        method: 'POST',
        json: { url: `https://example.com/backup-${i}` },
        headers: owner,
      });
      expect(created.status).toBe(201);
    }
    const before = await counts();
    const stale = join(directory, `${databaseEnv.DB_NAME}-20200101T000000Z.sql.gz`);
    writeFileSync(stale, '');
    utimesSync(stale, new Date('2020-01-01'), new Date('2020-01-01'));

    const backup = runCommand('bash', [script('db-backup.sh'), '--dir', directory], {
      env: databaseEnv,
    });
    expect(backup.status, backup.output).toBe(0);
    const dumps = readdirSync(directory);
    expect(dumps, 'the stale dump is past retention').not.toContain(
      `${databaseEnv.DB_NAME}-20200101T000000Z.sql.gz`,
    );
    expect(dumps).toHaveLength(1);
    expect(dumps[0]).toMatch(new RegExp(`^${databaseEnv.DB_NAME}-\\d{8}T\\d{6}Z\\.sql\\.gz$`));

    await beacon.sql(`DROP DATABASE \`${databaseEnv.DB_NAME}\``);
    const dump = join(directory, dumps[0]);
    const restoreWithout = runCommand('bash', [script('db-restore.sh'), dump], {
      env: databaseEnv,
    });
    expect(restoreWithout.status, 'no --yes').toBe(2);
    const restore = runCommand('bash', [script('db-restore.sh'), dump, '--yes'], {
      env: databaseEnv,
    });
    expect(restore.status, restore.output).toBe(0);
    expect(await counts()).toEqual(before);
    expect(Number(before[0].links)).toBe(3);
  }, 60_000);
});
