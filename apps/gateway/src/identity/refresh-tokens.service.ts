/**
 * Refresh tokens: 32 random bytes (base64url) handed out once, stored only as their SHA-256, each
 * valid for JWT_REFRESH_EXPIRES_DAYS and usable once. A refresh locks its token's row, marks it
 * used and issues the next token of the same family in one transaction, so two concurrent
 * refreshes with one token cannot both succeed. A token presented again after its use revokes
 * its whole family (someone holds a copy) and is refused.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { isDeadlockError, RefreshTokenEntity, UserEntity } from '@beacon/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, IsNull, Repository, type EntityManager } from 'typeorm';
import { InvalidRefreshTokenError, type RefreshRefusal } from './auth.errors';

const TOKEN_BYTES = 32;
const DAY_MS = 86_400_000;
/** A rotation that lost a deadlock runs again, at most this many times in all. */
const MAX_ROTATION_ATTEMPTS = 3;

export interface RotatedRefreshToken {
  user: UserEntity;
  refreshToken: string;
}

type Rotation = RotatedRefreshToken | { refused: RefreshRefusal };

@Injectable()
export class RefreshTokens {
  private readonly lifetimeMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.lifetimeMs = config.auth.refreshExpiresDays * DAY_MS;
  }

  /** The first token of a new family (a login or a registration). */
  issue(userId: string): Promise<string> {
    return this.insert(this.tokens.manager, userId, randomUUID());
  }

  /** Uses the token up and returns its successor, or throws why it cannot. */
  async rotate(token: string): Promise<RotatedRefreshToken> {
    // A refusal that revokes the family must commit that first, so it is returned, not thrown.
    const rotation = await this.rotateInTransaction(token);
    if ('refused' in rotation) throw new InvalidRefreshTokenError(rotation.refused);
    return rotation;
  }

  /**
   * Two rotations of one token can deadlock (each holds or awaits the row lock while the other
   * inserts the successor); InnoDB rolls one back, and its retry sees the winner's commit.
   */
  private async rotateInTransaction(token: string): Promise<Rotation> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.rotateLocked(manager, token));
      } catch (error) {
        if (!isDeadlockError(error) || attempt >= MAX_ROTATION_ATTEMPTS) throw error;
      }
    }
  }

  /** Logout: revokes the family of this token, if it is one of ours. */
  async revokeFamilyOf(token: string): Promise<void> {
    const stored = await this.tokens.findOneBy({ tokenHash: tokenHash(token) });
    if (stored) await revokeFamily(this.tokens.manager, stored.familyId);
  }

  private async rotateLocked(manager: EntityManager, token: string): Promise<Rotation> {
    const stored = await manager.findOne(RefreshTokenEntity, {
      where: { tokenHash: tokenHash(token) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!stored) return { refused: 'unknown' };
    if (stored.revokedAt !== null) return { refused: 'revoked' };
    if (stored.usedAt !== null) {
      await revokeFamily(manager, stored.familyId);
      return { refused: 'reused' };
    }
    if (stored.expiresAt.getTime() <= Date.now()) return { refused: 'expired' };
    const user = await manager.findOneBy(UserEntity, { id: stored.userId });
    if (!user || user.disabledAt !== null) {
      await revokeFamily(manager, stored.familyId);
      return { refused: 'revoked' };
    }
    await manager.update(RefreshTokenEntity, { id: stored.id }, { usedAt: new Date() });
    return { user, refreshToken: await this.insert(manager, user.id, stored.familyId) };
  }

  private async insert(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    await manager.insert(RefreshTokenEntity, {
      userId,
      familyId,
      tokenHash: tokenHash(token),
      expiresAt: new Date(Date.now() + this.lifetimeMs),
    });
    return token;
  }
}

/** The tokens are 256 random bits, so a fast hash is enough: there is nothing to brute-force. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
  await manager.update(
    RefreshTokenEntity,
    { familyId, revokedAt: IsNull() },
    { revokedAt: new Date() },
  );
}
