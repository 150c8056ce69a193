// Whether this machine can hold bench:connections' connections on loopback, read (never
// changed) from /proc: the open-files limit (Node raises its soft limit to the hard one, so the
// hard limit is what counts; the npm script raises it where it may), the ephemeral ports (each
// run's connections go to one server port, so each needs a port of its own) and the accept
// queue (the ramp keeps at most MAX_OPENING connections waiting in it).
import { readFileSync } from 'node:fs';
import { MAX_OPENING } from './open-loop-protocol.mts';

/** Node's default listen backlog, which both servers use. */
const NODE_BACKLOG = 511;
/** Files a Node server needs besides its client sockets (its modules, pipes, the broker…). */
const SPARE_FILES = 256;

/** One line per limit, for the report; throws when one is too low for `connections`. */
export function checkSystemLimits(connections: number): string[] {
  const files = hardOpenFilesLimit();
  const [low, high] = read('net/ipv4/ip_local_port_range').split(/\s+/).map(Number);
  const somaxconn = Number(read('net/core/somaxconn'));
  const backlog = Math.min(NODE_BACKLOG, somaxconn);
  const problems: string[] = [];
  if (files < connections + SPARE_FILES) {
    problems.push(`open files: hard limit ${files}, need ${connections + SPARE_FILES}`);
  }
  if (high - low + 1 < connections) {
    problems.push(`ephemeral ports ${low}-${high}: fewer than ${connections}`);
  }
  if (backlog <= MAX_OPENING) problems.push(`accept backlog ${backlog} ≤ ${MAX_OPENING}`);
  if (problems.length > 0)
    throw new Error(`this machine cannot hold the load: ${problems.join('; ')}`);
  return [
    `open files (hard limit, per process): ${files}`,
    `ephemeral ports: ${low}-${high} (${high - low + 1}), tcp_tw_reuse ${read('net/ipv4/tcp_tw_reuse')}`,
    `accept backlog: min(${NODE_BACKLOG}, somaxconn ${somaxconn}) = ${backlog}, ` +
      `tcp_max_syn_backlog ${read('net/ipv4/tcp_max_syn_backlog')}; ` +
      `the ramp keeps at most ${MAX_OPENING} connections unanswered`,
  ];
}

/**
 * Connections the kernel dropped because an accept queue was full (TcpExt ListenOverflows):
 * for this network namespace, whoever listens, so read before and after a ramp.
 */
export function listenOverflows(): number | undefined {
  try {
    const [names, values] = readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('TcpExt:'))
      .map((line) => line.split(/\s+/));
    const value = values[names.indexOf('ListenOverflows')];
    return value === undefined ? undefined : Number(value);
  } catch {
    return undefined;
  }
}

function read(sysctl: string): string {
  return readFileSync(`/proc/sys/${sysctl}`, 'utf8').trim();
}

function hardOpenFilesLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[4]);
}
