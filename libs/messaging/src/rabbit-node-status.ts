/**
 * Which RabbitMQ node the app is connected to, published as `amqp_connected{node="host:port"}`:
 * 1 for the node of the current connection, 0 for the other nodes of AMQP_URL (all 0 while
 * disconnected). A gauge rather than a field of the readiness body: Prometheus keeps its history
 * (when each app moved, whether every app crowds onto one node) and rules can alert on it, and
 * its label stays bounded by the configured list.
 */
import { AMQP_CONNECTED, gaugeOf } from '@beacon/observability';

export class RabbitNodeStatus {
  private readonly gauge = gaugeOf(AMQP_CONNECTED);
  private node: string | undefined;

  constructor(private readonly nodes: readonly string[]) {
    this.show(undefined);
  }

  /** The node of the current connection, if any. */
  get current(): string | undefined {
    return this.node;
  }

  connected(node: string): void {
    this.show(node);
  }

  disconnected(): void {
    this.show(undefined);
  }

  private show(node: string | undefined): void {
    this.node = node;
    for (const each of this.nodes) {
      this.gauge.set({ node: each }, each === node ? 1 : 0);
    }
  }
}
