import { createDataSource } from '@beacon/database';
import { createEnvelope, linkVisited } from '@beacon/messaging';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VisitPurger } from '../apps/worker/src/analytics/retention/visit-purger.service';
import { signUp, type BearerHeader } from './support/accounts';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { createLink } from './support/links';
import { parseMetrics, valueOf } from './support/metrics-text';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const DAY_MS = 86_400_000;

/** Addresses whose country every edition of the packaged database agrees on. */
const KNOWN_ADDRESSES = [
  ['193.0.6.139', 'NL'], // RIPE NCC
  ['8.8.8.8', 'US'],
  ['200.160.2.3', 'BR'], // NIC.br
  ['2001:67c:2e8:22::c100:68b', 'NL'], // RIPE NCC over IPv6
] as const;

describe('visits: countries, privacy signals and retention', () => {
  let beacon: BeaconHarness;
  let owner: BearerHeader;
  const day = (offset = 0) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
  const stats = async (slug: string, query = '') => {
    const answer = await request(
      `${beacon.gatewayUrl}/api/links/${slug}/stats?from=${day(-200)}&to=${day()}${query}`,
      { headers: owner },
    );
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const visit = (slug: string, headers: Record<string, string>) =>
    fetch(`${beacon.gatewayUrl}/${slug}`, { redirect: 'manual', headers });

  beforeAll(async () => {
    beacon = await startBeacon({
      worker: true,
      // The test's requests come from 127.0.0.1, the trusted proxy; X-Forwarded-For names the client.
      env: { TRUST_PROXY: '127.0.0.1', VISIT_RETENTION_DAYS: '0' },
    });
    owner = await signUp(beacon.gatewayUrl);
  });
  afterAll(() => beacon?.stop());

  it('tells each visit its country from the client address, and keeps no address anywhere', async () => {
    await createLink(beacon.gatewayUrl, owner, 'world');
    for (const [address] of KNOWN_ADDRESSES) {
      expect(
        (await visit('world', { 'x-forwarded-for': address, 'user-agent': CHROME })).status,
      ).toBe(302);
    }
    await visit('world', { 'x-forwarded-for': '10.20.30.40', 'user-agent': CHROME });
    const found = await eventually(async () => {
      const body = await stats('world');
      expect(body.totalVisits).toBe(5);
      return body;
    });
    expect(found.countries[0]).toEqual({ name: 'NL', visits: 2 });
    expect(
      found.countries
        .slice(1)
        .map(({ name }: { name: string }) => name)
        .sort(),
    ).toEqual(['BR', 'US', 'unknown']);
    const dutch = await stats('world', '&country=nl');
    expect(dutch).toMatchObject({
      country: 'NL',
      totalVisits: 2,
      countries: [{ name: 'NL', visits: 2 }],
    });
    expect(dutch.browsers).toEqual([{ name: 'Chrome', visits: 2 }]);
    expect((await stats('world', '&country=unknown')).totalVisits).toBe(1);
    const bad = await request(`${beacon.gatewayUrl}/api/links/world/stats?country=NLD`, {
      headers: owner,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([
      { field: 'country', message: expect.stringContaining('ISO 3166-1') },
    ]);
    expect(
      await tablesHolding(['193.0.6.139', '8.8.8.8', '200.160.2.3', '2001:67c', '10.20.30.40']),
    ).toEqual([]);
  });

  it('counts a GPC visit and a DNT visit, and keeps nothing else of them', async () => {
    await createLink(beacon.gatewayUrl, owner, 'private');
    const tracked = { 'x-forwarded-for': '193.0.6.139', referer: 'https://news.example.org/a' };
    await visit('private', { ...tracked, 'user-agent': CHROME, 'sec-gpc': '1' });
    await visit('private?qr=1', { ...tracked, 'user-agent': 'curl/8.5.0', dnt: '1' });
    const withheld = await eventually(async () => {
      const body = await stats('private');
      expect(body.totalVisits).toBe(2);
      return body;
    });
    expect(withheld).toMatchObject({
      withheld: 2,
      uniqueVisitors: 0,
      traffic: { human: 1, bot: 1 },
      sources: { qr: 0, direct: 0 },
      referrers: [],
      browsers: [],
      operatingSystems: [],
      devices: [],
      countries: [],
    });
    const rows = await beacon.sql(
      `SELECT v.withheld, v.is_bot, v.referrer_host, v.browser, v.os, v.device, v.source,
              v.country, v.visitor_hash
       FROM link_visits v JOIN links l ON l.id = v.link_id WHERE l.slug = 'private' ORDER BY v.is_bot`,
    );
    const nothingElse = {
      referrer_host: null,
      browser: null,
      os: null,
      device: null,
      source: null,
      country: null,
      visitor_hash: null,
    };
    expect(rows).toEqual([
      { withheld: 1, is_bot: 0, ...nothingElse },
      { withheld: 1, is_bot: 1, ...nothingElse },
    ]);
    expect(
      await beacon.sql(
        "SELECT * FROM link_daily_visitors v JOIN links l ON l.id = v.link_id WHERE l.slug = 'private'",
      ),
    ).toEqual([]);
  });

  it('purges raw visits past the retention, leaving the stats of every range as they were', async () => {
    await createLink(beacon.gatewayUrl, owner, 'aged');
    const [{ id }] = await beacon.sql<{ id: string }>("SELECT id FROM links WHERE slug = 'aged'");
    const amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
    try {
      for (const [daysAgo, browser] of [
        [120, CHROME],
        [100, 'curl/8.5.0'],
        [3, CHROME],
      ] as const) {
        const event = createEnvelope(linkVisited, {
          linkId: String(id),
          slug: 'aged',
          visitedAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
          referrer: 'https://old.example.org/',
          userAgent: browser,
          ipHash: randomUUID().replaceAll('-', '').repeat(2),
          clientIp: '8.8.8.8',
        });
        await amqp.publishEvent(linkVisited.type, event);
      }
    } finally {
      await amqp.close();
    }
    const before = await eventually(async () => {
      const body = await stats('aged');
      expect(body.totalVisits).toBe(3);
      return body;
    });
    const rawCount = async () =>
      Number(
        (
          await beacon.sql<{ n: string }>(
            'SELECT COUNT(*) AS n FROM link_visits WHERE link_id = ?',
            [id],
          )
        )[0].n,
      );
    expect(await rawCount()).toBe(3);

    const dataSource = await createDataSource(beacon.config.database).initialize();
    try {
      const purger = new VisitPurger(dataSource, {
        ...beacon.config,
        visits: { ...beacon.config.visits, retentionDays: 90 },
      });
      const purgedAtLeast = await purger.purge();
      expect(purgedAtLeast).toBeGreaterThanOrEqual(2);
    } finally {
      await dataSource.destroy();
    }
    expect(await rawCount()).toBe(1);
    expect(await stats('aged')).toEqual(before);
    const metrics = parseMetrics(await (await fetch(`${beacon.workerUrl}/metrics`)).text());
    expect(valueOf(metrics, 'visits_purged_total', {})).toBeGreaterThanOrEqual(2);
  });

  /** Every table and text column of the suite's database holding one of the strings. */
  async function tablesHolding(needles: string[]): Promise<string[]> {
    const columns = await beacon.sql<{ table: string; column: string }>(
      `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\` FROM information_schema.COLUMNS
       WHERE TABLE_SCHEMA = DATABASE()
         AND DATA_TYPE IN ('char', 'varchar', 'text', 'mediumtext', 'longtext', 'json', 'blob', 'longblob', 'varbinary')`,
    );
    const found: string[] = [];
    for (const { table, column } of columns) {
      for (const needle of needles) {
        const [{ n }] = await beacon.sql<{ n: string }>(
          `SELECT COUNT(*) AS n FROM \`${table}\` WHERE CAST(\`${column}\` AS CHAR) LIKE ?`,
          [`%${needle}%`],
        );
        if (Number(n) > 0) found.push(`${table}.${column}: ${needle}`);
      }
    }
    expect(columns.length).toBeGreaterThan(20);
    return found;
  }
});
