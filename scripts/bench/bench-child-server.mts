// The life of a bench helper server run as a child process (the ceiling, the OTLP receivers):
// listen on a free loopback port, tell the parent which one over IPC, close on SIGTERM, and
// never outlive the parent (its IPC channel closes when it exits).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function serveAsBenchChild(server: Server): void {
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.({ port });
  });
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
  process.on('disconnect', () => process.exit(0));
}
