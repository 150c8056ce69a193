/** Creating, reading and deleting links; every write publishes its event. */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { isDuplicateEntryError, LinkEntity } from '@beacon/database';
import { EventPublisher, linkCreated, linkDeleted } from '@beacon/messaging';
import { Counted, LINKS_CREATED } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RequestValidationError } from '../errors/domain.error';
import { LinkCache, toCachedLink } from './link-cache.service';
import { LinkNotFoundError, SlugTakenError } from './link.errors';
import type { CreateLinkInput } from './link.schemas';
import { isWellFormedSlug, randomSlug } from './link-slug';

/** Random slugs collide with probability ~n/3.5e12; a handful of retries is plenty. */
const RANDOM_SLUG_ATTEMPTS = 5;

@Injectable()
export class LinksService {
  private readonly ownOrigin: string;

  constructor(
    @InjectRepository(LinkEntity) private readonly links: Repository<LinkEntity>,
    private readonly cache: LinkCache,
    private readonly publisher: EventPublisher,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.ownOrigin = new URL(config.http.publicBaseUrl).origin;
  }

  @Counted(LINKS_CREATED, { labels: ({ failed }) => (failed ? null : {}) })
  async create(input: CreateLinkInput): Promise<LinkEntity> {
    if (new URL(input.url).origin === this.ownOrigin) {
      throw new RequestValidationError([
        { field: 'url', message: 'must not point to this shortener' },
      ]);
    }
    const link = input.slug
      ? await this.insertWithSlug(input, input.slug)
      : await this.insertWithRandomSlug(input);
    this.cache.set(toCachedLink(link));
    this.publisher.publish(linkCreated, {
      linkId: link.id,
      slug: link.slug,
      targetUrl: link.targetUrl,
      ownerId: link.ownerId,
    });
    return link;
  }

  async get(slug: string): Promise<LinkEntity> {
    const link = isWellFormedSlug(slug) ? await this.links.findOneBy({ slug }) : null;
    if (!link) throw new LinkNotFoundError(slug);
    return link;
  }

  async delete(slug: string): Promise<void> {
    const link = await this.get(slug);
    await this.links.softDelete({ id: link.id });
    this.cache.delete(slug);
    this.publisher.publish(linkDeleted, { linkId: link.id, slug: link.slug });
  }

  private async insertWithRandomSlug(input: CreateLinkInput): Promise<LinkEntity> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.insert(input, randomSlug());
      } catch (error) {
        if (!isDuplicateEntryError(error) || attempt >= RANDOM_SLUG_ATTEMPTS) throw error;
      }
    }
  }

  private async insertWithSlug(input: CreateLinkInput, slug: string): Promise<LinkEntity> {
    try {
      return await this.insert(input, slug);
    } catch (error) {
      if (isDuplicateEntryError(error)) throw new SlugTakenError(slug);
      throw error;
    }
  }

  private async insert(input: CreateLinkInput, slug: string): Promise<LinkEntity> {
    const link = this.links.create({
      slug,
      targetUrl: input.url,
      ownerId: null,
      expiresAt: input.expiresAt ?? null,
      maxVisits: input.maxVisits ?? null,
      visitCount: 0,
    });
    await this.links.insert(link);
    return this.links.findOneByOrFail({ id: link.id });
  }
}
