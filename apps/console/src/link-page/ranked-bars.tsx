/**
 * One breakdown (referrers, browsers…) as ranked rows: the name, its visits, and a bar as long as
 * its share of the top row. The bar is decorative: the number beside it says the same.
 */
import type { RankedValue } from './link-details';

export function RankedBars({ title, values }: { title: string; values: RankedValue[] }) {
  const id = `ranked-${title.toLowerCase().replace(/\W+/g, '-')}`;
  const top = Math.max(1, ...values.map((value) => value.visits));
  return (
    <section aria-labelledby={id} class="ranked">
      <h3 id={id}>{title}</h3>
      {values.length === 0 ? (
        <p class="empty">None recorded.</p>
      ) : (
        <ol aria-labelledby={id}>
          {values.map((value) => (
            <li key={value.name}>
              <span class="name">{value.name}</span>
              <span class="count">{value.visits}</span>
              <span class="share" aria-hidden="true">
                <span style={{ width: `${(100 * value.visits) / top}%` }} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
