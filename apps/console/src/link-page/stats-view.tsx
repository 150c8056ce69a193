/**
 * One range's stats: the totals, the daily chart with its numbers as a table, and each breakdown
 * as ranked rows. A range without visits says so instead of drawing empty charts.
 */
import type { LinkStats } from './link-details';
import { DailyTable } from './daily-table';
import { DailyVisitsChart } from './daily-visits-chart';
import { RankedBars } from './ranked-bars';

export function StatsView({ stats }: { stats: LinkStats }) {
  const range = `${stats.from} to ${stats.to}`;
  if (stats.totalVisits === 0) {
    return <p class="empty">No visits from {range}. Share the short URL or its QR code.</p>;
  }
  return (
    <>
      <dl class="totals">
        <Total label="Visits" value={stats.totalVisits} />
        <Total label="Unique visitors" value={stats.uniqueVisitors} />
        <Total label="Humans" value={stats.traffic.human} />
        <Total label="Bots" value={stats.traffic.bot} />
        <Total label="QR scans" value={stats.sources.qr} />
        <Total label="Direct" value={stats.sources.direct} />
      </dl>
      <DailyVisitsChart daily={stats.daily} label={`Daily visits and unique visitors, ${range}`} />
      <DailyTable daily={stats.daily} />
      <p class="hint">
        {stats.withheld === 1 ? '1 visit' : `${stats.withheld} visits`} asked not to be tracked
        (Global Privacy Control or Do Not Track): counted in the totals, humans and bots, in no list
        below.
      </p>
      <div class="breakdowns">
        <RankedBars title="Referrers" values={stats.referrers} />
        <RankedBars title="Browsers" values={stats.browsers} />
        <RankedBars title="Operating systems" values={stats.operatingSystems} />
        <RankedBars title="Devices" values={stats.devices} />
        <RankedBars title="Countries" values={stats.countries} />
      </div>
    </>
  );
}

function Total({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
