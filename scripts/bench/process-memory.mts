// A process's resident memory, from /proc/<pid>/status (Linux only): what it holds now (VmRSS)
// and the most it ever held (VmHWM, the high-water mark, which catches a peak between samples).
import { readFileSync } from 'node:fs';

export interface MemoryMb {
  rss: number;
  peak: number;
}

export function memoryMb(pid: number | undefined): MemoryMb | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}
