/**
 * Creating, listing, reading, updating and deleting links. Links belong to their creator: only
 * the owner or an admin may read, change or delete one, and anyone else gets the same 404 as for a
 * slug that does not exist. Creating, editing and deleting publish their events through the
 * outbox, in the same transaction as the change: every replica evicts an edited or deleted link
 * from its cache on them (LinkCacheInvalidation). Reads may come from a read replica
 * (ReadRouter), except the reads a write acts on; a writer's own reads see its writes. A link's
 * tags are written in the same transaction as the link and read with it.
 */
import { PasswordHasher, type AuthenticatedUser } from '@beacon/auth';
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { LinkEntity, LinkTagEntity } from '@beacon/database';
import { linkCreated, linkDeleted, linkUpdated } from '@beacon/messaging';
import { Counted, LINKS_CREATED } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RequestValidationError } from '../errors/domain.error';
import { Outbox } from '../outbox/outbox.service';
import { ReadRouter } from '../read-replicas/read-router.service';
import { linkScope, writerScope, type ReadScope } from '../read-replicas/read-scope';
import { LinkCache, toCachedLink } from './link-cache.service';
import { insertLink } from './link-insert';
import { LinkNotFoundError } from './link.errors';
import type { Page } from '../pagination/page-query';
import type { CreateLinkInput, LinkListQuery, UpdateLinkInput } from './link.schemas';
import { isWellFormedSlug } from './link-slug';
import { originKey } from './own-origin';
import { containing } from './link-search';
import { carryingAll, insertTags, replaceTags, tagsOf } from './tags/link-tag-rows';
import type { TaggedLink } from './tags/tagged-link';

@Injectable()
export class LinksService {
  private readonly ownOrigin: string;

  constructor(
    @InjectRepository(LinkEntity) private readonly links: Repository<LinkEntity>,
    private readonly cache: LinkCache,
    private readonly outbox: Outbox,
    private readonly passwords: PasswordHasher,
    private readonly reads: ReadRouter,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.ownOrigin = originKey(new URL(config.http.publicBaseUrl));
  }

  @Counted(LINKS_CREATED, { labels: ({ failed }) => (failed ? null : {}) })
  async create(input: CreateLinkInput, owner: AuthenticatedUser): Promise<TaggedLink> {
    this.checkTarget(input.url);
    const passwordHash = input.password ? await this.passwords.hash(input.password) : null;
    const row = { input, ownerId: owner.id, passwordHash };
    const tags = input.tags ?? [];
    const link = await this.outbox.transaction(async (manager, events) => {
      const inserted = await insertLink(manager.getRepository(LinkEntity), row);
      await insertTags(manager, inserted.id, tags);
      events.add(linkCreated, {
        linkId: inserted.id,
        slug: inserted.slug,
        targetUrl: inserted.targetUrl,
        ownerId: inserted.ownerId,
      });
      return inserted;
    });
    await this.reads.wrote(writerScope(owner.id));
    this.cache.set(toCachedLink(link));
    return { link, tags };
  }

  /** The caller's links carrying every tag of `tag` (if any), newest first. */
  list(owner: AuthenticatedUser, query: LinkListQuery): Promise<Page<TaggedLink>> {
    const { page, limit, tag = [], q } = query;
    return this.reads.read(writerScope(owner.id), async (manager) => {
      const select = manager
        .createQueryBuilder(LinkEntity, 'link')
        .where('link.ownerId = :ownerId', { ownerId: owner.id });
      const [links, total] = await containing(carryingAll(select, tag), q)
        .orderBy('link.createdAt', 'DESC')
        .addOrderBy('link.id', 'DESC')
        .offset((page - 1) * limit)
        .limit(limit)
        .getManyAndCount();
      const tags = await tagsOf(
        manager,
        links.map((link) => link.id),
      );
      const items = links.map((link) => ({ link, tags: tags.get(link.id) ?? [] }));
      return { items, page, limit, total };
    });
  }

  /** Any live link, whoever owns it: the redirect's lookup. */
  async get(slug: string): Promise<LinkEntity> {
    const link = await this.lookUp(slug, linkScope(slug));
    if (!link) throw new LinkNotFoundError(slug);
    return link;
  }

