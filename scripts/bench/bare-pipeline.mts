// The honest ceiling of `npm run bench:pipeline`: the same packed messages consumed with bare
// amqplib and stored with bare mysql2, doing the least work that is still correct for Beacon's
// schema: raw rows idempotent on the event id (INSERT IGNORE, reading back its own rows only
// when some were there), the visitors new that day, the daily totals and the per-dimension
// counts (source included), one transaction per batch, acks after the commit. It stores into copies of Beacon's
// tables (`bare_` + name), with the worker's batch size, concurrency and prefetch.
import type { Channel, ConsumeMessage } from 'amqplib';
import { isbot } from 'isbot';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { randomInt } from 'node:crypto';
import { UAParser } from 'ua-parser-js';

const BARE_TABLES = [
  'link_visits',
  'link_daily_visitors',
  'link_daily_stats',
  'link_daily_breakdown',
];
const BATCH_SIZE = 500;

interface Visit {
  id: string;
  data: {
    linkId: string;
    visitedAt: string;
    referrer: string | null;
    userAgent: string | null;
    ipHash: string;
    source?: 'qr' | 'direct';
  };
}
type Row = (string | number | boolean | null)[];

export async function createBareTables(sql: Pool): Promise<void> {
  for (const table of BARE_TABLES) await sql.query(`CREATE TABLE bare_${table} LIKE ${table}`);
}

/** Consumes `queue` until `expected` visits are stored; resolves then. */
export function consumeBare(
  channel: Channel,
  queue: string,
  sql: Pool,
  concurrency: number,
  expected: number,
) {
  const waiting: ConsumeMessage[] = [];
  let events = 0;
  let flushing = 0;
  let stored = 0;
  return new Promise<void>((resolve, reject) => {
    const flush = () => {
      while (flushing < concurrency && (events >= BATCH_SIZE || (events > 0 && flushing === 0))) {
        const batch = waiting.splice(0, Math.ceil(BATCH_SIZE / 100));
        const visits = batch.flatMap(
          (message) => JSON.parse(message.content.toString()) as Visit[],
        );
        events -= visits.length;
        flushing++;
        storeBatch(sql, visits)
          .then(() => {
            batch.forEach((message) => channel.ack(message));
            flushing--;
            stored += visits.length;
            if (stored >= expected) resolve();
            flush();
          })
          .catch(reject);
      }
    };
    void channel.consume(queue, (message) => {
      if (!message) return;
      waiting.push(message);
      events += Number(message.properties.headers?.['x-beacon-event-count'] ?? 1);
      flush();
    });
  });
}

async function storeBatch(sql: Pool, visits: Visit[]): Promise<void> {
  const connection = await sql.getConnection();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(connection, () => storeVisits(connection, visits));
      } catch (error) {
        if (attempt >= 3 || (error as { errno?: number }).errno !== 1213) throw error;
      }
    }
  } finally {
    connection.release();
  }
}

async function inTransaction(connection: PoolConnection, work: () => Promise<void>): Promise<void> {
  await connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
  await connection.beginTransaction();
  try {
    await work();
    await connection.commit();
  } catch (error) {
    await connection.rollback();
    throw error;
  }
}

async function storeVisits(connection: PoolConnection, visits: Visit[]): Promise<void> {
  const batchId = randomInt(1, 2 ** 47);
  const rows = visits.map(rowOf).sort(byKey(0));
  const fresh = await insertNew(connection, VISITS, rows, batchId);
  const visitors = fresh.map((row) => [row[1], row[3], row[10]]).sort(byKey(0, 1, 2));
  const newVisitors = await insertNew(connection, VISITORS, visitors, batchId);
  const uniques = countOf(newVisitors.map((row) => [row[0], row[1]]));
  const totals = [...countOf(fresh.map((row) => [row[1], row[3]]))].map(([key, count]) => [
    ...key.split('|'),
    count,
    uniques.get(key) ?? 0,
  ]);
  await upsert(
    connection,
    'bare_link_daily_stats (link_id, day, visits, unique_visitors)',
    totals,
    'visits = visits + VALUES(visits), unique_visitors = unique_visitors + VALUES(unique_visitors)',
  );
  const cells = fresh.flatMap((row) => [
    [row[1], row[3], 'referrer', row[4] ?? '(direct)'],
    [row[1], row[3], 'browser', row[5]],
    [row[1], row[3], 'os', row[6]],
    [row[1], row[3], 'device', row[7]],
    [row[1], row[3], 'bot', row[8] ? 'bot' : 'human'],
    [row[1], row[3], 'source', row[9]],
  ]);
  const breakdown = [...countOf(cells)].map(([key, count]) => [...key.split('|'), count]);
  await upsert(
    connection,
    'bare_link_daily_breakdown (link_id, day, dimension, value, visits)',
    breakdown,
    'visits = visits + VALUES(visits)',
  );
}

