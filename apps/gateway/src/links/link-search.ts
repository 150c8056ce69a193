/**
 * The links list's `q`: the caller's links whose slug or URL contains the text, in any case.
 * The pattern is bound as a parameter with `\`, `%` and `_` escaped, so they match themselves.
 * No index serves a substring; the owner's index narrows the scan to the caller's links first.
 */
import type { LinkEntity } from '@beacon/database';
import type { SelectQueryBuilder } from 'typeorm';

export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export function containing(
  select: SelectQueryBuilder<LinkEntity>,
  text: string | undefined,
): SelectQueryBuilder<LinkEntity> {
  if (text === undefined) return select;
  // The slug is ASCII: compared as it is, MariaDB refuses a pattern with characters outside it
  // (an emoji: "Illegal mix of collations"), so it is read as utf8mb4 like the URL.
  return select.andWhere(
    '(LOWER(CONVERT(link.slug USING utf8mb4)) LIKE :search OR LOWER(link.targetUrl) LIKE :search)',
    { search: likePattern(text) },
  );
}
