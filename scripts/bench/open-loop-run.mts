// One open-loop load run against a server process (bench:connections): starts the generator
// (open-loop-load.mts, a child process), and samples the server's CPU over the measured window
// and its memory before the load, at the end of the window (every connection still open) and
// at its peak (VmHWM, since the server started), next to the generator's result.
import { assertRunning, describeExit, startChild, stopChild } from './child-processes.mts';
import type { ConnectionsSettings } from './connections-settings.mts';
import { cpuSample, cpuShare, type CpuSample } from './cpu-sampling.mts';
import { log } from './log.mts';
import {
  generatorBudgetS,
  type OpenLoopConfig,
  type OpenLoopMessage,
} from './open-loop-protocol.mts';
import { sumOf, type OpenLoopResult } from './open-loop-tally.mts';
import { memoryMb, type MemoryMb } from './process-memory.mts';
import type { Server } from './servers.mts';
import { OPEN_LOOP_LOAD } from './settings.mts';
import { listenOverflows } from './system-limits.mts';
import { withTimeout } from './with-timeout.mts';

export interface OpenLoopRun {
  name: string;
  result: OpenLoopResult;
  /** % of one core over the measured window, and µs per answer in it. */
  serverCpuPercent: number | undefined;
  serverUsPerRequest: number | undefined;
  /** Every process but the server, the generator and the bench (worker, broker, MySQL…). */
  otherCpuPercent: number | undefined;
  memoryBefore: MemoryMb | undefined;
  memoryAtEnd: MemoryMb | undefined;
  /** After the drain; `peak` is the server's high-water mark since it started. */
  memoryAfter: MemoryMb | undefined;
  /** Accept-queue overflows in the machine's TCP counters during the run (anyone's). */
  listenOverflows: number | undefined;
}

export async function runOpenLoop(
  name: string,
  server: Server,
  slug: string,
  settings: ConnectionsSettings,
): Promise<OpenLoopRun> {
  assertRunning(server.child);
  const pid = server.child.process.pid;
  const config: OpenLoopConfig = {
    port: Number(new URL(server.base).port),
    path: `/${slug}`,
    ...settings,
  };
  log(`${name}: ${settings.connections} connections, ${settings.rate} requests/s`);
  const memoryBefore = memoryMb(pid);
  const overflowsBefore = listenOverflows();
  const generator = startChild(
    `load ${name}`,
    [OPEN_LOOP_LOAD],
    { ...process.env, BENCH_OPEN_LOOP: JSON.stringify(config) },
    { ipc: true },
  );
  const samples: { window?: CpuSample; memoryAtEnd?: MemoryMb; end?: CpuSample } = {};
  const done = new Promise<OpenLoopResult>((resolve, reject) => {
    generator.process.on('message', (message: OpenLoopMessage) => {
      if (message.type === 'measuring') {
        log(`${name}: every connection open, measuring`);
        samples.window = cpuSample(pid);
      }
      if (message.type === 'measured') {
        samples.end = cpuSample(pid);
        samples.memoryAtEnd = memoryMb(pid);
      }
      if (message.type === 'result') resolve(message.result);
      if (message.type === 'error') reject(new Error(`${name}: ${message.message}`));
    });
    void generator.exited.then(() => reject(new Error(`${name}: ${describeExit(generator)}`)));
  });
  try {
    const result = await withTimeout(
      done,
      (generatorBudgetS(settings) + 10) * 1000,
      `${name} load`,
    );
    assertRunning(server.child);
    const overflowsAfter = listenOverflows();
    return {
      ...withCpu(name, result, samples, memoryBefore, memoryMb(pid)),
      listenOverflows:
        overflowsBefore === undefined || overflowsAfter === undefined
          ? undefined
          : overflowsAfter - overflowsBefore,
    };
  } finally {
    await stopChild(generator);
  }
}

function withCpu(
  name: string,
  result: OpenLoopResult,
  { window, end, memoryAtEnd }: { window?: CpuSample; end?: CpuSample; memoryAtEnd?: MemoryMb },
  memoryBefore: MemoryMb | undefined,
  memoryAfter: MemoryMb | undefined,
): Omit<OpenLoopRun, 'listenOverflows'> {
  const cpu =
    window && end ? cpuShare(window, end, end, sumOf(result.measured.statuses)) : undefined;
  return {
    name,
    result,
    serverCpuPercent: cpu?.server,
    serverUsPerRequest: cpu?.serverUsPerRequest,
    otherCpuPercent:
      cpu?.rest === undefined ? undefined : Math.max(0, cpu.rest - result.generatorCpuPercent),
    memoryBefore,
    memoryAtEnd,
    memoryAfter,
  };
}
