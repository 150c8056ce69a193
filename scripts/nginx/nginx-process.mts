/**
 * Debian's nginx running the project's configuration (nginx-config.mts) on a free loopback port,
 * with a temporary prefix of its own (configuration, pid, logs, temp files), for the nginx specs
 * and the scale-out bench. `stop()` ends it gracefully and removes the prefix.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  nginxBinary,
  renderedServer,
  writeNginxConfig,
  type MainOptions,
} from './nginx-config.mts';

export interface NginxOptions extends MainOptions {
  /** The scrape token nginx presents on /metrics. */
  token: string;
  /** host:port of each gateway. */
  gateways: string[];
}

export interface NginxProcess {
  url: string;
  /** The master's pid (its workers are its children). */
  pid: number;
  /** The access log's lines so far. */
  accessLog(): string[];
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;

export async function startNginx({
  token,
  gateways,
  ...main
}: NginxOptions): Promise<NginxProcess> {
  const directory = mkdtempSync(join(tmpdir(), 'beacon-nginx-'));
  const port = await freePort();
  const server = renderedServer({ token, gateways, listenPort: port });
  const config = writeNginxConfig(directory, server, main);
  const child = spawn(nginxBinary(), ['-p', directory, '-c', config, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    // SIGQUIT: nginx's graceful stop (requests in flight finish).
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
    await exited;
    rmSync(directory, { recursive: true, force: true });
  };
  const accessLog = (): string[] =>
    readIfThere(join(directory, 'access.log')).split('\n').filter(Boolean);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(`${url}/nginx-health`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = readIfThere(join(directory, 'error.log'));
      await stop();
      throw new Error(`nginx did not start: ${errors.join('')}${log}`);
    }
    await sleep(50);
  }
  return { url, pid: child.pid!, accessLog, stop };
}

function readIfThere(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

async function answers(url: string): Promise<boolean> {
  const response = await fetch(url).catch(() => undefined);
  return response?.status === 200;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
