/**
 * The redirect hot path: slug → target URL. Links come from the in-process cache before
 * MySQL; only links with maxVisits touch the database on every visit, through one atomic
 * conditional UPDATE, so concurrent visits can never exceed the limit.
 */
import { LinkEntity } from '@beacon/database';
import { Counted, LINK_REDIRECTS } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LinkCache, toCachedLink, type CachedLink } from './link-cache.service';
import { LinkExhaustedError, LinkExpiredError, LinkNotFoundError } from './link.errors';
import { LinksService } from './links.service';
import { VisitRecorder, type Visitor } from './visit-recorder.service';

@Injectable()
export class LinkRedirectService {
  constructor(
    @InjectRepository(LinkEntity) private readonly links: Repository<LinkEntity>,
    private readonly linksService: LinksService,
    private readonly cache: LinkCache,
    private readonly visits: VisitRecorder,
  ) {}

  /** Resolves a visit to its target URL, or throws why it cannot (404 / 410). */
  @Counted(LINK_REDIRECTS, { labels: ({ error }) => redirectResult(error) })
  async visit(slug: string, visitor: Visitor): Promise<string> {
    const link = await this.find(slug);
    if (link.expiresAtMs !== null && link.expiresAtMs <= Date.now()) {
      throw new LinkExpiredError(slug);
    }
    if (link.maxVisits !== null) await this.countVisit(link);
    this.visits.record(link, visitor);
    return link.targetUrl;
  }

  private async find(slug: string): Promise<CachedLink> {
    const cached = this.cache.get(slug);
    if (cached) return cached;
    const entry = toCachedLink(await this.linksService.get(slug));
    this.cache.set(entry);
    return entry;
  }

  private async countVisit(link: CachedLink): Promise<void> {
    if (link.exhausted) throw new LinkExhaustedError(link.slug);
    const result = await this.links
      .createQueryBuilder()
      .update()
      .set({ visitCount: () => 'visit_count + 1' })
      .where('id = :id AND visit_count < max_visits AND deleted_at IS NULL', { id: link.id })
      .execute();
    if (result.affected === 1) return;
    link.exhausted = true;
    throw new LinkExhaustedError(link.slug);
  }
}

/** The contract's redirect results; a failure of our own (MySQL down) is left to HTTP 5xx. */
function redirectResult(error: unknown): { result: 'found' | 'not_found' | 'expired' } | null {
  if (error === undefined) return { result: 'found' };
  if (error instanceof LinkNotFoundError) return { result: 'not_found' };
  if (error instanceof LinkExpiredError || error instanceof LinkExhaustedError) {
    return { result: 'expired' };
  }
  return null;
}
