/**
 * Guards `/metrics`: 404 when METRICS_ENABLED=false (the endpoint does not exist), 401 without
 * one of the METRICS_AUTH_TOKEN tokens when any is configured (no hint which part was wrong).
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import {
  Injectable,
  NotFoundException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { isAuthorizedScrape } from './metrics-token';

@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(@InjectConfig() private readonly config: BeaconConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const { enabled, authTokens } = this.config.metrics;
    if (!enabled) throw new NotFoundException();
    const request = context.switchToHttp().getRequest<{ headers: IncomingMessage['headers'] }>();
    if (isAuthorizedScrape(request.headers, authTokens)) return true;
    throw new UnauthorizedException();
  }
}
