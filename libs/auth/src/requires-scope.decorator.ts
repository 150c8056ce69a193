/**
 * `@RequiresScope('links:write')`: a request made with an API key may call the route only if the
 * key holds this scope (403 `missing scope links:write` otherwise). A route without it is for
 * access tokens only: an API key gets 403 there (managing keys, `me`). Access tokens are never
 * limited by scopes: a logged-in user may do all that the role allows.
 */
import type { ApiKeyScope } from '@beacon/database';
import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPE = 'beacon:required-scope';

export const RequiresScope = (scope: ApiKeyScope): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPE, scope);
