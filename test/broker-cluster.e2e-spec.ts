/**
 * Both apps, as their own processes, on a three-node RabbitMQ cluster of the suite's own
 * (AMQP_URL lists its nodes), while the test stops a node in the middle of 2,000 redirects:
 * first the node leading the analytics queue, then, that node started again, the node holding
 * the gateway's connection. Each time the stats count every visit exactly once and both apps end
 * up on a surviving node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { AmqpTestClient } from './support/amqp-test-client';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { parseMetrics, samplesOf, valueOf, type MetricSample } from './support/metrics-text';
import { RabbitCluster } from './support/rabbitmq-cluster';
import type { RabbitNode } from './support/rabbitmq-node';

const REDIRECTS = 2_000;
/** The node is told to stop after this many redirects, and is gone by the second count. */
const STOP_AFTER = 500;
const STOPPED_BY = 1_000;

describe('visits while a node of the RabbitMQ cluster goes away', () => {
  let cluster: RabbitCluster;
  let beacon: BeaconHarness;
  let owner: BearerHeader;
  const stopped = new Set<RabbitNode>();
  const survivor = () => cluster.nodes.find((node) => !stopped.has(node))!;

  beforeAll(async () => {
    cluster = await RabbitCluster.start();
    beacon = await startBeacon({
      worker: true,
      processes: {},
      keepTopology: true,
      // A publish still unsettled at the end must not hold the clean-up for the default 30 s.
      env: { AMQP_URL: cluster.amqpUrl, SHUTDOWN_TIMEOUT_MS: '5000' },
    });
    owner = await signUp(beacon.gatewayUrl);
  }, 120_000);
  afterAll(async () => {
    await beacon?.stop();
    await cluster?.remove();
  }, 90_000);

  it('counts every visit once when the node leading the analytics queue stops', async () => {
    const queue = beacon.topology.queue('analytics');
    const [appsNode] = await cluster.nodesOfConnection('beacon-gateway', survivor());
    // A new quorum queue's leader is the node that declared it, the apps' node: hand the lead to
    // another node, so this case loses the leader alone and the next one the connections.
    if ((await cluster.queueLeader(queue, survivor())) === appsNode) {
      await cluster.moveLeaderOff(queue, appsNode);
    }
    const leader = await eventually(async () => {
      const current = await cluster.queueLeader(queue, survivor());
      expect(current).not.toBe(appsNode);
      return current;
    });
    await visitsWhileStopping('leader-stops', leader);
  }, 120_000);

  it("counts every visit once when the node holding the gateway's connection stops", async () => {
    for (const node of stopped) await node.start();
    stopped.clear();
    const [gatewayNode] = await cluster.nodesOfConnection('beacon-gateway', survivor());
    await visitsWhileStopping('gateway-node-stops', gatewayNode);
  }, 120_000);

  async function visitsWhileStopping(slug: string, node: RabbitNode): Promise<void> {
    const confirmedBefore = confirmedVisits(await metricsOf(beacon.gatewayUrl));
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: `https://example.com/${slug}`, slug },
      headers: owner,
    });
    expect(created.status).toBe(201);
    let stopping: Promise<void> | undefined;
    for (let sent = 1; sent <= REDIRECTS; sent++) {
      const response = await fetch(`${beacon.gatewayUrl}/${slug}`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      if (sent === STOP_AFTER) {
        stopped.add(node);
        stopping = node.stop();
      }
      if (sent === STOPPED_BY) await stopping;
    }
    await eventually(
      async () => {
        const stats = await request(`${beacon.gatewayUrl}/api/links/${slug}/stats`, {
          headers: owner,
        });
        expect(stats.body.totalVisits).toBe(REDIRECTS);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const [raw] = await beacon.sql<{ rows: number; events: number }>(
      `SELECT COUNT(*) AS \`rows\`, COUNT(DISTINCT v.event_id) AS events
         FROM link_visits v JOIN links l ON l.id = v.link_id WHERE l.slug = ?`,
      [slug],
    );
    expect({ rows: Number(raw.rows), events: Number(raw.events) }).toEqual({
      rows: REDIRECTS,
      events: REDIRECTS,
    });
    const gateway = await metricsOf(beacon.gatewayUrl);
    expect(valueOf(gateway, 'events_dropped_total')).toBe(0);
    expect(confirmedVisits(gateway) - confirmedBefore).toBe(REDIRECTS);
    await expectOnSurvivor('gateway', beacon.gatewayUrl);
    await expectOnSurvivor('worker', beacon.workerUrl);
    const broker = await AmqpTestClient.open([survivor().url], beacon.topology);
    try {
      expect(await broker.consumerCount(beacon.topology.queue('analytics'))).toBe(1);
    } finally {
      await broker.close();
    }
  }

  /** The app reports one node, a running one, and the broker sees its connection there. */
  async function expectOnSurvivor(app: 'gateway' | 'worker', appUrl: string): Promise<void> {
    const connected = samplesOf(await metricsOf(appUrl), 'amqp_connected')
      .filter((sample) => sample.value === 1)
      .map((sample) => cluster.nodeAt(sample.labels.node));
    expect(connected, `${app} connected to`).toHaveLength(1);
    expect(stopped.has(connected[0]), `${app} on a stopped node`).toBe(false);
    const seen = await cluster.nodesOfConnection(`beacon-${app}`, survivor());
    expect(seen.map((node) => node.name)).toEqual([connected[0].name]);
  }
});

async function metricsOf(appUrl: string): Promise<MetricSample[]> {
  return parseMetrics(await (await fetch(`${appUrl}/metrics`)).text());
}

function confirmedVisits(metrics: MetricSample[]): number {
  return valueOf(metrics, 'events_published_total', { type: 'link.visited', result: 'confirmed' });
}
