/**
 * A Server-Sent Events client for the e2e suites: fetch reads the stream's body as it comes
 * (http-client's `request` would wait for its end, which never comes), parses events and
 * comments, and lets a test wait for the next ones or close the stream (the client going away).
 */
import { eventually } from './eventually';

export interface SseEvent {
  id: string;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: string[];
  /** Resolves once `count` events arrived in all, with them; rejects after `timeoutMs`. */
  waitForEvents(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Resolves once the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const ended = response.body ? read(response.body, events, comments) : Promise.resolve();
  return {
    status: response.status,
    headers: response.headers,
    events,
    comments,
    waitForEvents: (count, timeoutMs = 5_000) =>
      eventually(
        () => {
          if (events.length < count) throw new Error(`${events.length} of ${count} events`);
          return events.slice(0, count);
        },
        { timeoutMs, intervalMs: 20 },
      ),
    ended,
    close: () => abort.abort(),
  };
}

async function read(
  body: ReadableStream<Uint8Array>,
  events: SseEvent[],
  comments: string[],
): Promise<void> {
  const decoder = new TextDecoder();
  let text = '';
  try {
    for await (const chunk of body) {
      text += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = text.indexOf('\n\n')) !== -1) {
        parseBlock(text.slice(0, end), events, comments);
        text = text.slice(end + 2);
      }
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  }
}

function parseBlock(block: string, events: SseEvent[], comments: string[]): void {
  const event: SseEvent = { id: '', event: 'message', data: '' };
  let isEvent = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comments.push(line.slice(1).trim());
    const field = /^(id|event|data): ?(.*)$/.exec(line);
    if (!field) continue;
    event[field[1] as keyof SseEvent] = field[2];
    isEvent ||= field[1] === 'data';
  }
  if (isEvent) events.push(event);
}
