/**
 * A RabbitMQ cluster of a suite's own (three nodes by default), beside the machine's broker
 * (about 15 s to start): nodes `beacon-e2e-<run>-{a,b,c}@localhost` on free ports, their files
 * under one temporary directory owned by the rabbitmq user. `remove()` stops every node and
 * deletes the directory; call it in afterAll, it is safe after a failed start too. Needs the
 * Debian rabbitmq-server (3.10 or later, for quorum queues with a message TTL) and root.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './app-process';
import { rabbitmqCli, RabbitNode } from './rabbitmq-node';

const NODE_LETTERS = ['a', 'b', 'c'];

export class RabbitCluster {
  private constructor(
    private readonly dir: string,
    readonly nodes: readonly RabbitNode[],
  ) {}

  /** `size` nodes (3 by default), each with `config` added to its rabbitmq.conf. */
  static async start({ size = 3, config = '' } = {}): Promise<RabbitCluster> {
    requireRabbitmqServer();
    const dir = await mkdtemp(join(tmpdir(), 'beacon-rabbitmq-'));
    // mkdtemp makes it 0700: the rabbitmq user could not even reach its own folders inside.
    await chmod(dir, 0o755);
    const run = randomBytes(3).toString('hex');
    const letters = NODE_LETTERS.slice(0, size);
    const ports = await distinctFreePorts(letters.length * 2);
    const nodes = letters.map(
      (letter, index) =>
        new RabbitNode(
          `beacon-e2e-${run}-${letter}@localhost`,
          ports[index * 2],
          ports[index * 2 + 1],
          join(dir, letter),
          config,
        ),
    );
    const cluster = new RabbitCluster(dir, nodes);
    try {
      for (const node of nodes) await node.prepare();
      await promisify(execFile)('chown', ['-R', 'rabbitmq:rabbitmq', dir]);
      await Promise.all(nodes.map((node) => node.start()));
      for (const node of nodes.slice(1)) await node.joinCluster(nodes[0]);
      return cluster;
    } catch (error) {
      await cluster.remove();
      throw error;
    }
  }

  /** AMQP_URL for the apps: every node, the first one first. */
  get amqpUrl(): string {
    return this.nodes.map((node) => node.url).join(',');
  }

  /** The node whose AMQP listener is at `address` (host:port). */
  nodeAt(address: string): RabbitNode {
    const node = this.nodes.find((each) => each.address === address);
    if (!node) throw new Error(`no node of the cluster listens at ${address}`);
    return node;
  }

  /** The node leading a quorum queue, asked of `via` (any running node). */
  async queueLeader(queue: string, via: RabbitNode): Promise<RabbitNode> {
    const rows = await listJson<{ name: string; leader: string }>(via, 'list_queues', [
      'name',
      'leader',
    ]);
    const leader = rows.find((row) => row.name === queue)?.leader;
    const node = this.nodes.find((each) => each.name === leader);
    if (!node) throw new Error(`${queue} has no leader among the cluster's nodes (${leader})`);
    return node;
  }

  /**
   * Hands a quorum queue's leadership to another node: its member on `node` is removed (the
   * other members elect a leader among themselves), then added again, as a follower.
   */
  async moveLeaderOff(queue: string, node: RabbitNode): Promise<void> {
    await rabbitmqCli('rabbitmq-queues', node.name, ['delete_member', queue, node.name]);
    await rabbitmqCli('rabbitmq-queues', node.name, ['add_member', queue, node.name]);
  }

  /** Where the broker sees the connections named `connectionName` (their client_properties). */
  async nodesOfConnection(connectionName: string, via: RabbitNode): Promise<RabbitNode[]> {
    const rows = await listJson<{ port: number; client_properties: unknown[][] }>(
      via,
      'list_connections',
      ['port', 'client_properties'],
    );
    return rows
      .filter((row) =>
        row.client_properties.some(
          ([key, , value]) => key === 'connection_name' && value === connectionName,
        ),
      )
      .map((row) => this.nodes.find((node) => node.amqpPort === row.port)!);
  }

  async remove(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.halt()));
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function listJson<T>(via: RabbitNode, command: string, columns: string[]): Promise<T[]> {
  const args = [command, '-q', '--formatter', 'json', ...columns];
  return JSON.parse(await rabbitmqCli('rabbitmqctl', via.name, args));
}

function requireRabbitmqServer(): void {
  const found = spawnSync('sh', ['-c', 'command -v rabbitmq-server && command -v rabbitmqctl']);
  if (found.status !== 0) {
    throw new Error(
      'rabbitmq-server is not installed: this suite starts a RabbitMQ cluster of its own ' +
        '(apt-get install rabbitmq-server; 3.10 or later)',
    );
  }
}

/** freePort() may hand out a port twice in a row once it was closed again. */
async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
