/**
 * The redirect hot path: slug → target URL. Links come from the in-process cache before
 * MySQL; only links with maxVisits touch the database on every visit, through one atomic
 * conditional UPDATE, so concurrent visits can never exceed the limit. A link with a password
 * answers PASSWORD_REQUIRED instead of its target until `unlock` is given the right password.
 */
import { PasswordHasher } from '@beacon/auth';
import { LinkEntity } from '@beacon/database';
import { AUTH_ATTEMPTS, Counted, LINK_REDIRECTS } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DatabaseBreaker } from '../database-breaker/database-breaker.service';
import { LinkCache, toCachedLink, type CachedLink } from './link-cache.service';
import { LinkExpiryAnnouncer } from './link-expiry-announcer.service';
import {
  LinkExhaustedError,
  LinkExpiredError,
  LinkNotFoundError,
  LinkPasswordWrongError,
} from './link.errors';
import { LinksService } from './links.service';
import { VisitRecorder, type Visitor } from './visit-recorder.service';

/** What `visit` answers for a password-protected link: show the password form. */
export const PASSWORD_REQUIRED = Symbol('password required');

@Injectable()
export class LinkRedirectService {
  constructor(
    @InjectRepository(LinkEntity) private readonly links: Repository<LinkEntity>,
    private readonly linksService: LinksService,
    private readonly cache: LinkCache,
    private readonly visits: VisitRecorder,
    private readonly passwords: PasswordHasher,
    private readonly database: DatabaseBreaker,
    private readonly expiries: LinkExpiryAnnouncer,
  ) {}

  /** Resolves a visit to its target URL (or PASSWORD_REQUIRED), or throws why it cannot. */
  @Counted(LINK_REDIRECTS, { labels: ({ error, result }) => redirectResult(error, result) })
  async visit(slug: string, visitor: Visitor): Promise<string | typeof PASSWORD_REQUIRED> {
    const link = await this.findLive(slug);
    if (link.passwordHash !== null) return PASSWORD_REQUIRED;
    if (link.maxVisits !== null) await this.countVisit(link);
    return this.recordVisit(link, visitor);
  }

  /** A visit with the password of a protected link (any password passes an open link). */
  @Counted(LINK_REDIRECTS, { labels: ({ error, result }) => redirectResult(error, result) })
  @Counted(AUTH_ATTEMPTS, { labels: ({ error }) => linkPasswordAttempt(error) })
  async unlock(slug: string, password: string, visitor: Visitor): Promise<string> {
    const link = await this.findLive(slug);
    if (link.passwordHash !== null && !(await this.passwords.verify(link.passwordHash, password))) {
      throw new LinkPasswordWrongError(slug);
    }
    if (link.maxVisits !== null) await this.countVisit(link);
    return this.recordVisit(link, visitor);
  }

  private async findLive(slug: string): Promise<CachedLink> {
    const link = this.cache.get(slug) ?? (await this.load(slug));
    if (link.expiresAtMs !== null && link.expiresAtMs <= Date.now()) {
      await this.expiries.announce(link, 'expired');
      throw new LinkExpiredError(slug);
    }
    return link;
  }

  private async load(slug: string): Promise<CachedLink> {
    const mark = this.cache.mark();
    const entry = toCachedLink(await this.database.run(() => this.linksService.get(slug)));
    this.cache.set(entry, mark);
    return entry;
  }

  /** In VISIT_DELIVERY=confirmed mode, the redirect answers once its visit is durable. */
  private async recordVisit(link: CachedLink, visitor: Visitor): Promise<string> {
    await this.visits.record(link, visitor);
    return link.targetUrl;
  }

  private async countVisit(link: CachedLink): Promise<void> {
    if (!link.exhausted && (await this.tryCountVisit(link))) return;
    link.exhausted = true;
    await this.expiries.announce(link, 'exhausted');
    throw new LinkExhaustedError(link.slug);
  }

  /** One atomic conditional UPDATE: false when the link has no visit left. */
  private async tryCountVisit(link: CachedLink): Promise<boolean> {
    const result = await this.database.run(() =>
      this.links
        .createQueryBuilder()
        .update()
        .set({ visitCount: () => 'visit_count + 1' })
        .where('id = :id AND visit_count < max_visits AND deleted_at IS NULL', { id: link.id })
        .execute(),
    );
    return result.affected === 1;
  }
}

/**
 * The contract's redirect results. Not counted: a password form shown, a wrong password (that is
 * `auth_attempts_total`), and failures of our own (MySQL down), which HTTP 5xx count.
 */
function redirectResult(
  error: unknown,
  result: unknown,
): { result: 'found' | 'not_found' | 'expired' } | null {
  if (error === undefined) return result === PASSWORD_REQUIRED ? null : { result: 'found' };
  if (error instanceof LinkNotFoundError) return { result: 'not_found' };
  if (error instanceof LinkExpiredError || error instanceof LinkExhaustedError) {
    return { result: 'expired' };
  }
  return null;
}

function linkPasswordAttempt(error: unknown): { action: string; result: string } | null {
  if (error === undefined) return { action: 'link_password', result: 'success' };
  if (error instanceof LinkPasswordWrongError) {
    return { action: 'link_password', result: 'wrong_password' };
  }
  return null;
}
