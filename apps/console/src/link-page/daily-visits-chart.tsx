/**
 * Daily visits and unique visitors as a uPlot line chart, as wide as its container (it follows
 * resizes). uPlot draws on a canvas, so the figure carries an accessible name and the same numbers
 * are in the table beside it. uPlot sets its inline styles through CSSOM, which the console's CSP
 * (style-src 'self', no inline <style>) allows.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LinkStats } from './link-details';

const HEIGHT = 240;

export function DailyVisitsChart({ daily, label }: { daily: LinkStats['daily']; label: string }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = new uPlot(optionsFor(element.clientWidth), dataOf(daily), element);
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: element.clientWidth, height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [daily]);

  return (
    <figure class="chart">
      <div ref={container} role="img" aria-label={label} />
      <figcaption>
        <span class="key visits">Visits</span> <span class="key unique">Unique visitors</span>
      </figcaption>
    </figure>
  );
}

/** x: each day's start in seconds (UTC days, drawn in UTC so a day keeps its date). */
function dataOf(daily: LinkStats['daily']): uPlot.AlignedData {
  return [
    daily.map((day) => Date.parse(`${day.date}T00:00:00Z`) / 1000),
    daily.map((day) => day.visits),
    daily.map((day) => day.uniqueVisitors),
  ];
}

function optionsFor(width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    legend: { show: false },
    cursor: { show: false },
    scales: { y: { range: (_chart, _min, max) => [0, Math.max(1, max)] } },
    axes: [{}, { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] }],
    series: [
      {},
      { label: 'Visits', stroke: '#1a4fd0', width: 2 },
      { label: 'Unique visitors', stroke: '#a3161c', width: 2, dash: [6, 4] },
    ],
  };
}
