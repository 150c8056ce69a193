// `npm run bench:pipeline`: how fast do visits go from the gateway's publisher through RabbitMQ
// and the worker into MySQL, next to the least work that stores them correctly?
//
// For each traffic shape (pipeline-shapes.mts: spread, viral, million) and round, on throw-away
// databases and AMQP prefixes, the same BENCH_PIPELINE_EVENTS visits go through:
// 1. the bare broker (bare-broker.mts): RabbitMQ's round trip alone, a reference line;
// 2. the bare pipeline (bare-pipeline.mts): bare amqplib and mysql2 storing them correctly with
//    the least work, into copies of the tables: the ceiling;
// 3. the pipeline: the gateway's EventPublisher (built, in this process) and the built worker
//    (its own process, production mode), until MySQL's daily rollup counts them all;
// 4. with BENCH_PIPELINE_BASELINE=<another checkout, built>, that build's worker the same way on
//    a database migrated by that build: a paired run against a previous build.
// It prints events/s per round, pipeline ÷ bare pipeline (and ÷ bare broker, ÷ previous) with
// their medians; BENCH_PIPELINE_MIN_RATIO fails the run when a shape's median is below it.
import 'reflect-metadata';
import amqp from 'amqplib';
import { createPool, type Pool } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type * as Messaging from '../../libs/messaging/src/index.js';
import {
  bareBrokerRoundTrip,
  declareQuorumQueue,
  EVENTS_PER_MESSAGE,
  publishBodies,
} from './bare-broker.mts';
import { consumeBare, createBareTables } from './bare-pipeline.mts';
import { cleanup } from './cleanup.mts';
import { log, logError } from './log.mts';
import { printPipelineReport, type ShapeResult } from './pipeline-report.mts';
import {
  insertLinks,
  SHAPES,
  storeEarlierVisits,
  visitsOf,
  type Shape,
} from './pipeline-shapes.mts';
import { migrateDatabase, runConfig, startWorker } from './servers.mts';
import { positiveIntFromEnv, ratioFromEnv } from './settings.mts';

const {
  EventPublisher,
  RabbitConnection,
  connectToFirst,
  createEnvelope,
  encodeEnvelopes,
  linkVisited,
} = (await import(
  new URL('../../dist/libs/messaging/src/index.js', import.meta.url).href
)) as typeof Messaging;

type Publisher = InstanceType<typeof EventPublisher>;
type VisitData = ReturnType<typeof visitsOf>[number];

/** A worker under test: its publisher, its database, the links of the current shape. */
interface PipelineUnderTest {
  name: string;
  publisher: Publisher;
  sql: Pool;
  close(): Promise<void>;
  linkIds: string[];
}

