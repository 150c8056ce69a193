// One keep-alive HTTP/1.1 client connection of the open-loop load generator (open-loop-load.mts):
// it sends the same GET, one request at a time, and reads just enough of each answer (status
// line, Content-Length body) to know where it ends. A request that falls due while another is
// in flight waits in the connection's queue, and its latency still counts from when it was due:
// a slow answer delays the requests behind it instead of hiding them (coordinated omission).
import net from 'node:net';

export interface ConnectionEvents {
  /** An answer to the request due at `dueMs`, written at `sentMs`, complete at `doneMs`. */
  answered(dueMs: number, status: number, sentMs: number, doneMs: number): void;
  /** The request due at `dueMs` got no answer: the connection failed with it in flight. */
  failed(dueMs: number, reason: string): void;
  /** The connection broke (or could not open); it opens again after RECONNECT_DELAY_MS. */
  broke(reason: string): void;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;
const RECONNECT_DELAY_MS = 1_000;

export class OpenLoopConnection {
  private socket: net.Socket | undefined;
  private connected = false;
  private stopped = false;
  /** Due times (ms) of the requests waiting for the one in flight. */
  private readonly queue: number[] = [];
  private inFlight: number | undefined;
  private sentMs = 0;
  private received: Buffer = Buffer.alloc(0);
  /** Why the socket is closing, when it did not close cleanly. */
  private error: string | undefined;

  private readonly port: number;
  private readonly request: Buffer;
  private readonly events: ConnectionEvents;

  constructor(port: number, request: Buffer, events: ConnectionEvents) {
    this.port = port;
    this.request = request;
    this.events = events;
  }

  /** Requests queued or in flight. */
  get outstanding(): number {
    return this.queue.length + (this.inFlight === undefined ? 0 : 1);
  }

  open(): void {
    const socket = net.connect({ port: this.port, host: '127.0.0.1', noDelay: true });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.sendNext();
    });
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    // 'close' follows an error, and reports it.
    socket.on(
      'error',
      (error: NodeJS.ErrnoException) => (this.error ??= error.code ?? error.message),
    );
    socket.on('close', () => this.closed(this.error ?? 'closed by the server'));
  }

  enqueue(dueMs: number): void {
    this.queue.push(dueMs);
    if (this.inFlight === undefined) this.sendNext();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.destroy();
  }

  private sendNext(): void {
    if (!this.connected || this.inFlight !== undefined || this.queue.length === 0) return;
    this.inFlight = this.queue.shift();
    this.sentMs = performance.now();
    this.socket!.write(this.request);
  }

  private read(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    for (;;) {
      const headEnd = this.received.indexOf(HEADER_END);
      if (headEnd < 0) return;
      const head = this.received.toString('latin1', 0, headEnd);
      const length = CONTENT_LENGTH.exec(head);
      // The servers measured always send Content-Length; anything else is a bench failure.
      if (!length || this.inFlight === undefined) return this.fail('unexpected answer framing');
      const end = headEnd + HEADER_END.length + Number(length[1]);
      if (this.received.length < end) return;
      this.received = this.received.subarray(end);
      const dueMs = this.inFlight;
      this.inFlight = undefined;
      this.events.answered(dueMs, Number(head.slice(9, 12)), this.sentMs, performance.now());
      this.sendNext();
    }
  }

  private fail(reason: string): void {
    this.error ??= reason;
    this.socket?.destroy();
  }

  private closed(reason: string): void {
    this.connected = false;
    this.received = Buffer.alloc(0);
    this.error = undefined;
    if (this.stopped) return;
    if (this.inFlight !== undefined) this.events.failed(this.inFlight, reason);
    this.inFlight = undefined;
    this.events.broke(reason);
    setTimeout(() => this.stopped || this.open(), RECONNECT_DELAY_MS);
  }
}
