/** One link in the list: its short URL and target, its limits and tags, and what can be done to it. */
import { formatInstant } from '../components/format-instant';
import { hrefOf } from '../shell/route';
import type { Link } from './link';

export interface LinkActions {
  onCopy: (link: Link) => void;
  onEdit: (link: Link) => void;
  onDelete: (link: Link) => void;
}

export function LinkItem({ link, actions }: { link: Link; actions: LinkActions }) {
  const limits = limitsOf(link);
  // The slug, read but not shown, tells the buttons of one link from those of the next.
  const which = <span class="visually-hidden"> /{link.slug}</span>;
  return (
    <li>
      <a class="short" href={link.shortUrl}>
        {link.shortUrl}
      </a>
      <span class="target">{link.url}</span>
      {limits && <span class="meta">{limits}</span>}
      {link.tags.length > 0 && (
        <span class="meta">
          Tags:{' '}
          {link.tags.map((tag) => (
            <span class="tag" key={tag}>
              {tag}
            </span>
          ))}
        </span>
      )}
      <span class="link-actions">
        <a href={hrefOf({ page: 'link', slug: link.slug })}>Details{which}</a>
        <button type="button" class="secondary" onClick={() => actions.onCopy(link)}>
          Copy{which}
        </button>
        <button type="button" class="secondary" onClick={() => actions.onEdit(link)}>
          Edit{which}
        </button>
        <button type="button" class="secondary" onClick={() => actions.onDelete(link)}>
          Delete{which}
        </button>
      </span>
    </li>
  );
}

function limitsOf(link: Link): string {
  return [
    link.expiresAt && `Expires ${formatInstant(link.expiresAt)}`,
    link.maxVisits !== null && `At most ${link.maxVisits} visits`,
    link.passwordProtected && 'Password protected',
  ]
    .filter(Boolean)
    .join(' · ');
}
