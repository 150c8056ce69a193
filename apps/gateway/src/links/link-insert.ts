/**
 * Inserts a new link's row inside the creating transaction: with the slug asked for (taken:
 * SLUG_TAKEN), or a random one, drawn again on the rare collision.
 */
import { isDuplicateEntryError, type LinkEntity } from '@beacon/database';
import type { Repository } from 'typeorm';
import { SlugTakenError } from './link.errors';
import type { CreateLinkInput } from './link.schemas';
import { randomSlug } from './link-slug';

/** What a new link's row is made of, apart from its slug. */
export interface NewLink {
  input: CreateLinkInput;
  ownerId: string;
  passwordHash: string | null;
}

/** Random slugs collide with probability ~n/3.5e12; a handful of retries is plenty. */
const RANDOM_SLUG_ATTEMPTS = 5;

export function insertLink(links: Repository<LinkEntity>, row: NewLink): Promise<LinkEntity> {
  return row.input.slug
    ? insertWithSlug(links, row, row.input.slug)
    : insertWithRandomSlug(links, row);
}

async function insertWithRandomSlug(
  links: Repository<LinkEntity>,
  row: NewLink,
): Promise<LinkEntity> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await insert(links, row, randomSlug());
    } catch (error) {
      // A duplicate key fails its statement only; the transaction goes on with the next slug.
      if (!isDuplicateEntryError(error) || attempt >= RANDOM_SLUG_ATTEMPTS) throw error;
    }
  }
}

async function insertWithSlug(
  links: Repository<LinkEntity>,
  row: NewLink,
  slug: string,
): Promise<LinkEntity> {
  try {
    return await insert(links, row, slug);
  } catch (error) {
    if (isDuplicateEntryError(error)) throw new SlugTakenError(slug);
    throw error;
  }
}

async function insert(
  links: Repository<LinkEntity>,
  { input, ownerId, passwordHash }: NewLink,
  slug: string,
): Promise<LinkEntity> {
  const link = links.create({
    slug,
    targetUrl: input.url,
    ownerId,
    passwordHash,
    expiresAt: input.expiresAt ?? null,
    maxVisits: input.maxVisits ?? null,
    visitCount: 0,
  });
  await links.insert(link);
  return links.findOneByOrFail({ id: link.id });
}
