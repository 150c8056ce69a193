// CPU time of the server under load, of its OTLP receiver (traced gateways), of the bench (the
// load generator) and of the rest of the machine, read from /proc (Linux only: elsewhere the
// server, receiver and "other" columns are n/a).
import { readFileSync } from 'node:fs';

/** Linux reports process and machine CPU time in clock ticks of 1/100 s (USER_HZ). */
export const CLOCK_TICK_MS = 10;

export interface CpuSample {
  atMs: number;
  serverTicks: number | undefined;
  receiverTicks: number | undefined;
  self: NodeJS.CpuUsage;
  machine: { busy: number; total: number } | undefined;
}

/** CPU use during one load run, in % of one core (the machine has os.cpus().length × 100 %). */
export interface CpuShare {
  server: number | undefined;
  /** Undefined for a server without a receiver. */
  receiver: number | undefined;
  loadGenerator: number;
  rest: number | undefined;
  /** Up to the end of the exports (settled), which the requests of the run caused too. */
  serverUsPerRequest: number | undefined;
  receiverUsPerRequest: number | undefined;
}

export function cpuSample(
  serverPid: number | undefined,
  receiverPid: number | undefined = undefined,
): CpuSample {
  return {
    atMs: performance.now(),
    serverTicks: serverPid === undefined ? undefined : processTicks(serverPid),
    receiverTicks: receiverPid === undefined ? undefined : processTicks(receiverPid),
    self: process.cpuUsage(),
    machine: machineTicks(),
  };
}

/**
 * Shares of one core over the load (`before` to `after`); CPU per request up to `settled`, when
 * the server has sent the last spans of the run (the same sample as `after` without tracing).
 */
export function cpuShare(
  before: CpuSample,
  after: CpuSample,
  settled: CpuSample,
  requests: number,
): CpuShare {
  const wallMs = after.atMs - before.atMs;
  const percent = (cpuMs: number): number => (100 * cpuMs) / wallMs;
  const selfMs =
    (after.self.user - before.self.user + after.self.system - before.self.system) / 1000;
  const serverMs = ticksMs(before.serverTicks, after.serverTicks);
  const receiverMs = ticksMs(before.receiverTicks, after.receiverTicks);
  let rest: number | undefined;
  if (before.machine && after.machine && serverMs !== undefined) {
    const busyMs = (after.machine.busy - before.machine.busy) * CLOCK_TICK_MS;
    rest = Math.max(0, percent(busyMs - serverMs - (receiverMs ?? 0) - selfMs));
  }
  const perRequest = (cpuMs: number | undefined): number | undefined =>
    cpuMs === undefined || requests === 0 ? undefined : (cpuMs * 1000) / requests;
  return {
    server: serverMs === undefined ? undefined : percent(serverMs),
    receiver: receiverMs === undefined ? undefined : percent(receiverMs),
    loadGenerator: percent(selfMs),
    rest,
    serverUsPerRequest: perRequest(ticksMs(before.serverTicks, settled.serverTicks)),
    receiverUsPerRequest: perRequest(ticksMs(before.receiverTicks, settled.receiverTicks)),
  };
}

function ticksMs(before: number | undefined, after: number | undefined): number | undefined {
  return before === undefined || after === undefined ? undefined : (after - before) * CLOCK_TICK_MS;
}

/** utime + stime of a process, from /proc (Linux only; undefined elsewhere). */
export function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

export function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    return { busy: total - idle - iowait, total };
  } catch {
    return undefined;
  }
}
