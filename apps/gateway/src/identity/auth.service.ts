/**
 * Accounts and sessions: register, login, refresh and logout. A session is an access token (a
 * short-lived JWT) plus a refresh token (long-lived, single-use, RefreshTokens). Each attempt is
 * counted in `auth_attempts_total{action,result}`.
 */
import { AccessTokens, PasswordHasher } from '@beacon/auth';
import { isDuplicateEntryError, UserEntity } from '@beacon/database';
import { userRegistered } from '@beacon/messaging';
import { AUTH_ATTEMPTS, Counted, type CallOutcome } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { Outbox } from '../outbox/outbox.service';
import { EmailTakenError, InvalidCredentialsError, InvalidRefreshTokenError } from './auth.errors';
import type { Credentials } from './auth.schemas';
import { RefreshTokens } from './refresh-tokens.service';
import type { Session } from './session.view';

type AuthAction = 'register' | 'login' | 'refresh' | 'logout';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokens: RefreshTokens,
    private readonly outbox: Outbox,
  ) {}

  @Counted(AUTH_ATTEMPTS, { labels: attemptLabels('register') })
  async register({ email, password }: Credentials): Promise<Session> {
    const passwordHash = await this.passwords.hash(password);
    const user = await this.outbox.transaction(async (manager, events) => {
      const inserted = await insertUser(manager, email, passwordHash);
      events.add(userRegistered, { userId: inserted.id });
      return inserted;
    });
    return this.startSession(user);
  }

  @Counted(AUTH_ATTEMPTS, { labels: attemptLabels('login') })
  async login({ email, password }: Credentials): Promise<Session> {
    const user = await this.users.findOneBy({ email });
    const valid = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyUnknown(password);
    if (!user || !valid || user.disabledAt !== null) throw new InvalidCredentialsError();
    return this.startSession(user);
  }

  @Counted(AUTH_ATTEMPTS, { labels: attemptLabels('refresh') })
  async refresh(refreshToken: string): Promise<Session> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    return this.session(rotated.user, rotated.refreshToken);
  }

  @Counted(AUTH_ATTEMPTS, { labels: attemptLabels('logout') })
  async logout(refreshToken: string): Promise<void> {
    await this.refreshTokens.revokeFamilyOf(refreshToken);
  }

  /** A new login: a fresh access token and the first refresh token of a new family. */
  private async startSession(user: UserEntity): Promise<Session> {
    return this.session(user, await this.refreshTokens.issue(user.id));
  }

  private session(user: UserEntity, refreshToken: string): Session {
    return { ...this.accessTokens.issue(user), refreshToken, tokenType: 'Bearer' };
  }
}

async function insertUser(
  manager: EntityManager,
  email: string,
  passwordHash: string,
): Promise<UserEntity> {
  try {
    return await manager.save(manager.create(UserEntity, { email, passwordHash, role: 'user' }));
  } catch (error) {
    if (isDuplicateEntryError(error)) throw new EmailTakenError();
    throw error;
  }
}

/** `success`, the refusal (`email_taken`, `invalid_credentials`, `reused`...), or `error`. */
function attemptLabels(action: AuthAction) {
  return ({ error }: Pick<CallOutcome, 'error'>) => ({ action, result: attemptResult(error) });
}

function attemptResult(error: unknown): string {
  if (error === undefined) return 'success';
  if (error instanceof EmailTakenError) return 'email_taken';
  if (error instanceof InvalidCredentialsError) return 'invalid_credentials';
  if (error instanceof InvalidRefreshTokenError) return `refresh_${error.refusal}`;
  return 'error';
}
