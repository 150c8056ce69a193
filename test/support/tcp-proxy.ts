/**
 * A TCP proxy the test controls, between an app and a server (MariaDB, RabbitMQ): `cut()` drops
 * every open connection and holds new ones without an answer (a network partition, the case
 * that makes clients hang), `restore()` drops the held ones and lets traffic through again.
 * `slowDown(ms)` delays what the server sends (a broker that confirms slowly) without
 * reordering it; `slowDown(0)` ends the delay.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export class TcpProxy {
  private cutOff = false;
  /** How long each chunk from the server waits before it is passed on. */
  private delayMs = 0;
  private readonly sockets = new Set<Socket>();
  /** Connections accepted during a cut, never forwarded. */
  private readonly held = new Set<Socket>();
  private server?: Server;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetHost, targetPort);
    proxy.server = createServer((client) => proxy.accept(client));
    await new Promise<void>((resolve) => proxy.server!.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  cut(): void {
    this.cutOff = true;
    this.dropAll();
  }

  slowDown(delayMs: number): void {
    this.delayMs = delayMs;
  }

  /** Held connections are dropped, so their clients fail now rather than at their timeout. */
  restore(): void {
    this.cutOff = false;
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise((resolve) => this.server!.close(resolve));
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.cutOff) {
      this.held.add(client);
      return;
    }
    const upstream = this.track(createConnection(this.targetPort, this.targetHost));
    client.pipe(upstream);
    this.forwardDelayed(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  /**
   * Each chunk leaves `delayMs` after it arrived, and never before the chunk ahead of it: a
   * shorter delay set meanwhile must not reorder the stream.
   */
  private forwardDelayed(from: Socket, to: Socket): void {
    let previous = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const dueAt = Date.now() + this.delayMs;
      previous = previous.then(async () => {
        const wait = dueAt - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (!to.destroyed) to.write(chunk);
      });
    });
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }

  private dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}
