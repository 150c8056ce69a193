/** A loopback HTTP server for the e2e suites' fake peers: each request body goes to `collect`. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CollectingServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

export async function startCollectingServer(
  collect: (path: string, body: Buffer) => void,
): Promise<CollectingServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      collect(request.url ?? '/', Buffer.concat(chunks));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
