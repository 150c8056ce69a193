/**
 * A route as the document needs it: what the route declares (method, path, input schemas,
 * authentication) and its `@ApiOperation`. Routes come from the controllers (their metadata)
 * and from the few that Fastify serves directly (the redirect), which declare theirs by hand.
 */
import { PUBLIC_ROUTE, REQUIRED_ROLES, REQUIRED_SCOPE } from '@beacon/auth';
import { INFRASTRUCTURE_ROUTE } from '@beacon/observability';
import type { z } from 'zod';
import {
  API_HIDDEN,
  API_OPERATION,
  API_TAG,
  type ApiOperationSpec,
} from './api-operation.decorator';
import type { ControllerRoute } from './controller-routes';
import { INFRASTRUCTURE_OPERATIONS } from './infrastructure-operations';

export interface DocumentedRoute {
  method: string;
  /** Nest's and Fastify's form: `/api/links/:slug`. */
  path: string;
  operationId: string;
  tag: string;
  /** Undefined when the route has no `@ApiOperation` (the coverage test names it). */
  spec?: ApiOperationSpec;
  hidden: boolean;
  public: boolean;
  infrastructure: boolean;
  scope?: string;
  roles?: string[];
  body?: z.ZodType;
  query?: z.ZodType;
}

export function documentedRoute(route: ControllerRoute): DocumentedRoute {
  const read = <T>(key: string): T | undefined =>
    Reflect.getMetadata(key, route.handler) ?? Reflect.getMetadata(key, route.controller);
  const controllerName = route.controller.name.replace(/Controller$/, '');
  return {
    method: route.method,
    path: route.path,
    operationId: `${controllerName}.${route.handler.name}`,
    tag: read<string>(API_TAG) ?? controllerName,
    spec:
      read<ApiOperationSpec>(API_OPERATION) ??
      INFRASTRUCTURE_OPERATIONS[`${route.method} ${route.path}`],
    hidden: read<boolean>(API_HIDDEN) === true,
    public: read<boolean>(PUBLIC_ROUTE) === true,
    infrastructure: read<boolean>(INFRASTRUCTURE_ROUTE) === true,
    scope: read<string>(REQUIRED_SCOPE),
    roles: read<string[]>(REQUIRED_ROLES),
    body: route.body,
    query: route.query,
  };
}
