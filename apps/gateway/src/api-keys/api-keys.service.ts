/**
 * A user's API keys: create (the key is returned once, only its SHA-256 is stored), list the keys
 * not revoked, revoke. Revoking takes effect on every replica from the next request, since each
 * request made with a key looks it up (ApiKeyVerifier in @beacon/auth). Another user's key is
 * the same 404 as an unknown one.
 */
import { generateApiKey, type AuthenticatedUser } from '@beacon/auth';
import { ApiKeyEntity, type ApiKeyScope } from '@beacon/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ApiKeyNotFoundError, ScopeNotGrantableError } from './api-key.errors';
import type { CreateApiKeyInput } from './api-key.schemas';

/** Scopes only an admin may grant (the routes they open are admin-only anyway). */
const ADMIN_ONLY_SCOPES: readonly ApiKeyScope[] = ['products:write'];

/** A BIGINT id in decimal; anything else cannot name a key. */
const KEY_ID = /^[1-9]\d{0,18}$/;

export interface IssuedApiKey {
  key: string;
  stored: ApiKeyEntity;
}

@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async create(input: CreateApiKeyInput, owner: AuthenticatedUser): Promise<IssuedApiKey> {
    const adminOnly = input.scopes.find((scope) => ADMIN_ONLY_SCOPES.includes(scope));
    if (adminOnly && owner.role !== 'admin') throw new ScopeNotGrantableError(adminOnly);
    const { key, prefix, keyHash } = generateApiKey();
    const stored = await this.keys.save(
      this.keys.create({
        userId: owner.id,
        name: input.name,
        prefix,
        keyHash,
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
      }),
    );
    return { key, stored };
  }

  /** The owner's keys not revoked (expired ones included, to be seen and revoked), newest first. */
  list(owner: AuthenticatedUser): Promise<ApiKeyEntity[]> {
    return this.keys.find({
      where: { userId: owner.id, revokedAt: IsNull() },
      order: { id: 'DESC' },
    });
  }

  async revoke(id: string, owner: AuthenticatedUser): Promise<void> {
    if (!KEY_ID.test(id)) throw new ApiKeyNotFoundError(id);
    const { affected } = await this.keys.update(
      { id, userId: owner.id, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    if (!affected) throw new ApiKeyNotFoundError(id);
  }
}
