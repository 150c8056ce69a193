/**
 * Read replicas against a MariaDB primary and replica of the suite's own: which pool answers
 * (db_reads_total), read-your-writes whatever the replica's lag, a replica killed under load,
 * and replicas left behind.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { MariaDbReplication } from './support/mariadb-replication';
import { parseMetrics, valueOf } from './support/metrics-text';
import { readLoad, replicaHealth, routing } from './support/read-routing';

async function admin(beacon: BeaconHarness): Promise<BearerHeader> {
  const email = `admin-${Date.now()}@example.com`;
  const header = await signUp(beacon.gatewayUrl, email);
  await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", [email]);
  return header;
}

async function userId(gatewayUrl: string, user: BearerHeader): Promise<string> {
  return (await request(`${gatewayUrl}/auth/me`, { headers: user })).body.id;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Products written straight into the primary (not through the API, so no writer is noted). */
async function seedCatalog(beacon: BeaconHarness): Promise<string> {
  await beacon.sql(
    `INSERT INTO products (sku, name, description, category, price, stock) VALUES
       ('RR-1', 'Copper Kettle', 'Boils water', 'kitchen', 49.90, 5),
       ('RR-2', 'Garden Hose', 'Green hose', 'garden', 25.00, 12)`,
  );
  const [{ id }] = await beacon.sql<{ id: string }>("SELECT id FROM products WHERE sku = 'RR-1'");
  await beacon.sql('INSERT INTO product_daily_views (product_id, day, views) VALUES (?, ?, 7)', [
    id,
    today(),
  ]);
  return id;
}

