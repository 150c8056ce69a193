/**
 * `@InfrastructureRoute()` marks a controller of scrapes and probes (`/metrics`, `/health/*`):
 * they serve no user, so an app's user authentication lets them through (@beacon/auth's
 * JwtAuthGuard reads this mark) and `/metrics` checks its own token instead. The mark lives
 * beside the routes it marks, so observability needs nothing from the libs above it.
 */
import { SetMetadata } from '@nestjs/common';

/** The mark's metadata key, which an app's user authentication reads. */
export const INFRASTRUCTURE_ROUTE = 'beacon:infrastructure-route';

export const InfrastructureRoute = (): ClassDecorator => SetMetadata(INFRASTRUCTURE_ROUTE, true);
