import { AMQP_CONNECTED } from '@beacon/observability';
import { register } from 'prom-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { rabbitNodeOf } from './rabbit-node';
import { RabbitNodeStatus } from './rabbit-node-status';

async function gauge(): Promise<Record<string, number>> {
  const { values } = await register.getSingleMetric(AMQP_CONNECTED.name)!.get();
  return Object.fromEntries(values.map(({ labels, value }) => [String(labels.node), value]));
}

describe('RabbitNodeStatus', () => {
  beforeEach(() => register.getSingleMetric(AMQP_CONNECTED.name)?.reset());

  it('shows every configured node at 0 before the first connection', async () => {
    const status = new RabbitNodeStatus(['a:5672', 'b:5672']);
    expect(status.current).toBeUndefined();
    expect(await gauge()).toEqual({ 'a:5672': 0, 'b:5672': 0 });
  });

  it('moves the 1 to the node of each new connection, and drops it while disconnected', async () => {
    const status = new RabbitNodeStatus(['a:5672', 'b:5672', 'c:5672']);
    status.connected('a:5672');
    expect(await gauge()).toEqual({ 'a:5672': 1, 'b:5672': 0, 'c:5672': 0 });
    status.disconnected();
    expect(await gauge()).toEqual({ 'a:5672': 0, 'b:5672': 0, 'c:5672': 0 });
    status.connected('b:5672');
    expect(status.current).toBe('b:5672');
    expect(await gauge()).toEqual({ 'a:5672': 0, 'b:5672': 1, 'c:5672': 0 });
  });
});

describe('rabbitNodeOf', () => {
  it('names a node by host and port, with the default port of its scheme, never credentials', () => {
    expect(rabbitNodeOf('amqp://user:secret@rabbit-a:5673/vhost')).toBe('rabbit-a:5673');
    expect(rabbitNodeOf('amqp://user:secret@rabbit-b')).toBe('rabbit-b:5672');
    expect(rabbitNodeOf('amqps://user:secret@rabbit-c')).toBe('rabbit-c:5671');
  });
});
