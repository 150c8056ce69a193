/**
 * The link form's values as its inputs hold them (strings; the expiry in the browser's local
 * time) and the API bodies made of them: POST takes what is filled in, PATCH only what differs
 * from the link, an emptied expiry or visit limit sent as `null`, which the API reads as "remove".
 */
import type { Link } from './link';

export interface LinkDraft {
  url: string;
  slug: string;
  /** `YYYY-MM-DDTHH:mm` of a datetime-local input, local time. */
  expiresAt: string;
  maxVisits: string;
  password: string;
  removePassword: boolean;
  /** Comma-separated. */
  tags: string;
}

export type LinkBody = Partial<Record<keyof LinkDraft, unknown>>;

export const EMPTY_DRAFT: LinkDraft = {
  url: '',
  slug: '',
  expiresAt: '',
  maxVisits: '',
  password: '',
  removePassword: false,
  tags: '',
};

export function draftOf(link: Link): LinkDraft {
  return {
    ...EMPTY_DRAFT,
    url: link.url,
    slug: link.slug,
    expiresAt: link.expiresAt ? localInputOf(link.expiresAt) : '',
    maxVisits: link.maxVisits?.toString() ?? '',
    tags: link.tags.join(', '),
  };
}

export function createBodyOf(draft: LinkDraft): LinkBody {
  const tags = tagsOf(draft.tags);
  return {
    url: draft.url,
    ...(draft.slug && { slug: draft.slug }),
    ...(draft.expiresAt && { expiresAt: isoOf(draft.expiresAt) }),
    ...(draft.maxVisits && { maxVisits: Number(draft.maxVisits) }),
    ...(draft.password && { password: draft.password }),
    ...(tags.length > 0 && { tags }),
  };
}

export function patchOf(link: Link, draft: LinkDraft): LinkBody {
  const before = draftOf(link);
  const patch: LinkBody = {};
  if (draft.url !== before.url) patch.url = draft.url;
  if (draft.expiresAt !== before.expiresAt) {
    patch.expiresAt = draft.expiresAt ? isoOf(draft.expiresAt) : null;
  }
  if (draft.maxVisits !== before.maxVisits) {
    patch.maxVisits = draft.maxVisits ? Number(draft.maxVisits) : null;
  }
  if (draft.removePassword) patch.password = null;
  else if (draft.password) patch.password = draft.password;
  const tags = tagsOf(draft.tags);
  if (normalised(tags).join() !== link.tags.join()) patch.tags = tags;
  return patch;
}

export function tagsOf(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** The API stores tags lower-cased, deduplicated and sorted; `Blog, blog` changes nothing. */
function normalised(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.toLowerCase()))].sort();
}

/** A local date-time as ISO 8601 in UTC; one the browser cannot read goes as typed, for the API to name. */
export function isoOf(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

export function localInputOf(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}
