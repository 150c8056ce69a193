import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser';

describe('the live stream parser', () => {
  it('joins events cut across chunks and skips comments', () => {
    const parser = new SseParser();
    expect(parser.push(': heartbeat\n\nid: 1\nevent: vis')).toEqual([]);
    expect(parser.push('it\ndata: {"a":1}\n\nid: 2\r\nevent: visit\r\ndata: {}\r\n\r\n')).toEqual([
      { id: '1', event: 'visit', data: '{"a":1}' },
      { id: '2', event: 'visit', data: '{}' },
    ]);
  });

  it('names an event without an event line "message" and joins its data lines', () => {
    expect(new SseParser().push('data: a\ndata: b\n\n')).toEqual([
      { id: '', event: 'message', data: 'a\nb' },
    ]);
  });
});
