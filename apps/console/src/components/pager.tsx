/** Previous and next page of one of the API's paged lists, with where the reader is. */
import './pager.css';

interface PagerProps {
  /** What is paged, for the navigation's name: "Pages of links". */
  label: string;
  page: number;
  limit: number;
  total: number;
  onPage: (page: number) => void;
}

export function Pager({ label, page, limit, total, onPage }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages === 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" class="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous page
      </button>
      <span>
        Page {page} of {pages}
      </span>
      <button
        type="button"
        class="secondary"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        Next page
      </button>
    </nav>
  );
}
