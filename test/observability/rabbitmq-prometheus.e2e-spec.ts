// The stack suite needs RabbitMQ's Prometheus plugin and turns it on itself: proven on a broker
// of this suite's own that starts without it (the machine's broker is left as it is).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRabbitPrometheus } from '../../scripts/rabbitmq-prometheus.mts';
import { freePort } from '../support/app-process';
import { RabbitCluster } from '../support/rabbitmq-cluster';

describe('a broker without its Prometheus plugin', () => {
  let broker: RabbitCluster;
  let metricsUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    broker = await RabbitCluster.start({ size: 1, config: `prometheus.tcp.port = ${port}\n` });
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
  }, 120_000);
  afterAll(() => broker?.remove());

  it('gets it enabled, then answers on its port', async () => {
    const [node] = broker.nodes;
    const target = { metricsUrl, node: node.name, env: node.pluginsEnvironment };
    await expect(fetch(metricsUrl)).rejects.toThrow();
    expect(await ensureRabbitPrometheus(target)).toBe('enabled');
    const scrape = await fetch(metricsUrl);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('rabbitmq_');
    expect(await ensureRabbitPrometheus(target)).toBe('on');
  }, 120_000);
});
