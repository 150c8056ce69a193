/**
 * A fake OpenAI-compatible provider for the enrichment suite (the one peer outside the system):
 * `POST /v1/chat/completions` answers as its current mode says, and counts what it was asked;
 * `GET /v1/models` (the worker's readiness probe) lists one model; anything else is 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
