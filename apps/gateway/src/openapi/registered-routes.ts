/**
 * Every route the gateway's server registers (Nest's, Fastify's own, the plugins'), recorded as
 * it is added: Fastify can tell whether a route exists but cannot list them. The route-coverage
 * test compares them with the document, so a route nobody described cannot ship unseen.
 */
import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
}

const recorded = new WeakMap<FastifyInstance, RegisteredRoute[]>();

export function recordRoutes(fastify: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  recorded.set(fastify, routes);
  fastify.addHook('onRoute', ({ method, url }) => {
    for (const each of [method].flat()) routes.push({ method: each, url });
  });
}

export function registeredRoutes(fastify: FastifyInstance): readonly RegisteredRoute[] {
  return recorded.get(fastify) ?? [];
}
