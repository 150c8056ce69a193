/**
 * Server-Sent Events framing, read by hand: EventSource cannot send the Authorization header,
 * so the live stream is a fetch whose body arrives in chunks that may cut an event anywhere.
 */
export interface SseEvent {
  id: string;
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';

  /** Takes the next chunk of text; returns the events it completed (comments are skipped). */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const blocks = this.buffer.split('\n\n');
    this.buffer = blocks.pop() ?? '';
    return blocks.map(eventOf).filter((event): event is SseEvent => event !== undefined);
  }
}

function eventOf(block: string): SseEvent | undefined {
  const event: SseEvent = { id: '', event: 'message', data: '' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    const field = /^(id|event|data): ?(.*)$/.exec(line);
    if (!field) continue;
    if (field[1] === 'data') data.push(field[2]);
    else event[field[1] as 'id' | 'event'] = field[2];
  }
  if (data.length === 0) return undefined;
  return { ...event, data: data.join('\n') };
}
