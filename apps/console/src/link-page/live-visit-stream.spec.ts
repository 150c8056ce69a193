import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { followLiveVisits, type StreamState } from './live-visit-stream';

const visitEvent = (id: string) =>
  `id: ${id}\nevent: visit\ndata: ${JSON.stringify({ visitId: id })}\n\n`;

/** A stream that sends `text` and ends, as a dropped connection does. */
const endingStream = (text: string) => new Response(text, { status: 200 });

describe('following the live visits', () => {
  afterEach(() => vi.useRealTimers());

  it('reconnects after a pause with Last-Event-ID once the stream drops', async () => {
    vi.useFakeTimers();
    const abort = new AbortController();
    const open = vi
      .fn()
      .mockResolvedValueOnce(endingStream(': heartbeat\n\n' + visitEvent('v1')))
      .mockImplementation(() => new Promise(() => undefined));
    const visits: unknown[] = [];
    const states: StreamState[] = [];
    void followLiveVisits(
      { open } as unknown as ApiClient,
      'abc',
      { onVisit: (visit) => visits.push(visit), onState: (state) => states.push(state) },
      abort.signal,
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(visits).toEqual([{ visitId: 'v1' }]);
    expect(states).toEqual(['live', 'reconnecting']);
    expect(open).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(1);
    expect(open).toHaveBeenLastCalledWith('/api/links/abc/visits/live', {
      headers: { 'last-event-id': 'v1' },
      signal: abort.signal,
    });
    abort.abort();
  });

  it('stops for good when the link is not found', async () => {
    const open = vi.fn().mockRejectedValue(new ApiError(404, 'No such link'));
    const states: StreamState[] = [];
    await followLiveVisits(
      { open } as unknown as ApiClient,
      'gone',
      { onVisit: () => undefined, onState: (state) => states.push(state) },
      new AbortController().signal,
    );
    expect(states).toEqual(['unavailable']);
    expect(open).toHaveBeenCalledOnce();
  });
});
