import { describe, expect, it } from 'vitest';
import { sseComment, sseEvent, sseRetry } from './sse-format';

describe('SSE framing', () => {
  it('writes an event as id, event and one data line of JSON, ended by a blank line', () => {
    expect(sseEvent('v-1', 'visit', { slug: 'a', note: 'two\nlines' })).toBe(
      'id: v-1\nevent: visit\ndata: {"slug":"a","note":"two\\nlines"}\n\n',
    );
  });

  it('never lets an id or a comment start a field of its own', () => {
    expect(sseEvent('v-1\ndata: forged', 'visit', 1)).toBe('id: v-1\nevent: visit\ndata: 1\n\n');
    expect(sseComment('heartbeat\r\nevent: forged')).toBe(': heartbeat\n\n');
  });

  it('tells the client how long to wait before reconnecting', () => {
    expect(sseRetry(3000)).toBe('retry: 3000\n\n');
  });
});
