/**
 * The link's stats over a range of UTC days: the range form (empty at first, so the API's default
 * of the last 30 days applies and fills it), then the chart and the breakdowns. A bad range shows
 * the API's message beside the date it names.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { DayRangeFields } from '../components/day-range-fields';
import { SubmitButton } from '../components/submit-button';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../components/form-errors';
import type { LinkStats } from './link-details';
import { StatsView } from './stats-view';
import './stats.css';

interface StatsSectionProps {
  api: ApiClient;
  slug: string;
  /** Live visits seen so far: those after the stats loaded are not in them yet. */
  liveVisits: number;
}

export function LinkStatsSection({ api, slug, liveVisits }: StatsSectionProps) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [stats, setStats] = useState<LinkStats>();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [liveVisitsAtLoad, setLiveVisitsAtLoad] = useState(0);

  const load = async (range: { from?: string; to?: string }) => {
    setBusy(true);
    try {
      const query = new URLSearchParams(range).toString();
      const path = `/api/links/${encodeURIComponent(slug)}/stats${query ? `?${query}` : ''}`;
      const loaded = await api.call<LinkStats>('GET', path);
      setStats(loaded);
      setLiveVisitsAtLoad(liveVisits);
      // The first answer fills the empty range with the default; a date typed meanwhile stays.
      setFrom((typed) => typed || loaded.from);
      setTo((typed) => typed || loaded.to);
      setErrors(NO_ERRORS);
    } catch (error) {
      setErrors(formErrorsOf(error));
    }
    setBusy(false);
  };

  useEffect(() => void load({}), [api, slug]);

  const apply = (event: Event) => {
    event.preventDefault();
    if (!busy) void load({ from, to });
  };

  return (
    <section aria-labelledby="stats-heading">
      <h2 id="stats-heading">Stats</h2>
      <form class="range" onSubmit={apply} noValidate aria-label="Date range (UTC days)">
        <Alert message={errors.general} />
        <DayRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} errors={errors} />
        <SubmitButton busy={busy}>Show</SubmitButton>
      </form>
      {!stats && !errors.general && <p aria-busy="true">Loading the stats…</p>}
      <NewVisitsNote count={stats ? liveVisits - liveVisitsAtLoad : 0} />
      {stats && <StatsView stats={stats} />}
    </section>
  );
}

function NewVisitsNote({ count }: { count: number }) {
  if (count <= 0) return null;
  const visits = count === 1 ? '1 new visit' : `${count} new visits`;
  return (
    <p class="hint new-visits">
      {visits} since these numbers were loaded: press Show to count them (the stats follow a moment
      behind the live visits).
    </p>
  );
}
