/**
 * One reconnecting AMQP connection per app (amqp-connection-manager). The app starts and
 * serves even while RabbitMQ is down; readiness reports the broker through `isConnected()`.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  connect,
  type AmqpConnectionManager,
  type ChannelWrapper,
  type CreateChannelOpts,
} from 'amqp-connection-manager';
import { RabbitTopology } from './rabbit-topology';

const CONNECT_TIMEOUT_MS = 5_000;

@Injectable()
export class RabbitConnection implements OnApplicationShutdown {
  readonly topology: RabbitTopology;
  private readonly logger = new Logger(RabbitConnection.name);
  private readonly manager: AmqpConnectionManager;

  constructor(@InjectConfig() config: BeaconConfig) {
    this.topology = new RabbitTopology(config.rabbitmq.prefix, config.rabbitmq.retryDelaysMs);
    this.manager = connect([config.rabbitmq.url], {
      heartbeatIntervalInSeconds: 10,
      reconnectTimeInSeconds: 1,
      connectionOptions: {
        clientProperties: { connection_name: `beacon-${config.app}` },
        // A connection attempt into a partition would otherwise wait forever, and with it every
        // reconnection and the shutdown; this bounds the handshake, then the next attempt runs.
        timeout: CONNECT_TIMEOUT_MS,
      },
    });
    // The URL holds credentials: log only the error's message, never the URL.
    this.manager.on('connect', () => this.logger.log('connected to RabbitMQ'));
    this.manager.on('disconnect', ({ err }) =>
      this.logger.warn(`disconnected from RabbitMQ: ${err?.message ?? 'closed'}`),
    );
    this.manager.on('connectFailed', ({ err }) =>
      this.logger.warn(`cannot reach RabbitMQ: ${err?.message ?? 'unknown error'}`),
    );
  }

  isConnected(): boolean {
    return this.manager.isConnected();
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