const STORED_LINE = /stored (\d+) new of (\d+)/;
const STORE_TIMEOUT_MS = 180_000;
const events = positiveIntFromEnv('BENCH_PIPELINE_EVENTS', 9_000);
const rounds = positiveIntFromEnv('BENCH_ROUNDS', 3);
const concurrency = positiveIntFromEnv('WORKER_FLUSH_CONCURRENCY', 2);
const minRatio = ratioFromEnv('BENCH_PIPELINE_MIN_RATIO');
const baselineRoot = process.env.BENCH_PIPELINE_BASELINE;
const shapes = SHAPES.filter((shape) =>
  (process.env.BENCH_PIPELINE_SHAPES ?? 'spread,viral,million').split(',').includes(shape.name),
);
const name = `beacon_pipe_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

async function main(): Promise<number> {
  try {
    log(
      `run ${name}: ${events} events a round, ${rounds} rounds, shapes ${shapes.map((s) => s.name).join(', ')}`,
    );
    const batches: number[] = [];
    const current = await startPipeline(name, undefined, batches);
    const previous = baselineRoot
      ? await startPipeline(`${name}_prev`, baselineRoot, [])
      : undefined;
    await createBareTables(current.sql);
    const broker = await connectToFirst(runConfig(name).rabbitmq.urls);
    await declareQuorumQueue(broker, `${name}.bare-pipeline`);
    const results: ShapeResult[] = [];
    for (const shape of shapes) {
      results.push(await measureShape(shape, broker, current, previous));
    }
    await broker.close();
    for (const pipeline of [current, previous]) await pipeline?.close();
    const passed = printPipelineReport(results, batches, minRatio);
    return passed ? 0 : 1;
  } catch (error) {
    logError(`FAILED: ${(error as Error).message}`);
    return 1;
  } finally {
    await cleanup();
  }
}

/** Migrates database `runName`, starts its worker (another build's under `root`) and a publisher. */
async function startPipeline(
  runName: string,
  root: string | undefined,
  batches: number[],
): Promise<PipelineUnderTest> {
  const built = (file: string) => (root ? path.resolve(root, 'dist', file) : undefined);
  await migrateDatabase(runName, built('libs/database/src/migrate.main.js'));
  const config = runConfig(runName);
  await startWorker(
    runName,
    (line) => {
      const stored = STORED_LINE.exec(line);
      if (stored) batches.push(Number(stored[2]));
    },
    built('apps/worker/src/main.js'),
  );
  const connection = new RabbitConnection(config);
  const publisher = new EventPublisher(connection, config);
  const { host, port, user, password, name: database } = config.database;
  const sql = createPool({ host, port, user, password, database, connectionLimit: 4 });
  const close = async () => {
    await publisher.beforeApplicationShutdown();
    await connection.onApplicationShutdown();
    await sql.end();
  };
  return { name: runName, publisher, sql, close, linkIds: [] };
}

async function measureShape(
  shape: Shape,
  broker: amqp.ChannelModel,
  current: PipelineUnderTest,
  previous: PipelineUnderTest | undefined,
): Promise<ShapeResult> {
  log(`shape ${shape.name}: ${shape.description}`);
  for (const pipeline of [current, previous]) {
    if (!pipeline) continue;
    pipeline.linkIds = await insertLinks(pipeline.sql, shape);
  }
  if (shape.storedVisits > 0) await storeEarlier(shape, current, previous);
  const result: ShapeResult = { shape, rounds: [] };
  for (let round = 1; round <= rounds; round++) {
    const offset = (SHAPES.indexOf(shape) * rounds + round) * events;
    const bodies = packed(visitsOf(shape, current.linkIds, events, offset));
    log(
      `${shape.name} round ${round}/${rounds}: bare broker, bare pipeline, pipeline${previous ? ', previous' : ''}`,
    );
    const bareBroker = await bareBrokerRoundTrip(broker, `${name}.bare-broker`, bodies);
    const barePipeline = await barePipelineRun(broker, current.sql, bodies);
    const pipeline = await pipelineRun(current, visitsOf(shape, current.linkIds, events, offset));
    const prior =
      previous && (await pipelineRun(previous, visitsOf(shape, previous.linkIds, events, offset)));
    result.rounds.push({ bareBroker, barePipeline, pipeline, previous: prior });
  }
  return result;
}

async function storeEarlier(
  shape: Shape,
  current: PipelineUnderTest,
  previous: PipelineUnderTest | undefined,
) {
  log(`storing ${shape.storedVisits} earlier visits`);
  const first = current.linkIds[0];
  await storeEarlierVisits(current.sql, shape, first, {
    visits: 'link_visits',
    visitors: 'link_daily_visitors',
  });
  await storeEarlierVisits(current.sql, shape, first, {
    visits: 'bare_link_visits',
    visitors: 'bare_link_daily_visitors',
  });
  if (!previous) return;
  const [tables] = await previous.sql.query("SHOW TABLES LIKE 'link_daily_visitors'");
  const visitors = (tables as unknown[]).length > 0 ? 'link_daily_visitors' : undefined;
  await storeEarlierVisits(previous.sql, shape, previous.linkIds[0], {
    visits: 'link_visits',
    visitors,
  });
}

function packed(visits: VisitData[]): Buffer[] {
  const envelopes = visits.map((data) => createEnvelope(linkVisited, data));
  const bodies: Buffer[] = [];
  for (let start = 0; start < envelopes.length; start += EVENTS_PER_MESSAGE) {
    bodies.push(encodeEnvelopes(envelopes.slice(start, start + EVENTS_PER_MESSAGE)));
  }
  return bodies;
}

/** Events/s of the bare pipeline: from the first publish to the last batch's commit. */
async function barePipelineRun(
  broker: amqp.ChannelModel,
  sql: Pool,
  bodies: Buffer[],
): Promise<number> {
  const queue = `${name}.bare-pipeline`;
  const channel = await broker.createChannel();
  await channel.prefetch((concurrency + 2) * 5);
  const started = performance.now();
  const stored = consumeBare(channel, queue, sql, concurrency, events);
  await publishBodies(broker, queue, bodies);
  await stored;
  const seconds = (performance.now() - started) / 1000;
  await channel.close();
  return events / seconds;
}

/** Hands the visits to the publisher and waits until the worker's rollup counts them. */
async function pipelineRun(pipeline: PipelineUnderTest, visits: VisitData[]): Promise<number> {
  const before = await storedVisits(pipeline.sql);
  const started = performance.now();
  for (const visit of visits) pipeline.publisher.publish(linkVisited, visit);
  const deadline = Date.now() + STORE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if ((await storedVisits(pipeline.sql)) >= before + events) {
      return events / ((performance.now() - started) / 1000);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(
    `${pipeline.name}: the worker did not store ${events} visits within ${STORE_TIMEOUT_MS / 1000} s`,
  );
}

async function storedVisits(sql: Pool): Promise<number> {
  const [rows] = await sql.query('SELECT COALESCE(SUM(visits), 0) AS visits FROM link_daily_stats');
  return Number((rows as { visits: string | number }[])[0].visits);
}

process.exit(await main());
