/**
 * Narrows the list: a search run on submit (the API's `q`; the API's message for it shows
 * beside the box) and a tag picked from the caller's own tags, applied at once.
 */
import { useState } from 'preact/hooks';
import { TextField } from '../components/text-field';
import type { TagCount } from './link';
import type { LinkFilter } from './link-search';

interface LinkFiltersProps {
  filter: LinkFilter;
  tags: TagCount[];
  onFilter: (filter: LinkFilter) => void;
  searchError?: string;
}

export function LinkFilters({ filter, tags, onFilter, searchError }: LinkFiltersProps) {
  const [text, setText] = useState(filter.search);
  // A tag whose last link went away stays offered while it is the one picked.
  const names = tags.map((tag) => tag.name);
  const offered =
    filter.tag && !names.includes(filter.tag) ? [{ name: filter.tag, links: 0 }, ...tags] : tags;
  const submit = (event: Event) => {
    event.preventDefault();
    onFilter({ ...filter, search: text, page: 1 });
  };
  return (
    <form role="search" aria-label="Links" class="filters" onSubmit={submit}>
      <TextField
        name="search"
        label="Search"
        type="search"
        value={text}
        onInput={setText}
        hint="In slugs and target URLs, any case."
        error={searchError}
      />
      <button type="submit">Search</button>
      <div class="field">
        <label for="link-tag">Tag</label>
        <select
          id="link-tag"
          value={filter.tag}
          onChange={(event) => onFilter({ ...filter, tag: event.currentTarget.value, page: 1 })}
        >
          <option value="">All tags</option>
          {offered.map((tag) => (
            <option key={tag.name} value={tag.name}>
              {tag.name} ({tag.links})
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
