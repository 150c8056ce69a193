/**
 * A route's metadata never changes once the app runs, yet a global guard reads it on every
 * request, each read a walk through reflect-metadata's maps for the handler and its controller.
 * `routeMetadata` reads it once per route (controller and handler) and remembers the answer.
 */
import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

type Target = object;

export function routeMetadata<T>(
  reflector: Reflector,
  key: string,
): (context: ExecutionContext) => T | undefined {
  const byController = new Map<Target, Map<Target, T | undefined>>();
  return (context) => {
    const controller = context.getClass();
    const handler = context.getHandler();
    let byHandler = byController.get(controller);
    if (!byHandler) {
      byHandler = new Map();
      byController.set(controller, byHandler);
    }
    if (byHandler.has(handler)) return byHandler.get(handler);
    const value = reflector.getAllAndOverride<T | undefined>(key, [handler, controller]);
    byHandler.set(handler, value);
    return value;
  };
}
