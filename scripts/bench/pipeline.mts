// `npm run bench:pipeline`: how fast do visits go from the gateway's publisher through RabbitMQ
// and the worker into MySQL, next to the broker alone?
//
// Each round, on one throw-away database and AMQP prefix:
// 1. bare broker: the same messages (BENCH_PIPELINE_EVENTS link.visited envelopes, 100 a
//    message, as the publisher packs them) published with confirms to a quorum queue of their
//    own and consumed with acks by bare amqplib: the broker's round trip, the ceiling;
// 2. pipeline: the same number of visits handed to the gateway's EventPublisher (built, in this
//    process), consumed by the built worker (its own process, production mode), until MySQL's
//    daily rollup counts them all.
// It prints events/s of both per round, their ratio (target ≥ 0.30) and the worker's batch
// sizes (from its debug lines), then drops the database and deletes the queues and exchanges.
// BENCH_PIPELINE_EVENTS (9000: the publisher buffers at most 10,000) and BENCH_ROUNDS (3).
import 'reflect-metadata';
import amqp from 'amqplib';
import { createConnection } from 'mysql2/promise';
import { randomBytes, createHash } from 'node:crypto';
import type * as Messaging from '../../libs/messaging/src/index.js';
import { cleanup } from './cleanup.mts';
import { log, logError } from './log.mts';
import { fixed, printTable } from './report.mts';
import { migrateDatabase, runConfig, startWorker } from './servers.mts';
import { positiveIntFromEnv } from './settings.mts';
import { median } from './summary.mts';

const { EventPublisher, RabbitConnection, createEnvelope, encodeEnvelopes, linkVisited } =
  (await import(
    new URL('../../dist/libs/messaging/src/index.js', import.meta.url).href
  )) as typeof Messaging;

const TARGET_RATIO = 0.3;
const EVENTS_PER_MESSAGE = 100;
const STORED_LINE = /stored (\d+) new of (\d+)/;

const events = positiveIntFromEnv('BENCH_PIPELINE_EVENTS', 9_000);
const rounds = positiveIntFromEnv('BENCH_ROUNDS', 3);
const name = `beacon_pipe_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

interface Round {
  bare: number;
  pipeline: number;
}

async function main(): Promise<number> {
  try {
    log(`run ${name}: ${events} events a round, ${rounds} rounds`);
    await migrateDatabase(name);
    const config = runConfig(name);
    const linkId = await insertLink(config.database);
    const batches: number[] = [];
    await startWorker(name, (line) => {
      const stored = STORED_LINE.exec(line);
      if (stored) batches.push(Number(stored[2]));
    });
    const connection = new RabbitConnection(config);
    const publisher = new EventPublisher(connection, config);
    const results: Round[] = [];
    for (let round = 1; round <= rounds; round++) {
      log(`round ${round}/${rounds}: bare broker`);
      const bare = await bareRoundTrip(config.rabbitmq.url, linkId);
      log(`round ${round}/${rounds}: pipeline`);
      const pipeline = await pipelineRun(publisher, config.database, linkId, round);
      results.push({ bare, pipeline });
    }
    await publisher.beforeApplicationShutdown();
    await connection.onApplicationShutdown();
    printReport(results, batches);
    return 0;
  } catch (error) {
    logError(`FAILED: ${(error as Error).message}`);
    return 1;
  } finally {
    await cleanup();
  }
}

function visits(linkId: string) {
  return Array.from({ length: events }, (_, index) => ({
    linkId,
    slug: 'pipeline',
    visitedAt: new Date().toISOString(),
    referrer: null,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0',
    ipHash: createHash('sha256').update(`visitor ${index}`).digest('hex'),
  }));
}

/** Publish every message with confirms and consume each with an ack; events/s end to end. */
async function bareRoundTrip(url: string, linkId: string): Promise<number> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    const queue = `${name}.bare`;
    await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.prefetch(20);
    const envelopes = visits(linkId).map((data) => createEnvelope(linkVisited, data));
    const bodies: Buffer[] = [];
    for (let start = 0; start < envelopes.length; start += EVENTS_PER_MESSAGE) {
      bodies.push(encodeEnvelopes(envelopes.slice(start, start + EVENTS_PER_MESSAGE)));
    }
    const started = performance.now();
    let consumed = 0;
    const done = new Promise<void>((resolve) => {
      void channel.consume(queue, (message) => {
        if (!message) return;
        consumed++;
        channel.ack(message);
        if (consumed === bodies.length) resolve();
      });
    });
    for (const body of bodies) channel.publish('', queue, body, { persistent: true });
    await channel.waitForConfirms();
    await done;
    const seconds = (performance.now() - started) / 1000;
    await channel.deleteQueue(queue);
    return events / seconds;
  } finally {
    await connection.close();
  }
}

/** Hands the visits to the publisher and waits until the worker's rollup counts them. */
async function pipelineRun(
  publisher: InstanceType<typeof EventPublisher>,
  database: ReturnType<typeof runConfig>['database'],
  linkId: string,
  round: number,
): Promise<number> {
  const sql = await connectSql(database);
  try {
    const data = visits(linkId);
    const started = performance.now();
    for (const visit of data) publisher.publish(linkVisited, visit);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const [rows] = await sql.query('SELECT SUM(visits) AS visits FROM link_daily_stats');
      const stored = Number((rows as { visits: string | null }[])[0].visits ?? 0);
      if (stored >= events * round) return events / ((performance.now() - started) / 1000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`round ${round}: the worker did not store ${events} visits within 120 s`);
  } finally {
    await sql.end();
  }
}

async function insertLink(database: ReturnType<typeof runConfig>['database']): Promise<string> {
  const sql = await connectSql(database);
  try {
    const [result] = await sql.query('INSERT INTO links (slug, target_url) VALUES (?, ?)', [
      'pipeline',
      'https://example.com/pipeline',
    ]);
    return String((result as { insertId: number }).insertId);
  } finally {
    await sql.end();
  }
}

function connectSql({
  host,
  port,
  user,
  password,
  name: database,
}: ReturnType<typeof runConfig>['database']) {
  return createConnection({ host, port, user, password, database });
}

function printReport(results: Round[], batches: number[]): void {
  console.log('');
  printTable(
    ['round', 'bare broker events/s', 'pipeline events/s', 'pipeline ÷ bare'],
    results.map((result, index) => [
      String(index + 1),
      result.bare.toFixed(0),
      result.pipeline.toFixed(0),
      fixed(result.pipeline / result.bare, 2),
    ]),
  );
  const ratio = median(results.map((result) => result.pipeline / result.bare));
  console.log('');
  console.log(
    `worker batches: ${batches.length}, median ${median(batches)} visits, largest ${Math.max(...batches)}`,
  );
  console.log(
    `pipeline ÷ bare broker (median of ${results.length} rounds): ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO})`,
  );
}

process.exit(await main());
