/**
 * Runs a built app (dist/) as its own Node process, as production does: its own metric
 * registry, its own OpenTelemetry SDK when started with the instrumentation, its own logs.
 * `npm run test:e2e` builds first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { EnvironmentSource } from '@beacon/config';

export type AppName = 'gateway' | 'worker';

export interface AppProcess {
  url: string;
  /** The process id: a suite may read its memory in /proc/<pid>/status. */
  pid: number;
  /** Every line the process wrote to stdout so far. */
  readonly output: string[];
  /** SIGTERM (or `signal`), then SIGKILL after 10 s; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Sends a signal without waiting for anything (SIGHUP: reload the runtime settings). */
  signal(signal: NodeJS.Signals): void;
}

const ROOT = join(__dirname, '..', '..');
const STARTUP_TIMEOUT_MS = 20_000;

export function builtEntry(app: AppName, file = 'main.js'): string {
  const entry = join(ROOT, 'dist', 'apps', app, 'src', file);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return entry;
}

export async function startAppProcess(
  app: AppName,
  env: EnvironmentSource,
  { traced = false } = {},
): Promise<AppProcess> {
  const port = await freePort();
  // As in production: `node --import instrumentation.js main.js` (see package.json's start scripts).
  const preload = traced ? ['--import', builtEntry(app, 'instrumentation.js')] : [];
  const child = spawn(process.execPath, [...preload, builtEntry(app)], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectLines(child);
  const url = `http://127.0.0.1:${port}`;
  const running: AppProcess = {
    url,
    pid: child.pid!,
    output,
    stop: (signal) => stopProcess(child, signal),
    signal: (signal) => void child.kill(signal),
  };
  try {
    await waitUntilLive(url, child, output);
    return running;
  } catch (error) {
    await running.stop();
    throw error;
  }
}

function collectLines(child: ChildProcess): string[] {
  const lines: string[] = [];
  let partial = '';
  const append = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    lines.push(...complete.filter((line) => line.length > 0));
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  return lines;
}

async function waitUntilLive(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`app exited with ${child.exitCode}:\n${output.join('\n')}`);
    }
    const live = await fetch(`${url}/health/live`).catch(() => undefined);
    if (live?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`app at ${url} not live after ${STARTUP_TIMEOUT_MS} ms:\n${output.join('\n')}`);
}

function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    child.kill(signal);
  });
}

/** A port nobody listens on right now (the OS picks it; the app binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
