/**
 * The callers waiting until one message is durable (VISIT_DELIVERY=confirmed: a redirect answers
 * only then): confirmed by the broker, or stored in the spool. Whoever settles the message
 * releases them, and so does whoever gives up on it (lost, or a failed store), since a redirect
 * never waits on analytics being down. `capMs` after the first one joined they are released
 * anyway: a store that hangs must not hang the redirects.
 */
export class DurabilityWaiters {
  private resolvers: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly capMs: number) {}

  add(resolve: () => void): void {
    this.resolvers.push(resolve);
    this.timer ??= setTimeout(() => this.release(), this.capMs).unref();
  }

  release(): void {
    clearTimeout(this.timer);
    const resolvers = this.resolvers;
    this.resolvers = [];
    for (const resolve of resolvers) resolve();
  }
}
