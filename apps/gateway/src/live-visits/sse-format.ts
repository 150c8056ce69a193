/**
 * Server-Sent Events framing (the WHATWG EventSource format): an event is `id:`, `event:` and
 * `data:` lines ended by a blank line; a line starting with `:` is a comment, which clients
 * ignore and proxies see as traffic. Data is one line of JSON (JSON.stringify escapes newlines),
 * and ids and comments are cut at the first line break, so nothing sent can forge a field.
 */

export function sseEvent(id: string, event: string, data: unknown): string {
  return `id: ${oneLine(id)}\nevent: ${oneLine(event)}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function sseComment(text: string): string {
  return `: ${oneLine(text)}\n\n`;
}

/** How long a client waits before it reconnects after the stream dropped. */
export function sseRetry(ms: number): string {
  return `retry: ${Math.round(ms)}\n\n`;
}

function oneLine(text: string): string {
  return text.split(/[\r\n]/, 1)[0];
}
