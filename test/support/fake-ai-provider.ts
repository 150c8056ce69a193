/**
 * A fake OpenAI-compatible provider for the enrichment suite (the one peer outside the system):
 * `POST /v1/chat/completions` answers as its current mode says, and counts what it was asked;
 * `GET /v1/models` (the worker's readiness probe) lists one model; anything else is 404. It
 * also counts the sockets that carried chat completions (the probe's own are left out).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ProviderMode =
  | { kind: 'answer'; category: string; summary: string }
  | { kind: 'fail'; status: number }
  | { kind: 'slow'; delayMs: number };

export class FakeAiProvider {
  mode: ProviderMode = { kind: 'answer', category: 'education', summary: 'From the model' };
  /** The user messages received, in order. */
  readonly asked: string[] = [];
  /** Requests of the readiness probe, `GET /v1/models`. */
  modelListings = 0;
  /** Sockets that carried chat completions: opened so far, open now, and the most open at once. */
  readonly completionSockets = { opened: 0, open: 0, mostOpen: 0 };
  private readonly seenSockets = new WeakSet<Socket>();
  private server?: Server;

  static async start(): Promise<FakeAiProvider> {
    const provider = new FakeAiProvider();
    provider.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => provider.route(request, Buffer.concat(chunks), response));
    });
    await new Promise<void>((resolve) => provider.server!.listen(0, '127.0.0.1', resolve));
    return provider;
  }

  /** The base URL, as AI_PROVIDER_URL. */
  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
  }

  close(): Promise<void> {
    this.server!.closeAllConnections();
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }

  private route(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (request.method === 'POST' && path === '/v1/chat/completions') {
      this.countSocket(request.socket);
      this.answer(body, response);
      return;
    }
    if (request.method === 'GET' && path === '/v1/models') {
      this.modelListings++;
      const models = { object: 'list', data: [{ id: 'fake-model', object: 'model' }] };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(models));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  }

  private countSocket(socket: Socket): void {
    if (this.seenSockets.has(socket)) return;
    this.seenSockets.add(socket);
    const sockets = this.completionSockets;
    sockets.opened += 1;
    sockets.open += 1;
    sockets.mostOpen = Math.max(sockets.mostOpen, sockets.open);
    socket.once('close', () => (sockets.open -= 1));
  }

  private answer(body: Buffer, response: ServerResponse): void {
    const { messages } = JSON.parse(body.toString('utf8')) as {
      messages: { role: string; content: string }[];
    };
    this.asked.push(messages.find((message) => message.role === 'user')?.content ?? '');
    const mode = this.mode;
    if (mode.kind === 'fail') {
      response.writeHead(mode.status, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const send = () =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          choices: [
            {
              message: {
                role: 'assistant',
                content: JSON.stringify(
                  mode.kind === 'answer'
                    ? { category: mode.category, summary: mode.summary }
                    : { category: 'other', summary: 'Too late' },
                ),
              },
            },
          ],
        }),
      );
    if (mode.kind === 'slow') setTimeout(send, mode.delayMs);
    else send();
  }
}
