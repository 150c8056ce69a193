/**
 * Creating, listing, reading, updating and deleting links. Links belong to their creator: only
 * the owner or an admin may read, change or delete one, and anyone else gets the same 404 as for a
 * slug that does not exist. Creating, editing and deleting publish their events through the
 * outbox, in the same transaction as the change: every replica evicts an edited or deleted link
 * from its cache on them (LinkCacheInvalidation).
 */
import { PasswordHasher, type AuthenticatedUser } from '@beacon/auth';
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { isDuplicateEntryError, LinkEntity } from '@beacon/database';
import { linkCreated, linkDeleted, linkUpdated } from '@beacon/messaging';
import { Counted, LINKS_CREATED } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RequestValidationError } from '../errors/domain.error';
import { Outbox } from '../outbox/outbox.service';
import { LinkCache, toCachedLink } from './link-cache.service';
import { LinkNotFoundError, SlugTakenError } from './link.errors';
import type { Page, PageQuery } from '../pagination/page-query';
import type { CreateLinkInput, UpdateLinkInput } from './link.schemas';
import { isWellFormedSlug, randomSlug } from './link-slug';

/** What a new link's row is made of, apart from its slug. */
interface NewLink {
  input: CreateLinkInput;
  ownerId: string;
  passwordHash: string | null;
}

/** Random slugs collide with probability ~n/3.5e12; a handful of retries is plenty. */
const RANDOM_SLUG_ATTEMPTS = 5;

@Injectable()
export class LinksService {
  private readonly ownOrigin: string;

  constructor(
    @InjectRepository(LinkEntity) private readonly links: Repository<LinkEntity>,
    private readonly cache: LinkCache,
    private readonly outbox: Outbox,
    private readonly passwords: PasswordHasher,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.ownOrigin = new URL(config.http.publicBaseUrl).origin;
  }

  @Counted(LINKS_CREATED, { labels: ({ failed }) => (failed ? null : {}) })
  async create(input: CreateLinkInput, owner: AuthenticatedUser): Promise<LinkEntity> {
    this.checkTarget(input.url);
    const passwordHash = input.password ? await this.passwords.hash(input.password) : null;
    const row = { input, ownerId: owner.id, passwordHash };
    const link = await this.outbox.transaction(async (manager, events) => {
      const links = manager.getRepository(LinkEntity);
      const inserted = input.slug
        ? await insertWithSlug(links, row, input.slug)
        : await insertWithRandomSlug(links, row);
      events.add(linkCreated, {
        linkId: inserted.id,
        slug: inserted.slug,
        targetUrl: inserted.targetUrl,
        ownerId: inserted.ownerId,
      });
      return inserted;
    });
    this.cache.set(toCachedLink(link));
    return link;
  }

  /** The caller's links, newest first. */
  async list(owner: AuthenticatedUser, { page, limit }: PageQuery): Promise<Page<LinkEntity>> {
    const [items, total] = await this.links.findAndCount({
      where: { ownerId: owner.id },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * limit,
      take: limit,
    });
    return { items, page, limit, total };
  }

  /** Any live link, whoever owns it: the redirect's lookup. */
  async get(slug: string): Promise<LinkEntity> {
    const link = isWellFormedSlug(slug) ? await this.links.findOneBy({ slug }) : null;
    if (!link) throw new LinkNotFoundError(slug);
    return link;
  }

  /** A link the caller may manage (theirs, or any for an admin); 404 otherwise. */
  async getManaged(slug: string, caller: AuthenticatedUser): Promise<LinkEntity> {
    const link = await this.get(slug);
    if (caller.role !== 'admin' && link.ownerId !== caller.id) throw new LinkNotFoundError(slug);
    return link;
  }

  async update(
    slug: string,
    caller: AuthenticatedUser,
    patch: UpdateLinkInput,
  ): Promise<LinkEntity> {
    const link = await this.getManaged(slug, caller);
    if (patch.url !== undefined) this.checkTarget(patch.url);
    // Hashed before the transaction, which would otherwise stay open for argon2's time.
    const changes: Partial<LinkEntity> = {
      ...(patch.url !== undefined && { targetUrl: patch.url }),
      ...(patch.expiresAt !== undefined && { expiresAt: patch.expiresAt }),
      ...(patch.maxVisits !== undefined && { maxVisits: patch.maxVisits }),
      ...(patch.password !== undefined && {
        passwordHash: patch.password === null ? null : await this.passwords.hash(patch.password),
      }),
    };
    const updated = await this.outbox.transaction(async (manager, events) => {
      const links = manager.getRepository(LinkEntity);
      await links.update({ id: link.id }, changes);
      events.add(linkUpdated, { linkId: link.id, slug: link.slug });
      return links.findOneByOrFail({ id: link.id });
    });
    this.cache.set(toCachedLink(updated));
    return updated;
  }

  async delete(slug: string, caller: AuthenticatedUser): Promise<void> {
    const link = await this.getManaged(slug, caller);
    await this.outbox.transaction(async (manager, events) => {
      await manager.softDelete(LinkEntity, { id: link.id });
      events.add(linkDeleted, { linkId: link.id, slug: link.slug });
    });
    this.cache.delete(slug);
  }

  /** A short link to this shortener would make a redirect loop (or hide one). */
  private checkTarget(url: string): void {
    if (new URL(url).origin === this.ownOrigin) {
      throw new RequestValidationError([
        { field: 'url', message: 'must not point to this shortener' },
      ]);
    }
  }
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
