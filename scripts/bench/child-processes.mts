// The servers under test and the migration run as child processes of the bench: they do not
// share an event loop with the load generator, and their CPU time can be read apart from it.
import { spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { READY_TIMEOUT_MS } from './settings.mts';
import { withTimeout } from './with-timeout.mts';

const STOP_TIMEOUT_MS = 10_000;
const ERROR_LINE = /"level":"(error|fatal)"/;

export interface Child {
  name: string;
  process: ChildProcess;
  /** Last lines the child wrote (stdout and stderr), shown when something goes wrong. */
  output: string[];
  lineCount: number;
  /** Lines at level error or fatal (the apps' JSON logs, the tracing SDK's diagnostics). */
  errorLineCount: number;
  lastErrorLine: string | undefined;
  exited: Promise<void>;
}

const started: Child[] = [];

/** Every child started so far, oldest first, so that the clean-up can stop them. */
export function startedChildren(): readonly Child[] {
  return started;
}

/** A port the OS says is free right now (the gateway binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ChildOptions {
  /** An IPC channel, for the bench's own servers to report their port. */
  ipc?: boolean;
  /** Sees every complete line the child writes (stdout and stderr). */
  onLine?: (line: string) => void;
}

export function startChild(
  childName: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  { ipc = false, onLine }: ChildOptions = {},
): Child {
  const child = spawn(process.execPath, args, {
    env,
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const entry: Child = {
    name: childName,
    process: child,
    output: [],
    lineCount: 0,
    errorLineCount: 0,
    lastErrorLine: undefined,
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
  };
  const record = (line: string): void => {
    if (line.trim() === '') return;
    entry.lineCount++;
    onLine?.(line);
    const shown = line.length > 500 ? `${line.slice(0, 500)}…` : line;
    if (ERROR_LINE.test(line)) {
      entry.errorLineCount++;
      entry.lastErrorLine = shown;
    }
    entry.output.push(shown);
    if (entry.output.length > 40) entry.output.shift();
  };
  // A chunk may end in the middle of a line: its start waits for the next chunk of its stream.
  const linesOf = (stream: NodeJS.ReadableStream | null): void => {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(record);
    });
    stream?.on('end', () => record(partial));
  };
  linesOf(child.stdout);
  linesOf(child.stderr);
  child.on('error', (error) => record(`spawn error: ${error.message}`));
  started.push(entry);
  return entry;
}

export function isRunning(child: Child): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

export function describeExit(child: Child): string {
  const { exitCode, signalCode } = child.process;
  const how = signalCode ? `signal ${signalCode}` : `code ${exitCode}`;
  const tail = child.output.length > 0 ? `\n  ${child.output.join('\n  ')}` : ' (no output)';
  return `${child.name} exited with ${how}; its last output:${tail}`;
}

export function assertRunning(child: Child): void {
  if (!isRunning(child)) throw new Error(describeExit(child));
}

export async function stopChild(child: Child): Promise<void> {
  if (!isRunning(child)) return;
  child.process.kill('SIGTERM');
  try {
    await withTimeout(child.exited, STOP_TIMEOUT_MS, `${child.name} stop`);
  } catch {
    child.process.kill('SIGKILL');
    await withTimeout(child.exited, STOP_TIMEOUT_MS, `${child.name} kill`);
  }
}

export async function waitReady(child: Child, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    assertRunning(child);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${url} not ready within ${READY_TIMEOUT_MS} ms (last: ${last})`);
}
