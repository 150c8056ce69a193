/**
 * Stands in for the reply where a guard sets headers (the rate limit's `RateLimit-*` and
 * `Retry-After`) that the route decides later whether to send: the redirect sends them with an
 * error or a form, never with its 302, which browsers follow without reading them. Like helmet's
 * headers, each extra header on the redirect costs the hot path (docs/benchmarks.md).
 */
import type { FastifyReply } from 'fastify';

export class HeldResponseHeaders {
  private readonly held: [name: string, value: unknown][] = [];

  /** The one method of a Fastify reply that the guards call. */
  header(name: string, value: unknown): this {
    this.held.push([name, value]);
    return this;
  }

  applyTo(reply: FastifyReply): void {
    for (const [name, value] of this.held) void reply.header(name, value);
  }
}
