/**
 * One open live stream: the body Fastify sends (a PassThrough it pipes to the socket), a
 * heartbeat comment every `heartbeatMs` so proxies and clients see an idle stream is alive, and
 * one `onClose` however it ends: the client went away (Fastify destroys the body), the server
 * closes it (shutdown), or the client reads too slowly to keep up.
 */
import { PassThrough } from 'node:stream';
import { sseComment } from './sse-format';

/** Unsent bytes a stream may hold; past it the client is too slow and is closed (it resumes). */
export const MAX_UNSENT_BYTES = 1024 * 1024;

export class LiveStream {
  readonly body = new PassThrough();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs: number, onClose: () => void) {
    this.heartbeat = setInterval(() => this.write(sseComment('heartbeat')), heartbeatMs);
    this.body.once('close', () => {
      clearInterval(this.heartbeat);
      onClose();
    });
  }

  write(chunk: string): void {
    if (this.body.destroyed || this.body.writableEnded) return;
    if (this.body.writableLength > MAX_UNSENT_BYTES) return this.close();
    this.body.write(chunk);
  }

  /** Ends the response after what was written (no error: the client may reconnect). */
  close(): void {
    clearInterval(this.heartbeat);
    if (!this.body.writableEnded) this.body.end();
  }
}
