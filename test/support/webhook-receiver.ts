/**
 * A webhook receiver of the test's own: records every request (path, headers, body) and
 * answers each with the status `answer` gives for it (200 unless told otherwise).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  received: ReceivedWebhook[];
  /** What arrived on one path. */
  on(path: string): ReceivedWebhook[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  answer: (request: ReceivedWebhook, earlierOnPath: number) => number = () => 200,
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const earlier = received.filter((item) => item.path === path).length;
      const item = { path, headers: request.headers, body: Buffer.concat(chunks).toString() };
      received.push(item);
      response.writeHead(answer(item, earlier)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    received,
    on: (path) => received.filter((item) => item.path === path),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
