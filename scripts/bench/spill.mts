// `npm run bench:spill`: how many rows per second can the gateway's spill path write into the
// outbox? It measures the built OutboxSpool as the publisher's EventSpiller drives it under
// load: stores of MAX_EVENTS_PER_STORE events (100-event messages), MAX_STORES_IN_FLIGHT at
// once, on its own pool.
//
// Paired with a previous build: BENCH_SPILL_BEFORE=<that checkout's dist/> measures its
// `Outbox.store` in the same rounds, as its publisher drove it: one statement per 100-event
// message, up to 100 in flight (its 10,000-event spill bound) on the app's pool of 10. The two
// alternate within each round, on one throw-away database; the outbox is emptied before each.
// BENCH_SPILL_EVENTS (50,000 a measurement), BENCH_ROUNDS (3).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type * as Config from '../../libs/config/src/index.js';
import type * as Database from '../../libs/database/src/index.js';
import type * as Messaging from '../../libs/messaging/src/index.js';
import type * as Spool from '../../apps/gateway/src/outbox/outbox-spool.service.js';
import type * as SpoolDb from '../../apps/gateway/src/outbox/spool-database.js';
import { log } from './log.mts';
import { printTable } from './report.mts';
import { positiveIntFromEnv } from './settings.mts';
import { median } from './summary.mts';

const distOf = (root: string) => (path: string) => import(new URL(path, root).href);
const dist = distOf(new URL('../../dist/', import.meta.url).href);
const { loadConfig } = (await dist('libs/config/src/index.js')) as typeof Config;
const { createDataSource, dropDatabase, migrateDatabase } = (await dist(
  'libs/database/src/index.js',
)) as typeof Database;
const { createEnvelope, linkVisited, MAX_EVENTS_PER_STORE, MAX_STORES_IN_FLIGHT } = (await dist(
  'libs/messaging/src/index.js',
)) as typeof Messaging;
const { OutboxSpool } = (await dist(
  'apps/gateway/src/outbox/outbox-spool.service.js',
)) as typeof Spool;
const { MysqlSpoolDatabase } = (await dist(
  'apps/gateway/src/outbox/spool-database.js',
)) as typeof SpoolDb;

const EVENTS_PER_MESSAGE = 100;
const events = positiveIntFromEnv('BENCH_SPILL_EVENTS', 50_000);
const rounds = positiveIntFromEnv('BENCH_ROUNDS', 3);
const name = `beacon_spill_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const config = loadConfig('gateway', { ...process.env, JWT_SECRET: 'bench', DB_NAME: name });
const origin = { context: (await import('@opentelemetry/api')).ROOT_CONTEXT, requestId: 'bench' };

type Message = Messaging.EventMessage;
type Store = (messages: Message[]) => Promise<unknown>;

/** Realistic visits: a browser's user agent and a referrer, like the redirect records. */
function messages(): Message[] {
  const all: Message[] = [];
  for (let start = 0; start < events; start += EVENTS_PER_MESSAGE) {
    const envelopes = Array.from({ length: EVENTS_PER_MESSAGE }, (_, i) =>
      createEnvelope(linkVisited, {
        linkId: '1',
        slug: 'bench',
        visitedAt: new Date().toISOString(),
        referrer: `https://news.example.com/story/${start + i}`,
        userAgent:
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
        ipHash: randomBytes(32).toString('hex'),
      }),
    );
    all.push({ type: linkVisited.type, envelopes, ...origin });
  }
  return all;
}

