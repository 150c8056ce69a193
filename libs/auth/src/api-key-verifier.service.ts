/**
 * Identifies the API key a request carries in `X-Api-Key`: the SHA-256 of the key looked up in
 * `api_keys` (a unique index) together with its owner, on the primary, on every request. There
 * is no cache, so a key revoked through any replica is refused by every replica from the next
 * request on, and the owner's role and status are current. A key this API cannot have issued is
 * refused without a query. The lookup compares hashes, never the secret itself, so its timing
 * tells nothing about a key.
 *
 * Two guards ask for each request (the rate-limit guard, whose `key` class has a bucket per key,
 * and JwtAuthGuard), so the answer is kept for the request's lifetime and looked up once.
 */
import { ApiKeyEntity, type ApiKeyScope } from '@beacon/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { hashApiKey, isWellFormedApiKey } from './api-key-format';
import { ApiKeyLastUse } from './api-key-last-use';
import type { ApiKeyRefusal } from './api-key-refusals';
import type { AuthenticatedUser } from './authenticated-user';

export const API_KEY_HEADER = 'x-api-key';

export interface IdentifiedApiKey {
  keyId: string;
  scopes: ApiKeyScope[];
  owner: AuthenticatedUser;
}

export type ApiKeyIdentity = IdentifiedApiKey | { refused: ApiKeyRefusal };

@Injectable()
export class ApiKeyVerifier {
  private readonly identities = new WeakMap<FastifyRequest, Promise<ApiKeyIdentity>>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly lastUse: ApiKeyLastUse,
  ) {}

  /** The request's key and its owner, or why it is refused; undefined without a key. */
  identify(request: FastifyRequest): Promise<ApiKeyIdentity> | undefined {
    const presented = request.headers[API_KEY_HEADER];
    if (presented === undefined) return undefined;
    let identity = this.identities.get(request);
    if (!identity) {
      identity = this.lookUp(presented);
      this.identities.set(request, identity);
    }
    return identity;
  }

  private async lookUp(presented: string | string[]): Promise<ApiKeyIdentity> {
    if (typeof presented !== 'string' || !isWellFormedApiKey(presented)) {
      return { refused: 'invalid_key' };
    }
    const stored = await this.keys.findOne({
      where: { keyHash: hashApiKey(presented) },
      relations: { owner: true },
    });
    if (!stored?.owner) return { refused: 'invalid_key' };
    if (stored.revokedAt !== null) return { refused: 'revoked' };
    if (stored.expiresAt !== null && stored.expiresAt.getTime() <= Date.now()) {
      return { refused: 'expired' };
    }
    if (stored.owner.disabledAt !== null) return { refused: 'account_disabled' };
    this.lastUse.record(stored);
    const { id, email, role } = stored.owner;
    return { keyId: stored.id, scopes: stored.scopes, owner: { id, email, role } };
  }
}
