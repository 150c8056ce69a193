// CPU time of named groups of processes during a load run (the scale-out part: each gateway,
// nginx's master and its workers), beside the bench itself (the load generator) and the rest of
// the machine, in % of one core. Linux only: read from /proc, like cpu-sampling.mts.
import { readFileSync } from 'node:fs';
import { CLOCK_TICK_MS, machineTicks, processTicks } from './cpu-sampling.mts';

export interface GroupSample {
  atMs: number;
  /** Ticks by group name, summed over its processes. */
  groups: Map<string, number>;
  self: NodeJS.CpuUsage;
  machineBusy: number | undefined;
}

/** CPU % of one core by group name, plus `bench` and `other`, over the interval. */
export type GroupShares = Map<string, number>;

/** A process and the children it has now (nginx's workers are its master's children). */
export function withChildren(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return [pid, ...children.split(' ').filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

export function sampleGroups(groups: Map<string, number[]>): GroupSample {
  const ticks = new Map<string, number>();
  for (const [name, pids] of groups) {
    ticks.set(
      name,
      pids.reduce((sum, pid) => sum + (processTicks(pid) ?? 0), 0),
    );
  }
  return {
    atMs: performance.now(),
    groups: ticks,
    self: process.cpuUsage(),
    machineBusy: machineTicks()?.busy,
  };
}

export function groupShares(before: GroupSample, after: GroupSample): GroupShares {
  const percent = (cpuMs: number): number => (100 * cpuMs) / (after.atMs - before.atMs);
  const shares: GroupShares = new Map();
  let accountedMs = 0;
  for (const [name, ticks] of after.groups) {
    const cpuMs = (ticks - (before.groups.get(name) ?? 0)) * CLOCK_TICK_MS;
    shares.set(name, percent(cpuMs));
    accountedMs += cpuMs;
  }
  const selfMs =
    (after.self.user - before.self.user + after.self.system - before.self.system) / 1000;
  shares.set('bench', percent(selfMs));
  if (before.machineBusy !== undefined && after.machineBusy !== undefined) {
    const busyMs = (after.machineBusy - before.machineBusy) * CLOCK_TICK_MS;
    shares.set('other', Math.max(0, percent(busyMs - accountedMs - selfMs)));
  }
  return shares;
}
