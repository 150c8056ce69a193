/**
 * The gateway's global guard: every route needs `Authorization: Bearer <access token>` unless it
 * is `@Public()` or one of observability's infrastructure routes (health, `/metrics` with its own
 * token). The token must verify (AccessTokens), and its user must still exist and not be
 * disabled; the user as stored now becomes `request.user`. Public routes return before any work,
 * so the redirect pays one remembered metadata lookup.
 */
import { UserEntity } from '@beacon/database';
import { INFRASTRUCTURE_ROUTE } from '@beacon/observability';
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
import type { AuthenticatedRequest } from './authenticated-user';
import { PUBLIC_ROUTE } from './public.decorator';
import { routeMetadata } from './route-metadata';

const BEARER = /^Bearer ([A-Za-z0-9_\-.]+)$/;

@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly isPublic: (context: ExecutionContext) => boolean | undefined;
  private readonly isInfrastructure: (context: ExecutionContext) => boolean | undefined;

  constructor(
    reflector: Reflector,
    private readonly tokens: AccessTokens,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {
    this.isPublic = routeMetadata(reflector, PUBLIC_ROUTE);
    this.isInfrastructure = routeMetadata(reflector, INFRASTRUCTURE_ROUTE);
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (this.isPublic(context) || this.isInfrastructure(context)) return true;
    return this.authenticate(context.switchToHttp().getRequest<AuthenticatedRequest>());
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
}

function bearerToken(request: AuthenticatedRequest): string {
  const header = request.headers.authorization;
  if (header === undefined) throw new UnauthorizedException('Missing access token');
  const match = BEARER.exec(header);
  if (!match) throw new UnauthorizedException('Expected an Authorization: Bearer <token> header');
  return match[1];
}
