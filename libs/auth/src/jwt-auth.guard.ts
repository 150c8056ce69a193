/**
 * The gateway's global guard: every route needs `Authorization: Bearer <access token>` or
 * `X-Api-Key: <API key>` unless it is `@Public()` or one of observability's infrastructure routes
 * (health, `/metrics` with its own token). A token must verify (AccessTokens), and its user must
 * still exist and not be disabled; the user as stored now becomes `request.user`. A key must be
 * known, not revoked nor expired, its owner enabled (ApiKeyVerifier), and it must hold the
 * route's `@RequiresScope` (a route without one is for access tokens only); the key's owner then
 * becomes `request.user`, so handlers act for the owner without knowing how the caller signed in.
 * Public routes return before any work, so the redirect pays one remembered metadata lookup.
 */
import { UserEntity, type ApiKeyScope } from '@beacon/database';
import { AUTH_ATTEMPTS, Counted, INFRASTRUCTURE_ROUTE } from '@beacon/observability';
import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccessTokens } from './access-tokens.service';
import { ApiKeyRefusedError, ApiKeyScopeError } from './api-key-refusals';
import { ApiKeyVerifier, type ApiKeyIdentity } from './api-key-verifier.service';
import type { AuthenticatedRequest } from './authenticated-user';
import { PUBLIC_ROUTE } from './public.decorator';
import { REQUIRED_SCOPE } from './requires-scope.decorator';
import { routeMetadata } from './route-metadata';

const BEARER = /^Bearer ([A-Za-z0-9_\-.]+)$/;

@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly isPublic: (context: ExecutionContext) => boolean | undefined;
  private readonly isInfrastructure: (context: ExecutionContext) => boolean | undefined;
  private readonly requiredScope: (context: ExecutionContext) => ApiKeyScope | undefined;

  constructor(
    reflector: Reflector,
    private readonly tokens: AccessTokens,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly apiKeys: ApiKeyVerifier,
  ) {
    this.isPublic = routeMetadata(reflector, PUBLIC_ROUTE);
    this.isInfrastructure = routeMetadata(reflector, INFRASTRUCTURE_ROUTE);
    this.requiredScope = routeMetadata(reflector, REQUIRED_SCOPE);
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (this.isPublic(context) || this.isInfrastructure(context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const apiKey = this.apiKeys.identify(request);
    if (!apiKey) return this.authenticate(request);
    // Two identities would leave it unclear whose rights apply.
    if (request.headers.authorization !== undefined) {
      throw new UnauthorizedException('Send an access token or an API key, not both');
    }
    return this.authenticateKey(request, apiKey, this.requiredScope(context));
  }

  private async authenticate(request: AuthenticatedRequest): Promise<boolean> {
    const claims = this.tokens.verify(bearerToken(request));
    const user = await this.users.findOneBy({ id: claims.sub });
    if (!user || user.disabledAt !== null) {
      throw new UnauthorizedException('Access token of an account that no longer exists');
    }
    request.user = { id: user.id, email: user.email, role: user.role };
    return true;
  }

  @Counted(AUTH_ATTEMPTS, {
    labels: ({ error }) => ({ action: 'api_key', result: apiKeyAttemptResult(error) }),
  })
  private async authenticateKey(
    request: AuthenticatedRequest,
    apiKey: Promise<ApiKeyIdentity>,
    scope: ApiKeyScope | undefined,
  ): Promise<boolean> {
    const identity = await apiKey;
    if ('refused' in identity) throw new ApiKeyRefusedError(identity.refused);
    if (scope === undefined) throw ApiKeyScopeError.accessTokenOnly();
    if (!identity.scopes.includes(scope)) throw ApiKeyScopeError.missing(scope);
    request.user = identity.owner;
    return true;
  }
}

function bearerToken(request: AuthenticatedRequest): string {
  const header = request.headers.authorization;
  if (header === undefined) throw new UnauthorizedException('Missing access token');
  const match = BEARER.exec(header);
  if (!match) throw new UnauthorizedException('Expected an Authorization: Bearer <token> header');
  return match[1];
}

/** `success`, the refusal (`invalid_key`, `revoked`, `expired`, `missing_scope`...), or `error`. */
function apiKeyAttemptResult(error: unknown): string {
  if (error === undefined) return 'success';
  if (error instanceof ApiKeyRefusedError || error instanceof ApiKeyScopeError) return error.result;
  return 'error';
}
