// Clean-up: what a part registered (nginx), children, RabbitMQ topology, database. It runs once
// (at the end, or on a signal or the time budget, whichever comes first) and bounds every step
// in time.
import type { BeaconConfig, DatabaseConfig } from '../../libs/config/src/index.js';
import { connectToFirst, dropDatabase, RabbitTopology } from './built-libs.mts';
import { isRunning, startedChildren, stopChild } from './child-processes.mts';
import { log, logError } from './log.mts';
import { withTimeout } from './with-timeout.mts';

const CLEANUP_STEP_TIMEOUT_MS = 15_000;

type RabbitConfig = BeaconConfig['rabbitmq'];

// Registered just before they are created: a run that fails half-way leaves them half made.
const created: { databases: DatabaseConfig[]; topologies: RabbitConfig[] } = {
  databases: [],
  topologies: [],
};
/** Whatever else a part of the bench started (nginx), stopped before the children. */
const extraSteps: { what: string; action: () => Promise<void> }[] = [];
let cleanupPromise: Promise<boolean> | undefined;

export function dropDatabaseOnCleanup(database: DatabaseConfig): void {
  created.databases.push(database);
}

export function deleteTopologyOnCleanup(topology: RabbitConfig): void {
  created.topologies.push(topology);
}

export function onCleanup(what: string, action: () => Promise<void>): void {
  extraSteps.push({ what, action });
}

/** Resolves to false if any step failed (each failure is reported as it happens). */
export function cleanup(): Promise<boolean> {
  cleanupPromise ??= runCleanup();
  return cleanupPromise;
}

async function runCleanup(): Promise<boolean> {
  let ok = true;
  const step = async (what: string, action: () => Promise<void>): Promise<void> => {
    try {
      await withTimeout(action(), CLEANUP_STEP_TIMEOUT_MS, what);
      log(`clean-up: ${what}: done`);
    } catch (error) {
      ok = false;
      logError(`clean-up: ${what} FAILED: ${(error as Error).message}`);
    }
  };
  for (const { what, action } of [...extraSteps].reverse()) await step(what, action);
  for (const child of [...startedChildren()].reverse()) {
    if (isRunning(child)) await step(`stop ${child.name}`, () => stopChild(child));
  }
  for (const topology of created.topologies) {
    await step(`delete RabbitMQ queues and exchanges ${topology.prefix}.*`, () =>
      deleteTopology(topology),
    );
  }
  for (const database of created.databases) {
    await step(`drop database ${database.name}`, () => dropDatabase(database));
  }
  return ok;
}

async function deleteTopology(rabbit: RabbitConfig): Promise<void> {
  const connection = await connectToFirst(rabbit.urls, { timeout: 5_000 });
  // A failed deletion closes the channel with an error; it surfaces as the rejected promise,
  // and an unhandled 'error' event must not crash the bench in the middle of its clean-up.
  connection.on('error', () => {});
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => {});
    await RabbitTopology.of(rabbit).delete(channel);
  } finally {
    await connection.close();
  }
}
