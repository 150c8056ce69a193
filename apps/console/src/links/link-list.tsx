/** The caller's links, newest first, with loading and empty states. */
import type { Link } from './link';

export function LinkList({ links }: { links: Link[] | undefined }) {
  if (!links) return <p aria-busy="true">Loading your links…</p>;
  if (links.length === 0) return <p class="empty">No links yet. Shorten your first URL above.</p>;
  return (
    <ul class="links" aria-label="Your links">
      {links.map((link) => (
        <li key={link.slug}>
          <a href={link.shortUrl}>{link.shortUrl}</a>
          <span class="target">{link.url}</span>
        </li>
      ))}
    </ul>
  );
}
