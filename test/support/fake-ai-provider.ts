/**
 * A fake OpenAI-compatible provider for the enrichment suite (the one peer outside the system):
 * `POST /v1/chat/completions` answers as its current mode says, and counts what it was asked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProviderMode =
  | { kind: 'answer'; category: string; summary: string }
  | { kind: 'fail'; status: number }
  | { kind: 'slow'; delayMs: number };

export class FakeAiProvider {
  mode: ProviderMode = { kind: 'answer', category: 'education', summary: 'From the model' };
  /** The user messages received, in order. */
  readonly asked: string[] = [];
  private server?: Server;

  static async start(): Promise<FakeAiProvider> {
    const provider = new FakeAiProvider();
    provider.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => provider.answer(Buffer.concat(chunks), response));
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

  private answer(body: Buffer, response: import('node:http').ServerResponse): void {
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
