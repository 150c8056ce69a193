/**
 * The routes of every controller the running app holds (Nest's ModulesContainer), with what
 * each declares: method, path, the schemas of its body and query, the handler itself. The same
 * walk serves the app's `/openapi.json` and `npm run openapi`, which builds the container in
 * preview mode (no provider started, no connection opened).
 */
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { ModulesContainer } from '@nestjs/core';
import type { z } from 'zod';

export interface ControllerRoute {
  controller: Type;
  handler: (...args: unknown[]) => unknown;
  method: string;
  /** Nest's form: `/api/links/:slug`. */
  path: string;
  body?: z.ZodType;
  query?: z.ZodType;
}

interface RouteArgument {
  schema?: z.ZodType;
}

export function controllerRoutes(container: ModulesContainer): ControllerRoute[] {
  const controllers = [...container.values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type),
  );
  return controllers.flatMap(routesOf);
}

function routesOf(controller: Type): ControllerRoute[] {
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name] as ControllerRoute['handler'];
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (typeof handler !== 'function' || method === undefined) return [];
    const route = {
      controller,
      handler,
      method: RequestMethod[method],
      path: joinPath(
        Reflect.getMetadata(PATH_METADATA, controller),
        Reflect.getMetadata(PATH_METADATA, handler),
      ),
      ...argumentSchemas(controller, name),
    };
    return [route];
  });
}

function joinPath(...parts: unknown[]): string {
  const segments = parts.flatMap((part) => String(part ?? '').split('/')).filter(Boolean);
  return `/${segments.join('/')}`;
}

function argumentSchemas(controller: Type, name: string): Pick<ControllerRoute, 'body' | 'query'> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
    string,
    RouteArgument
  >;
  const schemaOf = (type: RouteParamtypes) =>
    Object.entries(args).find(([key]) => key.startsWith(`${type}:`))?.[1].schema;
  return { body: schemaOf(RouteParamtypes.BODY), query: schemaOf(RouteParamtypes.QUERY) };
}
