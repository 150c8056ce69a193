/**
 * The link's visits as they arrive, newest first. The list itself is quiet; one polite status
 * line announces the count and the newest visit, so a burst is not read out visit by visit.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import type { LiveVisit } from './link-details';
import { followLiveVisits, type StreamState } from './live-visit-stream';
import './live-visits.css';

/** Enough to see what is happening now; older visits are in the stats. */
const SHOWN_VISITS = 50;

const STATE_TEXT: Record<StreamState, string> = {
  connecting: 'Connecting…',
  live: 'Live: new visits appear here as they happen.',
  reconnecting: 'The live stream dropped; reconnecting…',
  unavailable: 'Live visits are not available for this link.',
};

interface LiveVisitsProps {
  api: ApiClient;
  slug: string;
  /** Called once for each visit new to the list. */
  onVisit: () => void;
}

export function LiveVisits({ api, slug, onVisit: onNewVisit }: LiveVisitsProps) {
  const [visits, setVisits] = useState<LiveVisit[]>([]);
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    setVisits([]);
    const abort = new AbortController();
    const seen = new Set<string>();
    // A reconnect replays the visits since the last id it saw: each is shown once.
    const onVisit = (visit: LiveVisit) => {
      if (seen.has(visit.visitId)) return;
      seen.add(visit.visitId);
      setVisits((shown) => [visit, ...shown].slice(0, SHOWN_VISITS));
      onNewVisit();
    };
    void followLiveVisits(api, slug, { onVisit, onState: setState }, abort.signal);
    return () => abort.abort();
  }, [api, slug]);

  return (
    <section aria-labelledby="live-heading" class="panel">
      <h2 id="live-heading">Live visits</h2>
      <p class="hint">{STATE_TEXT[state]}</p>
      <p role="status" aria-live="polite" class="live-count">
        {visits.length > 0 && announcementOf(visits)}
      </p>
      {visits.length > 0 && (
        <ol class="live-visits" aria-label="Visits since you opened this page, newest first">
          {visits.map((visit) => (
            <li key={visit.visitId}>
              <time dateTime={visit.visitedAt}>{timeOf(visit.visitedAt)}</time>
              <span>{summaryOf(visit)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function announcementOf(visits: LiveVisit[]): string {
  const count = visits.length === 1 ? '1 visit' : `${visits.length} visits`;
  return `${count} since you opened this page. Newest: ${summaryOf(visits[0])}.`;
}

/** One line for a visit: whatever the stream carries (a withheld visit carries nothing). */
function summaryOf(visit: LiveVisit): string {
  if (visit.withheld) return 'a visit that asked not to be tracked';
  const who = [visit.browser, visit.os && `on ${visit.os}`, visit.device && `(${visit.device})`]
    .filter(Boolean)
    .join(' ');
  const parts = [
    visit.bot ? `bot: ${who}` : who,
    visit.country ? `from ${visit.country}` : 'country unknown',
    visit.referrerHost ? `via ${visit.referrerHost}` : 'no referrer',
    visit.source === 'qr' ? 'QR scan' : 'direct',
  ];
  return parts.filter(Boolean).join(', ');
}

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString();
}