/** Stores `queue` `perStore` messages at a time with at most `inFlight` stores running. */
async function drive(queue: Message[], store: Store, perStore: number, inFlight: number) {
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const chunk = queue.slice(next, next + perStore);
      next += perStore;
      await store(chunk);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

async function measure(label: string, store: Store, perStore: number, inFlight: number) {
  const source = createDataSource(config.database);
  await source.initialize();
  await source.query('TRUNCATE TABLE outbox');
  await source.destroy();
  const queue = messages();
  const started = performance.now();
  const cpu = process.cpuUsage();
  await drive(queue, store, perStore, inFlight);
  const { user, system } = process.cpuUsage(cpu);
  const result = {
    rowsPerS: events / ((performance.now() - started) / 1000),
    cpuUsPerRow: (user + system) / events,
  };
  log(
    `${label}: ${Math.round(result.rowsPerS)} rows/s, ${result.cpuUsPerRow.toFixed(1)} µs CPU/row`,
  );
  return result;
}

/** The previous build's Outbox, built the way its gateway built it (relay and publisher idle). */
async function previousStore(distRoot: string): Promise<{ store: Store; close(): Promise<void> }> {
  // Its libs declare the same metrics again in this process's one registry.
  (await import('prom-client')).register.clear();
  const before = distOf(new URL(`${distRoot.replace(/\/?$/, '/')}`, 'file:///').href);
  const database = (await before('libs/database/src/index.js')) as typeof Database;
  const { Outbox } = await before('apps/gateway/src/outbox/outbox.service.js');
  const source = database.createDataSource(config.database);
  await source.initialize();
  const outbox = new Outbox(source, { wake: () => undefined }, { spillInto: () => undefined });
  const store: Store = (chunk) =>
    outbox.store(chunk[0].type, chunk[0].envelopes, {
      context: origin.context,
      requestId: 'bench',
    });
  return { store, close: () => source.destroy() };
}

async function main(): Promise<void> {
  log(`run ${name}: ${events} events a measurement, ${rounds} rounds`);
  await migrateDatabase(config.database);
  const spoolDatabase = new MysqlSpoolDatabase(config);
  const spool = new OutboxSpool(spoolDatabase, config);
  const beforeDist = process.env.BENCH_SPILL_BEFORE;
  const previous = beforeDist ? await previousStore(beforeDist) : undefined;
  const results: { before?: Measured; now: Measured }[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const now = () =>
        measure(
          'now',
          (chunk) => spool.store(chunk),
          MAX_EVENTS_PER_STORE / EVENTS_PER_MESSAGE,
          MAX_STORES_IN_FLIGHT,
        );
      const then = () => measure('before', previous!.store, 1, EVENTS_PER_MESSAGE);
      // Alternate which goes first, so neither always meets a warmer (or busier) server.
      if (!previous) results.push({ now: await now() });
      else if (round % 2) results.push({ before: await then(), now: await now() });
      else results.push({ now: await now(), before: await then() });
    }
  } finally {
    await spoolDatabase.onApplicationShutdown();
    await previous?.close();
    await dropDatabase(config.database);
  }
  printTable(
    ['round', 'before rows/s', 'now rows/s', 'now ÷ before', 'CPU µs/row before', 'now'],
    results.map(({ before, now }, index) => [
      String(index + 1),
      fmt(before?.rowsPerS),
      fmt(now.rowsPerS),
      before ? (now.rowsPerS / before.rowsPerS).toFixed(2) : '-',
      before ? before.cpuUsPerRow.toFixed(1) : '-',
      now.cpuUsPerRow.toFixed(1),
    ]),
  );
  const medianOf = (pick: (result: (typeof results)[number]) => number | undefined) =>
    previous ? median(results.map((result) => pick(result)!)) : undefined;
  log(
    `median rows/s: before ${fmt(medianOf((r) => r.before?.rowsPerS))}, ` +
      `now ${fmt(median(results.map((r) => r.now.rowsPerS)))}; ` +
      `median now ÷ before ${medianOf((r) => r.now.rowsPerS / r.before!.rowsPerS)?.toFixed(2) ?? '-'}`,
  );
}

type Measured = Awaited<ReturnType<typeof measure>>;
const fmt = (value: number | undefined) =>
  value === undefined ? '-' : Math.round(value).toLocaleString('en-US');

await main();
