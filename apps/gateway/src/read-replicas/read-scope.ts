/**
 * Whose writes a read must see. A read in a writer's scope goes to the primary for a short
 * while after that scope wrote (read-your-writes); a read for anyone needs no one's writes.
 */
export type WriteScope = `user:${string}` | 'catalog';
export type ReadScope = WriteScope | 'anyone';

/** Reads that need no particular write: a visitor's redirect. */
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