describe('read replicas', () => {
  let mariadb: MariaDbReplication;
  const onReplication = (env: Record<string, string>) => ({
    DB_HOST: '127.0.0.1',
    DB_PORT: String(mariadb.primary.port),
    DB_USER: 'root',
    DB_PASSWORD: '',
    DB_REPLICA_HOSTS: `127.0.0.1:${mariadb.replica.port}`,
    // Every read reaches MySQL, so each one is routed and counted.
    CACHE_ENABLED: 'false',
    ...env,
  });

  beforeAll(async () => {
    mariadb = await MariaDbReplication.start();
  });
  afterAll(async () => {
    await mariadb?.stop();
  });

  describe('two gateways sharing Redis, with a replica allowed 30 s behind', () => {
    let beacon: BeaconHarness;
    let secondGateway: string;
    let owner: BearerHeader;
    let boss: BearerHeader;
    let productId: string;
    const onReplica = async (query: string, params: unknown[]) =>
      mariadb.replica.sql(query.replaceAll('$db', beacon.config.database.name), params);

    beforeAll(async () => {
      beacon = await startBeacon({
        processes: {},
        env: onReplication({ DB_REPLICA_MAX_LAG_S: '30', REDIS_URL: 'redis://127.0.0.1:6379' }),
      });
      secondGateway = await beacon.startGatewayReplica();
      owner = await signUp(beacon.gatewayUrl);
      boss = await admin(beacon);
      productId = await seedCatalog(beacon);
      await beacon.sql('INSERT INTO links (slug, target_url, owner_id) VALUES (?, ?, ?)', [
        'seeded',
        'https://example.com/seeded',
        await userId(beacon.gatewayUrl, owner),
      ]);
      await mariadb.caughtUp();
      await eventually(async () => expect((await replicaHealth(secondGateway)).serving).toBe(true));
    });
    afterAll(async () => {
      await beacon?.stop();
    });

    it('answers link stats, product lists, searches, pages and top products from the replica', async () => {
      // A row only the replica holds: it shows only if the replica answered.
      await onReplica(
        `INSERT INTO $db.products (id, sku, name, description, category, price)
         VALUES (900001, 'REPLICA-ONLY', 'Replica marker', '', 'marker', 1)`,
        [],
      );
      await onReplica(
        `INSERT INTO $db.link_tags (link_id, tag)
         SELECT id, 'replica-only' FROM $db.links WHERE slug = 'seeded'`,
        [],
      );
      const before = await routing(secondGateway);
      const get = (path: string, headers?: BearerHeader) =>
        request(`${secondGateway}${path}`, { headers });

      expect((await get('/api/links/seeded/stats', owner)).body).toMatchObject({ totalVisits: 0 });
      expect((await get('/api/links/seeded/stats', boss)).status).toBe(200);
      expect((await get('/api/links/seeded', owner)).body.tags).toEqual(['replica-only']);
      expect((await get('/api/links?tag=replica-only', owner)).body.items).toMatchObject([
        { slug: 'seeded' },
      ]);
      expect((await get('/api/tags', owner)).body).toEqual([{ name: 'replica-only', links: 1 }]);
      expect((await get('/api/products?category=marker')).body.items).toMatchObject([
        { sku: 'REPLICA-ONLY' },
      ]);
      expect((await get('/api/products?q=kettle')).body.items).toMatchObject([{ sku: 'RR-1' }]);
      expect((await get(`/api/products/${productId}`)).body).toMatchObject({ sku: 'RR-1' });
      const top = await get(`/api/analytics/products/top?from=${today()}&to=${today()}`, boss);
      expect(top.body.items).toMatchObject([{ sku: 'RR-1', views: 7 }]);

      const after = await routing(secondGateway);
      // Each stats request reads twice (the link, then its rollups in one snapshot).
      expect(after.replica - before.replica).toBe(11);
      expect(after.primary - before.primary).toBe(0);
      expect(after.lag).toBeLessThanOrEqual(30);
      // The replica's pool holds the connections that answered, under its own label.
      const pools = parseMetrics(await (await fetch(`${secondGateway}/metrics`)).text());
      const replicaPool = `replica:127.0.0.1:${mariadb.replica.port}`;
      expect(valueOf(pools, 'db_pool_connections', { pool: replicaPool })).toBeGreaterThan(0);
    });

    it('shows a writer their new link, its stats and their new product at once on the other gateway, with the replica 20 s behind', async () => {
      await mariadb.delayReplication(20);
      try {
        const before = await routing(secondGateway);
        const created = await request(`${beacon.gatewayUrl}/api/links`, {
          method: 'POST',
          json: { url: 'https://example.com/fresh', tags: ['fresh'] },
          headers: owner,
        });
        expect(created.status).toBe(201);
        const slug: string = created.body.slug;
        const product = await request(`${beacon.gatewayUrl}/api/products`, {
          method: 'POST',
          json: { sku: 'RR-NEW', name: 'Storm Lantern', category: 'outdoor', price: 30 },
          headers: boss,
        });
        expect(product.status).toBe(201);

        const read = (path: string, headers?: BearerHeader) =>
          request(`${secondGateway}${path}`, { headers });
        expect((await read(`/api/links/${slug}`, owner)).body).toMatchObject({
          slug,
          url: 'https://example.com/fresh',
          tags: ['fresh'],
        });
        expect(
          (await read('/api/links?tag=fresh', owner)).body.items.map(
            (l: { slug: string }) => l.slug,
          ),
        ).toEqual([slug]);
        expect((await read('/api/tags', owner)).body).toContainEqual({ name: 'fresh', links: 1 });
        expect((await read(`/api/links/${slug}/stats`, owner)).body).toMatchObject({
          slug,
          totalVisits: 0,
        });
        expect(
          (await read('/api/links', owner)).body.items.map((l: { slug: string }) => l.slug),
        ).toContain(slug);
        expect((await read('/api/products?q=lantern')).body.items).toMatchObject([
          { sku: 'RR-NEW' },
        ]);
        // A visitor has written nothing: the replica misses the link, the primary has it.
        const visit = await fetch(`${secondGateway}/${slug}`, { redirect: 'manual' });
        expect(visit.status).toBe(302);

        // All of that while the replica, still serving, held none of it.
        expect(await onReplica('SELECT slug FROM $db.links WHERE slug = ?', [slug])).toEqual([]);
        expect(await onReplica("SELECT id FROM $db.products WHERE sku = 'RR-NEW'", [])).toEqual([]);
        const health = await replicaHealth(secondGateway);
        expect(health.serving).toBe(true);
        const after = await routing(secondGateway);
        expect(after.fallbacks('recent_write') - before.fallbacks('recent_write')).toBe(7);
        expect(after.fallbacks('not_found') - before.fallbacks('not_found')).toBe(1);
      } finally {
        await mariadb.delayReplication(0);
      }
      await mariadb.caughtUp();
    });

    it('redirects to an edited target at once on the other gateway, with the replica 20 s behind', async () => {
      await mariadb.delayReplication(20);
      try {
        const edited = await request(`${beacon.gatewayUrl}/api/links/seeded`, {
          method: 'PATCH',
          json: { url: 'https://example.com/edited' },
          headers: owner,
        });
        expect(edited.status).toBe(200);
        // A visitor wrote nothing, but the link did: its lookup goes to the primary.
        const visit = await fetch(`${secondGateway}/seeded`, { redirect: 'manual' });
        expect(visit.headers.get('location')).toBe('https://example.com/edited');
        const [onTheReplica] = await onReplica('SELECT target_url FROM $db.links WHERE slug = ?', [
          'seeded',
        ]);
        expect(onTheReplica).toEqual({ target_url: 'https://example.com/seeded' });
      } finally {
        await mariadb.delayReplication(0);
      }
      await mariadb.caughtUp();
    });

    it('shows a writer their new link at once while replication is stopped', async () => {
      await mariadb.stopReplication();
      try {
        const created = await request(`${beacon.gatewayUrl}/api/links`, {
          method: 'POST',
          json: { url: 'https://example.com/while-stopped' },
          headers: owner,
        });
        const slug: string = created.body.slug;
        const link = await request(`${secondGateway}/api/links/${slug}`, { headers: owner });
        expect(link).toMatchObject({ status: 200, body: { slug } });
        const stats = await request(`${secondGateway}/api/links/${slug}/stats`, { headers: owner });
        expect(stats).toMatchObject({ status: 200, body: { slug, totalVisits: 0 } });
        expect(await onReplica('SELECT slug FROM $db.links WHERE slug = ?', [slug])).toEqual([]);
      } finally {
        await mariadb.startReplication();
      }
      await mariadb.caughtUp();
    });
  });

  describe('one gateway, with a replica allowed 2 s behind', () => {
    let beacon: BeaconHarness;
    let owner: BearerHeader;

    beforeAll(async () => {
      beacon = await startBeacon({
        env: onReplication({ DB_REPLICA_MAX_LAG_S: '2', DB_BREAKER_RESET_MS: '1000' }),
      });
      owner = await signUp(beacon.gatewayUrl);
      await seedCatalog(beacon);
      await beacon.sql(
        `INSERT INTO links (slug, target_url, owner_id)
         SELECT CONCAT('load-', seq), CONCAT('https://example.com/', seq), ? FROM seq_1_to_5000`,
        [await userId(beacon.gatewayUrl, owner)],
      );
      await mariadb.caughtUp();
      await eventually(async () =>
        expect((await replicaHealth(beacon.gatewayUrl)).serving).toBe(true),
      );
    });
    afterEach(async () => {
      // A failed test must not leave the next one without its replica.
      if (!mariadb.replica.running) await mariadb.replica.restart();
    });
    afterAll(async () => {
      await beacon?.stop();
    });

    it('answers every request while the replica is killed under load, from the primary, then from the replica once it is back', async () => {
      // Stats, a product list and redirects of links no cache holds yet, in turn.
      const load = readLoad(
        beacon.gatewayUrl,
        (n) =>
          [
            { path: '/api/links/load-1/stats', headers: owner },
            { path: '/api/products?category=kitchen' },
            { path: `/load-${1 + (n % 5000)}` },
          ][n % 3],
      );
      const statuses = await load.during(async () => {
        const start = await routing(beacon.gatewayUrl);
        await eventually(async () =>
          expect((await routing(beacon.gatewayUrl)).replica - start.replica).toBeGreaterThan(50),
        );

        await mariadb.replica.kill();
        await eventually(async () =>
          expect((await replicaHealth(beacon.gatewayUrl)).serving).toBe(false),
        );
        const down = await routing(beacon.gatewayUrl);
        await eventually(async () =>
          expect((await routing(beacon.gatewayUrl)).primary - down.primary).toBeGreaterThan(50),
        );
        const stillDown = await routing(beacon.gatewayUrl);
        expect(stillDown.replica, 'no read reaches a dead replica').toBe(down.replica);
        await eventually(async () => expect((await routing(beacon.gatewayUrl)).lag).toBe(Infinity));

        await mariadb.replica.restart();
        await eventually(
          async () =>
            expect((await routing(beacon.gatewayUrl)).replica - stillDown.replica).toBeGreaterThan(
              50,
            ),
          { timeoutMs: 15_000 },
        );
      });
      // A check that the load ran throughout: the three phases waited for more than 50 reads
      // each. How many more requests it sent depends on the machine (232 on one CI run).
      expect(statuses.length).toBeGreaterThan(150);
      expect(statuses.filter((status) => status !== 200 && status !== 302)).toEqual([]);
    }, 60_000);

    it('skips a replica whose replication is stopped, or that falls further behind than DB_REPLICA_MAX_LAG_S', async () => {
      const list = () => request(`${beacon.gatewayUrl}/api/products?category=behind`);
      const addProduct = (sku: string) =>
        beacon.sql(
          "INSERT INTO products (sku, name, description, category, price) VALUES (?, ?, '', 'behind', 1)",
          [sku, sku],
        );

      await mariadb.stopReplication('SQL_THREAD');
      try {
        await addProduct('BEHIND-1');
        await eventually(async () => {
          expect((await replicaHealth(beacon.gatewayUrl)).reason).toMatch(/replication stopped/);
          expect((await routing(beacon.gatewayUrl)).lag).toBe(Infinity);
        });
        const before = await routing(beacon.gatewayUrl);
        expect((await list()).body.items).toMatchObject([{ sku: 'BEHIND-1' }]);
        const after = await routing(beacon.gatewayUrl);
        expect(after.fallbacks('unavailable') - before.fallbacks('unavailable')).toBe(1);
        expect(after.replica).toBe(before.replica);
      } finally {
        await mariadb.startReplication();
      }
      await mariadb.caughtUp();
      await eventually(async () =>
        expect((await replicaHealth(beacon.gatewayUrl)).serving).toBe(true),
      );

      await mariadb.delayReplication(10);
      try {
        await addProduct('BEHIND-2');
        await eventually(
          async () => {
            expect((await replicaHealth(beacon.gatewayUrl)).reason).toMatch(
              /s behind, more than 2 s/,
            );
            expect((await routing(beacon.gatewayUrl)).lag).toBeGreaterThan(2);
          },
          { timeoutMs: 15_000 },
        );
        const before = await routing(beacon.gatewayUrl);
        const skus = (await list()).body.items.map((item: { sku: string }) => item.sku);
        expect(skus.sort()).toEqual(['BEHIND-1', 'BEHIND-2']);
        const after = await routing(beacon.gatewayUrl);
        expect(after.fallbacks('unavailable') - before.fallbacks('unavailable')).toBe(1);
      } finally {
        await mariadb.delayReplication(0);
      }
      await mariadb.caughtUp();
      await eventually(async () => {
        const before = (await routing(beacon.gatewayUrl)).replica;
        expect((await list()).body.items).toHaveLength(2);
        expect((await routing(beacon.gatewayUrl)).replica).toBe(before + 1);
      });
    }, 60_000);
  });
});
