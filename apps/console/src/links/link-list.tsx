/** The links of the current page, newest first, with loading and empty states. */
import type { LinkPage } from './link';
import { LinkItem, type LinkActions } from './link-item';

interface LinkListProps {
  found: LinkPage | undefined;
  filtered: boolean;
  actions: LinkActions;
}

export function LinkList({ found, filtered, actions }: LinkListProps) {
  if (!found) return <p aria-busy="true">Loading your links…</p>;
  if (found.total === 0) {
    return filtered ? (
      <p class="empty">No links match. Change the search or the tag.</p>
    ) : (
      <p class="empty">No links yet. Shorten your first URL above.</p>
    );
  }
  return (
    <ul class="links" aria-label="Your links">
      {found.items.map((link) => (
        <LinkItem key={link.slug} link={link} actions={actions} />
      ))}
    </ul>
  );
}
