import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookHttpSender } from './webhook-http-sender';

let server: Server | undefined;

/** A local receiver answering `status` (or never answering, when null). */
async function receiver(
  status: number | null,
): Promise<{ port: number; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume();
    if (status !== null) request.on('end', () => response.writeHead(status).end('ignored'));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const loopback = { address: '127.0.0.1', family: 4 as const };

describe('WebhookHttpSender', () => {
  it('connects to the checked address, never to a fresh lookup of the name', async () => {
    const { port, seen } = await receiver(204);
    // `.invalid` never resolves (RFC 6761): reaching the receiver proves the pinned address.
    const url = new URL(`http://hooks.example.invalid:${port}/in?x=1`);
    const status = await new WebhookHttpSender().post({
      url,
      address: loopback,
      body: '{}',
      headers: { 'content-type': 'application/json' },
      timeoutMs: 2_000,
    });
    expect(status).toBe(204);
    expect(seen[0].host).toBe(`hooks.example.invalid:${port}`);
  });

  it('fails a receiver that does not answer within the timeout', async () => {
    const { port } = await receiver(null);
    const post = new WebhookHttpSender().post({
      url: new URL(`http://127.0.0.1:${port}/`),
      address: loopback,
      body: '{}',
      headers: {},
      timeoutMs: 200,
    });
    await expect(post).rejects.toThrow('no answer within 200 ms');
  });
});