/** A table filled by INSERT IGNORE: its columns, its unique key and where that key sits in a row. */
interface KeyedTable {
  name: string;
  columns: string[];
  key: string[];
  keyAt: number[];
}

const VISITS: KeyedTable = {
  name: 'bare_link_visits',
  columns: [
    'event_id',
    'link_id',
    'visited_at',
    'visited_day',
    'referrer_host',
    'browser',
    'os',
    'device',
    'is_bot',
    'source',
    'visitor_hash',
  ],
  key: ['event_id'],
  keyAt: [0],
};
const VISITORS: KeyedTable = {
  name: 'bare_link_daily_visitors',
  columns: ['link_id', 'day', 'visitor_hash'],
  key: ['link_id', 'day', 'visitor_hash'],
  keyAt: [0, 1, 2],
};

/** The rows that went in; when only some did, the ones carrying this batch's id. */
async function insertNew(
  connection: PoolConnection,
  table: KeyedTable,
  rows: Row[],
  batchId: number,
): Promise<Row[]> {
  const { name, columns, key, keyAt } = table;
  const [result] = await connection.query(
    `INSERT IGNORE INTO ${name} (${columns.join(', ')}, batch_id) VALUES ?`,
    [rows.map((row) => [...row, batchId])],
  );
  const inserted = (result as { affectedRows: number }).affectedRows;
  if (inserted === rows.length) return rows;
  if (inserted === 0) return [];
  const [ours] = await connection.query(
    `SELECT CONCAT_WS('|', ${key.join(', ')}) AS k FROM ${name} WHERE batch_id = ? AND (${key.join(', ')}) IN (?)`,
    [batchId, rows.map((row) => keyAt.map((i) => row[i]))],
  );
  const keys = new Set((ours as { k: string }[]).map((row) => row.k));
  return rows.filter((row) => keys.has(keyAt.map((i) => row[i]).join('|')));
}

function upsert(connection: PoolConnection, into: string, rows: Row[], updates: string) {
  return connection.query(`INSERT INTO ${into} VALUES ? ON DUPLICATE KEY UPDATE ${updates}`, [
    rows.sort(byKey(0, 1, 2, 3)),
  ]);
}

const agents = new Map<string, { browser: string; os: string; device: string; bot: boolean }>();

function rowOf({ id, data }: Visit): Row {
  const agent = agentOf(data.userAgent ?? '');
  const day = data.visitedAt.slice(0, 10);
  const referrer = data.referrer ? new URL(data.referrer).hostname : null;
  return [
    id,
    data.linkId,
    data.visitedAt.replace('T', ' ').replace('Z', ''),
    day,
    referrer,
    agent.browser,
    agent.os,
    agent.device,
    agent.bot,
    data.source ?? 'direct',
    data.ipHash,
  ];
}

function agentOf(userAgent: string) {
  let agent = agents.get(userAgent);
  if (agent) return agent;
  const parsed = new UAParser(userAgent).getResult();
  const bot = !userAgent || isbot(userAgent);
  agent = {
    browser: parsed.browser.name ?? 'unknown',
    os: parsed.os.name ?? 'unknown',
    device: parsed.device.type ?? (bot ? 'unknown' : 'desktop'),
    bot,
  };
  agents.set(userAgent, agent);
  return agent;
}

function countOf(keys: Row[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const parts of keys) counts.set(parts.join('|'), (counts.get(parts.join('|')) ?? 0) + 1);
  return counts;
}

function byKey(...at: number[]) {
  return (a: Row, b: Row) => {
    for (const i of at) if (a[i] !== b[i]) return String(a[i]) < String(b[i]) ? -1 : 1;
    return 0;
  };
}
