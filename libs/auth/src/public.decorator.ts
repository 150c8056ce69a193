/**
 * `@Public()` opens a route or a whole controller to anonymous callers. The gateway's JWT guard is
 * global, so everything else needs a valid access token: forgetting the decorator fails closed.
 */
import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'beacon:public-route';

export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
