/** The chart's numbers as a table, folded away: the chart is a canvas screen readers cannot read. */
import type { LinkStats } from './link-details';

export function DailyTable({ daily }: { daily: LinkStats['daily'] }) {
  return (
    <details class="daily-table">
      <summary>Daily numbers as a table</summary>
      <table>
        <caption>Visits and unique visitors per UTC day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Visits</th>
            <th scope="col">Unique visitors</th>
          </tr>
        </thead>
        <tbody>
          {daily.map((day) => (
            <tr key={day.date}>
              <th scope="row">{day.date}</th>
              <td>{day.visits}</td>
              <td>{day.uniqueVisitors}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
