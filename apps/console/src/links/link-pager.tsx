/** Previous and next page of the list, with where the reader is among the pages. */
import type { LinkPage } from './link';

export function LinkPager({ found, onPage }: { found: LinkPage; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(found.total / found.limit));
  if (pages === 1) return null;
  return (
    <nav class="pager" aria-label="Pages of links">
      <button
        type="button"
        class="secondary"
        disabled={found.page <= 1}
        onClick={() => onPage(found.page - 1)}
      >
        Previous page
      </button>
      <span>
        Page {found.page} of {pages}
      </span>
      <button
        type="button"
        class="secondary"
        disabled={found.page >= pages}
        onClick={() => onPage(found.page + 1)}
      >
        Next page
      </button>
    </nav>
  );
}
