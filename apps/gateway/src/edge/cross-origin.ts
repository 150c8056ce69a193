/**
 * CORS for the origins ALLOWED_ORIGINS lists (none by default: the API is then same-origin
 * only, and no CORS hook runs at all). The list is read on each request, so a reload of
 * RUNTIME_CONFIG_FILE can change it; that is why, with a runtime file configured, the hook is
 * installed even while the list is empty (it then allows nothing). `*` in the list allows any
 * origin (development only: production refuses it).
 */
import type { BeaconConfig } from '@beacon/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type OriginCallback = (error: Error | null, allow: boolean) => void;

export function enableCrossOrigin(app: NestFastifyApplication, config: BeaconConfig): void {
  const { http } = config;
  if (http.allowedOrigins.length === 0 && !config.runtimeConfigFile) return;
  app.enableCors({
    origin: (origin: string | undefined, callback: OriginCallback) =>
      callback(null, isAllowed(origin, http.allowedOrigins)),
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    exposedHeaders: ['x-request-id'],
  });
}

function isAllowed(origin: string | undefined, allowed: string[]): boolean {
  if (origin === undefined) return false;
  return allowed.includes('*') || allowed.includes(origin);
}
