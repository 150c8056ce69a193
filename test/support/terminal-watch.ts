/**
 * Catches what the test process writes to the terminal for a while, so a suite can prove that
 * nothing (an app's log line, say) reached it.
 */
import fs from 'node:fs';
import { vi } from 'vitest';

const TERMINAL_FDS = new Set([1, 2]);

/**
 * Everything written to stdout or stderr until `stop()`, through the streams or straight to
 * their descriptors (pino's default destination does the latter); other files are written as
 * usual.
 */
export function watchTerminal(): { written: string[]; stop(): void } {
  const written: string[] = [];
  const { write, writeSync } = fs;
  const onStream = (chunk: unknown): boolean => {
    written.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(onStream),
    vi.spyOn(process.stderr, 'write').mockImplementation(onStream),
    vi.spyOn(fs, 'write').mockImplementation(((fd: number, chunk: unknown, ...rest: unknown[]) => {
      if (!TERMINAL_FDS.has(fd)) return (write as (...args: unknown[]) => void)(fd, chunk, ...rest);
      written.push(String(chunk));
      const callback = rest.at(-1);
      if (typeof callback === 'function') callback(null, String(chunk).length);
    }) as typeof fs.write),
    vi.spyOn(fs, 'writeSync').mockImplementation(((
      fd: number,
      chunk: unknown,
      ...rest: unknown[]
    ) => {
      if (!TERMINAL_FDS.has(fd))
        return (writeSync as (...args: unknown[]) => number)(fd, chunk, ...rest);
      written.push(String(chunk));
      return String(chunk).length;
    }) as typeof fs.writeSync),
  ];
  return { written, stop: () => spies.forEach((spy) => spy.mockRestore()) };
}
