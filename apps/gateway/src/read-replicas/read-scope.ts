/**
 * Whose writes a read must see. A read in a writer's scope goes to the primary for a short
 * while after that scope wrote (read-your-writes); a read for anyone needs no one's writes.
 */
export type WriteScope = `user:${string}` | `link:${string}` | 'catalog';
export type ReadScope = WriteScope | 'anyone';

/** Reads that need no particular write. */
export const ANYONE = 'anyone';

/**
 * The catalog as a whole: its lists and searches are shared and cached for everyone, so any
 * product write sends every catalog load to the primary for the window.
 */
export const CATALOG = 'catalog';

/** A user's own data (their links and stats): their writes, their reads. */
export function writerScope(userId: string): WriteScope {
  return `user:${userId}`;
}

/**
 * One link, for its redirect: an edit or a delete sends the slug's lookups to the primary for
 * the window, so a cache just evicted for it (on any gateway) is not filled again from a
 * replica that has not seen the change yet.
 */
export function linkScope(slug: string): WriteScope {
  return `link:${slug}`;
}
