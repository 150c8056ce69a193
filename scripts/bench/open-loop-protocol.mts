// What the bench and its open-loop load generator (open-loop-load.mts) tell each other: the
// run's settings (JSON in BENCH_OPEN_LOOP), the messages it sends back over IPC, and the bounds
// both sides hold it to.
import type { OpenLoopResult } from './open-loop-tally.mts';

export interface OpenLoopConfig {
  port: number;
  path: string;
  connections: number;
  rate: number;
  rampS: number;
  warmupS: number;
  durationS: number;
}

export type OpenLoopMessage =
  | { type: 'measuring' | 'measured' }
  | { type: 'result'; result: OpenLoopResult }
  | { type: 'error'; message: string };

/**
 * Connections opened and not yet answered at once, during the ramp: each may wait in the
 * server's accept queue (Node's backlog is 511, capped by net.core.somaxconn).
 */
export const MAX_OPENING = 128;

/** After the last due time, outstanding requests get this long to be answered. */
export const DRAIN_S = 30;

/** A ramp slower than this fails: the server cannot take the connections. */
export const rampTimeoutS = (rampS: number): number => 3 * rampS + 30;

/** How long the generator may run at most; it exits by itself then. */
export const generatorBudgetS = (config: Omit<OpenLoopConfig, 'port' | 'path'>): number =>
  rampTimeoutS(config.rampS) + config.warmupS + config.durationS + DRAIN_S + 10;
