import { INFRASTRUCTURE_ROUTE } from '@beacon/observability';
import {
  ForbiddenException,
  SetMetadata,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiKeyEntity, UserEntity } from '@beacon/database';
import type { Repository } from 'typeorm';
import { describe, expect, it } from 'vitest';
import type { AccessTokens } from './access-tokens.service';
import { generateApiKey } from './api-key-format';
import type { ApiKeyLastUse } from './api-key-last-use';
import { ApiKeyVerifier } from './api-key-verifier.service';
import type { AuthenticatedRequest } from './authenticated-user';
import { JwtAuthGuard } from './jwt-auth.guard';
import { Public } from './public.decorator';
import { RequiresScope } from './requires-scope.decorator';

class UserRoutes {
  @Public()
  open(): void {}

  guarded(): void {}

  @RequiresScope('links:read')
  readLinks(): void {}

  @RequiresScope('links:write')
  writeLinks(): void {}
}

@SetMetadata(INFRASTRUCTURE_ROUTE, true)
class ProbeRoutes {
  live(): void {}
}

function call(
  controller: object,
  handler: () => void,
  headers: Record<string, string> = {},
): { context: ExecutionContext; request: AuthenticatedRequest } {
  const request = { headers } as AuthenticatedRequest;
  const context = {
    getHandler: () => handler,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

const owner = {
  id: '7',
  email: 'owner@example.com',
  role: 'user',
  disabledAt: null,
} as UserEntity;

/** One stored key (links:read), found by its hash like the database would. */
function storedKey(overrides: Partial<ApiKeyEntity> = {}) {
  const issued = generateApiKey();
  const row = {
    id: '3',
    keyHash: issued.keyHash,
    scopes: ['links:read'],
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    owner,
    ...overrides,
  } as ApiKeyEntity;
  const keys = {
    findOne: ({ where }: { where: { keyHash: string } }) =>
      Promise.resolve(where.keyHash === row.keyHash ? row : null),
  } as unknown as Repository<ApiKeyEntity>;
  const verifier = new ApiKeyVerifier(keys, {
    record: () => undefined,
  } as unknown as ApiKeyLastUse);
  return { key: issued.key, verifier };
}

function guardWith(verifier = storedKey().verifier): JwtAuthGuard {
  // Anonymous and key calls never reach the token check or the user lookup.
  return new JwtAuthGuard(
    new Reflector(),
    {} as AccessTokens,
    {} as Repository<UserEntity>,
    verifier,
  );
}

describe('JwtAuthGuard', () => {
  const guard = guardWith();

  it('lets anonymous callers through @Public() routes and infrastructure routes', () => {
    expect(guard.canActivate(call(UserRoutes, UserRoutes.prototype.open).context)).toBe(true);
    expect(guard.canActivate(call(ProbeRoutes, ProbeRoutes.prototype.live).context)).toBe(true);
  });

  it('refuses anonymous callers of any other route with 401', async () => {
    await expect(
      guard.canActivate(call(UserRoutes, UserRoutes.prototype.guarded).context),
    ).rejects.toThrow(UnauthorizedException);
  });
});

describe('JwtAuthGuard with an API key', () => {
  it("lets a key call a route of its scope, as the key's owner", async () => {
    const { key, verifier } = storedKey();
    const { context, request } = call(UserRoutes, UserRoutes.prototype.readLinks, {
      'x-api-key': key,
    });
    await expect(guardWith(verifier).canActivate(context)).resolves.toBe(true);
    expect(request.user).toEqual({ id: '7', email: 'owner@example.com', role: 'user' });
  });

  it('refuses a route of another scope with 403 naming the missing scope', async () => {
    const { key, verifier } = storedKey();
    const { context, request } = call(UserRoutes, UserRoutes.prototype.writeLinks, {
      'x-api-key': key,
    });
    const refusal = guardWith(verifier).canActivate(context);
    await expect(refusal).rejects.toThrow(ForbiddenException);
    await expect(refusal).rejects.toThrow('missing scope links:write');
    expect(request.user).toBeUndefined();
  });

  it('refuses a route without a declared scope (access tokens only) with 403', async () => {
    const { key, verifier } = storedKey({ scopes: ['links:read', 'links:write'] });
    const { context } = call(UserRoutes, UserRoutes.prototype.guarded, { 'x-api-key': key });
    await expect(guardWith(verifier).canActivate(context)).rejects.toThrow(
      'This route needs an access token: API keys cannot call it',
    );
  });

  it.each([
    ['an unknown key', {}, () => generateApiKey().key, 'Invalid API key'],
    ['a malformed key', {}, () => 'bk_nothing_like_a_key', 'Invalid API key'],
    ['a revoked key', { revokedAt: new Date() }, undefined, 'API key revoked'],
    ['an expired key', { expiresAt: new Date(Date.now() - 1) }, undefined, 'API key expired'],
    [
      "a disabled owner's key",
      { owner: { ...owner, disabledAt: new Date() } },
      undefined,
      'API key of a disabled account',
    ],
  ])('refuses %s with 401', async (_case, overrides, presented, message) => {
    const { key, verifier } = storedKey(overrides as Partial<ApiKeyEntity>);
    const { context } = call(UserRoutes, UserRoutes.prototype.readLinks, {
      'x-api-key': presented ? presented() : key,
    });
    const refusal = guardWith(verifier).canActivate(context);
    await expect(refusal).rejects.toThrow(UnauthorizedException);
    await expect(refusal).rejects.toThrow(message);
  });

  it('refuses a request that sends both an access token and a key', () => {
    const { key, verifier } = storedKey();
    const { context } = call(UserRoutes, UserRoutes.prototype.readLinks, {
      'x-api-key': key,
      authorization: 'Bearer abc',
    });
    expect(() => guardWith(verifier).canActivate(context)).toThrow(
      'Send an access token or an API key, not both',
    );
  });
});
