/**
 * Which links the list shows: a page of the caller's links, narrowed to a tag by the API. The API
 * has no text search, so a search reads the caller's links (the tag filter still applied by the
 * API, the newest MAX_SEARCHED at most) and keeps those whose slug, target or tags contain the
 * text, paged here the same way.
 */
import type { ApiClient } from '../api/api-client';
import type { Link, LinkPage } from './link';

export const PAGE_SIZE = 10;
/** The API's largest page. */
const SEARCH_BATCH = 100;
export const MAX_SEARCHED = 1000;

export interface LinkFilter {
  search: string;
  tag: string;
  page: number;
}

export const NO_FILTER: LinkFilter = { search: '', tag: '', page: 1 };

export async function findLinks(api: ApiClient, filter: LinkFilter): Promise<LinkPage> {
  const text = filter.search.trim().toLowerCase();
  if (!text) return readPage(api, filter.tag, filter.page, PAGE_SIZE);
  const matches = (await readAll(api, filter.tag)).filter((link) => matchesText(link, text));
  const start = (filter.page - 1) * PAGE_SIZE;
  return {
    items: matches.slice(start, start + PAGE_SIZE),
    page: filter.page,
    limit: PAGE_SIZE,
    total: matches.length,
  };
}

/** `text` lower-cased; the API keeps tags lower-case already. */
export function matchesText(link: Link, text: string): boolean {
  return [link.slug, link.url, ...link.tags].some((field) => field.toLowerCase().includes(text));
}

function readPage(api: ApiClient, tag: string, page: number, limit: number): Promise<LinkPage> {
  const query = new URLSearchParams({ page: String(page), limit: String(limit) });
  if (tag) query.set('tag', tag);
  return api.call<LinkPage>('GET', `/api/links?${query}`);
}

async function readAll(api: ApiClient, tag: string): Promise<Link[]> {
  const links: Link[] = [];
  for (let page = 1; links.length < MAX_SEARCHED; page++) {
    const batch = await readPage(api, tag, page, SEARCH_BATCH);
    links.push(...batch.items);
    if (links.length >= batch.total || batch.items.length === 0) break;
  }
  return links;
}
