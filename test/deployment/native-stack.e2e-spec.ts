import { loadConfig } from '@beacon/config';
import { dropDatabase } from '@beacon/database';
import { connectToFirst, RabbitTopology } from '@beacon/messaging';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/app-process';
import { eventually } from '../support/eventually';
import { ROOT } from './deployment-files';

/** `npm run stack:native` (without its build step: dist/ is built), as a developer runs it. */
describe('npm run stack:native', () => {
  const runId = `beacon_native_${randomBytes(4).toString('hex')}`;
  const env = {
    ...process.env,
    JWT_SECRET: 'native-stack-test-secret-long-enough-for-production',
    DB_NAME: runId,
    AMQP_PREFIX: runId,
    LOG_LEVEL: 'warn',
  };
  let directory: string;
  let stack: ChildProcess;
  let output = '';
  let ports: Record<'gateway' | 'worker' | 'prometheus' | 'alertmanager', number>;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'beacon-native-'));
    ports = {
      gateway: await freePort(),
      worker: await freePort(),
      prometheus: await freePort(),
      alertmanager: await freePort(),
    };
    stack = spawn(
      process.execPath,
      [
        'scripts/native-stack/main.mts',
        '--no-build', // `npm run test:e2e` has built dist/
        ...['--dir', directory],
        ...Object.entries(ports).flatMap(([name, port]) => [`--${name}-port`, String(port)]),
      ],
      // Its own process group: a failed test can stop its children too.
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    stack.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    stack.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  afterAll(async () => {
    await stopGroup(stack);
    const config = loadConfig('gateway', env);
    await dropDatabase(config.database);
    const connection = await connectToFirst(config.rabbitmq.urls);
    await RabbitTopology.of({ ...config.rabbitmq, prefix: runId }).delete(
      await connection.createChannel(),
    );
    await connection.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('starts the apps, Prometheus and Alertmanager, every target up, then stops cleanly', async () => {
    await eventually(() => expect(output, output).toContain('stack:native ready'), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    const targets = await eventually(
      async () => {
        const response = await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/targets`);
        const body = (await response.json()) as {
          data: { activeTargets: { labels: { job: string }; health: string }[] };
        };
        const active = body.data.activeTargets;
        expect(active.length, 'targets discovered').toBe(6);
        expect(active.filter((target) => target.health !== 'up')).toEqual([]);
        return active.map((target) => target.labels.job);
      },
      { timeoutMs: 40_000, intervalMs: 1_000 },
    );
    expect(targets.sort()).toEqual(
      ['alertmanager', 'gateway', 'prometheus', 'rabbitmq', 'rabbitmq-queues', 'worker'].sort(),
    );
    const redirect = await fetch(`http://127.0.0.1:${ports.gateway}/no-such-slug`);
    expect(redirect.status).toBe(404);
    const home = await fetch(`http://127.0.0.1:${ports.gateway}/`, { redirect: 'manual' });
    expect(home.status, 'the gateway serves the console from dist/console').toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");

    const exited = new Promise<number | null>((resolve) => stack.once('exit', resolve));
    stack.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('stack:native stopped');
  }, 120_000);
});

/** SIGTERM to the script (it stops its children), then SIGKILL to the whole group if need be. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000)),
  ]);
  if (!stopped) process.kill(-child.pid!, 'SIGKILL');
}