  /** A link the caller may manage (theirs, or any for an admin); 404 otherwise. */
  async getManaged(slug: string, caller: AuthenticatedUser): Promise<LinkEntity> {
    return managed(slug, caller, await this.lookUp(slug, writerScope(caller.id)));
  }

  /** `getManaged` with the link's tags, read from the same pool. */
  async getManagedWithTags(slug: string, caller: AuthenticatedUser): Promise<TaggedLink> {
    if (!isWellFormedSlug(slug)) throw new LinkNotFoundError(slug);
    const found = await this.reads.find(writerScope(caller.id), async (manager) => {
      const link = await manager.findOneBy(LinkEntity, { slug });
      if (!link) return null;
      return { link, tags: (await tagsOf(manager, [link.id])).get(link.id) ?? [] };
    });
    return { link: managed(slug, caller, found?.link ?? null), tags: found?.tags ?? [] };
  }

  async update(
    slug: string,
    caller: AuthenticatedUser,
    patch: UpdateLinkInput,
  ): Promise<TaggedLink> {
    const link = await this.getManagedToWrite(slug, caller);
    if (patch.url !== undefined) this.checkTarget(patch.url);
    // Hashed before the transaction, which would otherwise stay open for argon2's time.
    const changes: Partial<LinkEntity> = {
      ...(patch.url !== undefined && { targetUrl: patch.url }),
      ...(patch.expiresAt !== undefined && { expiresAt: patch.expiresAt }),
      ...(patch.maxVisits !== undefined && { maxVisits: patch.maxVisits }),
      // A new expiry or limit may expire the link again: announce that too.
      ...((patch.expiresAt !== undefined || patch.maxVisits !== undefined) && {
        expiryAnnouncedAt: null,
      }),
      ...(patch.password !== undefined && {
        passwordHash: patch.password === null ? null : await this.passwords.hash(patch.password),
      }),
    };
    const updated = await this.outbox.transaction(async (manager, events) => {
      const links = manager.getRepository(LinkEntity);
      // A PATCH of the tags alone changes no column (and TypeORM refuses an empty UPDATE).
      if (Object.keys(changes).length > 0) await links.update({ id: link.id }, changes);
      if (patch.tags !== undefined) await replaceTags(manager, link.id, patch.tags);
      events.add(linkUpdated, { linkId: link.id, slug: link.slug });
      return {
        link: await links.findOneByOrFail({ id: link.id }),
        tags: (await tagsOf(manager, [link.id])).get(link.id) ?? [],
      };
    });
    await this.reads.wrote(writerScope(caller.id), linkScope(slug));
    this.cache.set(toCachedLink(updated.link));
    return updated;
  }

  async delete(slug: string, caller: AuthenticatedUser): Promise<void> {
    const link = await this.getManagedToWrite(slug, caller);
    await this.outbox.transaction(async (manager, events) => {
      await manager.softDelete(LinkEntity, { id: link.id });
      // The row stays (its slug stays taken); its tags go, so no count or filter sees them.
      await manager.delete(LinkTagEntity, { linkId: link.id });
      events.add(linkDeleted, { linkId: link.id, slug: link.slug });
    });
    await this.reads.wrote(writerScope(caller.id), linkScope(slug));
    this.cache.delete(slug);
  }

  private lookUp(slug: string, scope: ReadScope): Promise<LinkEntity | null> {
    if (!isWellFormedSlug(slug)) return Promise.resolve(null);
    return this.reads.find(scope, (manager) => manager.findOneBy(LinkEntity, { slug }));
  }

  /** What a write acts on comes from the primary: a replica's copy may be gone already. */
  private async getManagedToWrite(slug: string, caller: AuthenticatedUser): Promise<LinkEntity> {
    return managed(
      slug,
      caller,
      isWellFormedSlug(slug) ? await this.links.findOneBy({ slug }) : null,
    );
  }

  /** A short link to this shortener, under any of its names, would make a redirect loop. */
  private checkTarget(url: string): void {
    if (originKey(new URL(url)) === this.ownOrigin) {
      throw new RequestValidationError([
        { field: 'url', message: 'must not point to this shortener' },
      ]);
    }
  }
}

function managed(slug: string, caller: AuthenticatedUser, link: LinkEntity | null): LinkEntity {
  if (!link || (caller.role !== 'admin' && link.ownerId !== caller.id)) {
    throw new LinkNotFoundError(slug);
  }
  return link;
}
