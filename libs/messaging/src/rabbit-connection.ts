/**
 * One reconnecting AMQP connection per app (amqp-connection-manager). AMQP_URL may list the
 * nodes of a cluster: the manager tries them in order, starting with the first, and after losing
 * its node moves on to the next one (round robin, RECONNECT_S apart), where every channel runs
 * its setup again (the topology, then the consumers). The app starts and serves even while
 * RabbitMQ is down; readiness checks the broker with `roundTrip()` (rabbit.probe.ts), and
 * `amqp_connected{node}` says which node the app is on.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ChannelModel } from 'amqplib';
import { once } from 'node:events';
import {
  connect,
  type AmqpConnectionManager,
  type ChannelWrapper,
  type CreateChannelOpts,
} from 'amqp-connection-manager';
import { rabbitNodeOf } from './rabbit-node';
import { RabbitNodeStatus } from './rabbit-node-status';
import { RabbitTopology } from './rabbit-topology';

const CONNECT_TIMEOUT_MS = 5_000;
/** Also the pause between two nodes of the list when one does not answer. */
const RECONNECT_S = 1;

@Injectable()
export class RabbitConnection implements OnApplicationShutdown {
  readonly topology: RabbitTopology;
  private readonly logger = new Logger(RabbitConnection.name);
  private readonly manager: AmqpConnectionManager;
  private readonly status: RabbitNodeStatus;

  constructor(@InjectConfig() config: BeaconConfig) {
    const { urls } = config.rabbitmq;
    this.topology = RabbitTopology.of(config.rabbitmq);
    this.status = new RabbitNodeStatus(urls.map(rabbitNodeOf));
    this.manager = connect(urls, {
      heartbeatIntervalInSeconds: 10,
      reconnectTimeInSeconds: RECONNECT_S,
      connectionOptions: {
        clientProperties: { connection_name: `beacon-${config.app}` },
        // A connection attempt into a partition would otherwise wait forever, and with it every
        // reconnection and the shutdown; this bounds the handshake, then the next attempt runs.
        timeout: CONNECT_TIMEOUT_MS,
        // Without it, Nagle's algorithm holds a publish's last frames until the broker's delayed
        // ACK (about 40 ms): nothing waited for a confirm while publishing lingered 20 ms anyway,
        // but with VISIT_DELIVERY=confirmed every redirect does (docs/benchmarks.md).
        noDelay: true,
      },
    });
    // The URLs hold credentials: a node is logged as host:port, an error by its message.
    this.manager.on('connect', ({ url }) => {
      this.status.connected(nodeOf(url));
      this.logger.log(`connected to RabbitMQ at ${this.status.current}`);
    });
    this.manager.on('disconnect', ({ err }) => {
      const node = this.status.current ?? 'unknown node';
      this.status.disconnected();
      this.logger.warn(`disconnected from RabbitMQ at ${node}: ${err?.message ?? 'closed'}`);
    });
    this.manager.on('connectFailed', ({ err, url }) =>
      this.logger.warn(
        `cannot reach RabbitMQ at ${nodeOf(url)}: ${err?.message ?? 'unknown error'}`,
      ),
    );
  }

  isConnected(): boolean {
    return this.manager.isConnected();
  }

  /**
   * Opens a channel on the live connection (a round trip through the broker, which a
   * connection flag alone does not prove) and closes it without waiting. While disconnected,
   * waits for the manager's next connection until `signal` aborts.
   */
  async roundTrip(signal: AbortSignal): Promise<void> {
    const connection = this.manager.connection ?? (await this.nextConnection(signal));
    const channel = await connection.createChannel();
    // The broker may close it (the connection lost meanwhile): unlistened, 'error' would throw.
    channel.on('error', () => undefined);
    channel.close().catch(() => undefined);
  }

  private async nextConnection(signal: AbortSignal): Promise<ChannelModel> {
    const [{ connection }] = (await once(this.manager, 'connect', { signal })) as [
      { connection: ChannelModel },
    ];
    return connection;
  }

  /**
   * A channel re-created on every reconnection. Its errors (a topology declaration refused, a
   * channel closed under a pending declaration at shutdown) are logged: unlistened, the
   * wrapper would throw them as an unhandled 'error' event.
   */
  createChannel(options: CreateChannelOpts): ChannelWrapper {
    const channel = this.manager.createChannel(options);
    channel.on('error', (error: Error) =>
      this.logger.error(`channel ${options.name ?? ''} failed: ${error.message}`),
    );
    return channel;
  }

  /** Without a connection there is nothing to close cleanly: an attempt in progress is dropped. */
  async onApplicationShutdown(): Promise<void> {
    const closing = this.manager.close();
    if (this.isConnected()) await closing;
  }
}

/** The manager reports the URL it was given (always a string here). */
function nodeOf(url: unknown): string {
  return typeof url === 'string' ? rabbitNodeOf(url) : 'unknown node';
}
