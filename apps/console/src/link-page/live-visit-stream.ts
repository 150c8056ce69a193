/**
 * Follows GET /api/links/:slug/visits/live until aborted: a fetch read as it arrives (the
 * ApiClient adds the token and refreshes it once on a 401). When the stream drops it reconnects
 * after a growing pause, with Last-Event-ID so the server replays the visits missed meanwhile.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { LiveVisit } from './link-details';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

interface StreamHandlers {
  onVisit: (visit: LiveVisit) => void;
  onState: (state: StreamState) => void;
}

const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 30_000;

export async function followLiveVisits(
  api: ApiClient,
  slug: string,
  handlers: StreamHandlers,
  signal: AbortSignal,
): Promise<void> {
  let lastEventId = '';
  let failures = 0;
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = lastEventId ? { 'last-event-id': lastEventId } : {};
      const path = `/api/links/${encodeURIComponent(slug)}/visits/live`;
      const response = await api.open(path, { headers, signal });
      handlers.onState('live');
      failures = 0;
      lastEventId = await readVisits(response, handlers.onVisit, lastEventId);
    } catch (error) {
      if (signal.aborted) return;
      // The link is gone or not the caller's: retrying cannot help.
      if (error instanceof ApiError && error.status === 404) return handlers.onState('unavailable');
    }
    handlers.onState('reconnecting');
    await pause(Math.min(FIRST_PAUSE_MS * 2 ** failures++, LONGEST_PAUSE_MS), signal);
  }
}

/** Reads the stream until it ends; returns the id of the last event seen. */
async function readVisits(
  response: Response,
  onVisit: (visit: LiveVisit) => void,
  lastEventId: string,
): Promise<string> {
  if (!response.body) return lastEventId;
  const events = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  for (;;) {
    const { done, value: event } = await events.read();
    if (done) return lastEventId;
    lastEventId = event.id || lastEventId;
    if (event.event === 'visit') onVisit(JSON.parse(event.data) as LiveVisit);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
