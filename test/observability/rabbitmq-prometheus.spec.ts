import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ensureRabbitPrometheus } from '../../scripts/rabbitmq-prometheus.mts';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ensureRabbitPrometheus, when the plugin does not answer', () => {
  it('says the command to run when rabbitmq-plugins cannot be run here', async () => {
    const metricsUrl = `http://127.0.0.1:${await closedPort()}/metrics`;
    const failure = ensureRabbitPrometheus({ metricsUrl, cli: '/nonexistent/rabbitmq-plugins' });
    await expect(failure).rejects.toThrow(
      /^no answer at .*, and `rabbitmq-plugins enable rabbitmq_prometheus` failed \(.*ENOENT.*\): run it as root or the rabbitmq user$/,
    );
  });

  it('asks for the command on the broker’s machine when the broker is remote', async () => {
    const failure = ensureRabbitPrometheus({
      metricsUrl: 'http://192.0.2.1:15692/metrics', // TEST-NET-1: never answers
      cli: '/nonexistent/rabbitmq-plugins',
    });
    await expect(failure).rejects.toThrow(
      'no answer at http://192.0.2.1:15692/metrics: run `rabbitmq-plugins enable rabbitmq_prometheus` on 192.0.2.1',
    );
  });
});
