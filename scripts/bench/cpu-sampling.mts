// CPU time of the server under load, of the bench (the load generator) and of the rest of the
// machine, read from /proc (Linux only: elsewhere the server and "other" columns are n/a).
import { readFileSync } from 'node:fs';

/** Linux reports process and machine CPU time in clock ticks of 1/100 s (USER_HZ). */
const CLOCK_TICK_MS = 10;

interface CpuSample {
  atMs: number;
  serverTicks: number | undefined;
  self: NodeJS.CpuUsage;
  machine: { busy: number; total: number } | undefined;
}

/** CPU use during one load run, in % of one core (the machine has os.cpus().length × 100 %). */
export interface CpuShare {
  server: number | undefined;
  loadGenerator: number;
  rest: number | undefined;
  serverUsPerRequest: number | undefined;
}

export function cpuSample(serverPid: number | undefined): CpuSample {
  return {
    atMs: performance.now(),
    serverTicks: serverPid === undefined ? undefined : processTicks(serverPid),
    self: process.cpuUsage(),
    machine: machineTicks(),
  };
}

export function cpuShare(before: CpuSample, after: CpuSample, requests: number): CpuShare {
  const wallMs = after.atMs - before.atMs;
  const percent = (cpuMs: number): number => (100 * cpuMs) / wallMs;
  const selfMs =
    (after.self.user - before.self.user + after.self.system - before.self.system) / 1000;
  const serverMs =
    before.serverTicks !== undefined && after.serverTicks !== undefined
      ? (after.serverTicks - before.serverTicks) * CLOCK_TICK_MS
      : undefined;
  let rest: number | undefined;
  if (before.machine && after.machine && serverMs !== undefined) {
    const busyMs = (after.machine.busy - before.machine.busy) * CLOCK_TICK_MS;
    rest = Math.max(0, percent(busyMs - serverMs - selfMs));
  }
  return {
    server: serverMs === undefined ? undefined : percent(serverMs),
    loadGenerator: percent(selfMs),
    rest,
    serverUsPerRequest:
      serverMs === undefined || requests === 0 ? undefined : (serverMs * 1000) / requests,
  };
}

/** utime + stime of a process, from /proc (Linux only; undefined elsewhere). */
function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } | undefined {
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
