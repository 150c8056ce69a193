/**
 * Which links the list shows: one page of the caller's links from the API, narrowed by its `q`
 * (slug or URL containing the text) and `tag`.
 */
import type { ApiClient } from '../api/api-client';
import type { LinkPage } from './link';

export const PAGE_SIZE = 10;

export interface LinkFilter {
  search: string;
  tag: string;
  page: number;
}

export const NO_FILTER: LinkFilter = { search: '', tag: '', page: 1 };

export function linkListPath(filter: LinkFilter): string {
  const query = new URLSearchParams({ page: String(filter.page), limit: String(PAGE_SIZE) });
  const text = filter.search.trim();
  if (text) query.set('q', text);
  if (filter.tag) query.set('tag', filter.tag);
  return `/api/links?${query}`;
}

export function findLinks(api: ApiClient, filter: LinkFilter): Promise<LinkPage> {
  return api.call<LinkPage>('GET', linkListPath(filter));
}
