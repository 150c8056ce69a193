/**
 * Static checks of docker-compose.yml against what the code really needs: the config schema,
 * the ports the apps listen on and the entry points the build produces.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentSchema } from '../../libs/config/src/environment.schema';
import { PUBLIC_PLACEHOLDER_SECRETS } from '../../libs/config/src/production-rules';
import {
  buildOf,
  commandOf,
  compose,
  dependenciesOf,
  distPathOf,
  durationMs,
  env,
  environmentOf,
  healthcheckText,
  portsOf,
  rawEnv,
  ROOT,
  service,
  withDefaults,
} from './deployment-files';

const APPS = ['gateway', 'worker'] as const;
const APP_PORTS = { gateway: 3333, worker: 3334 } as const;
const REQUIRED_SERVICES = ['mysql', 'rabbitmq', 'migrate', 'gateway', 'worker'];
const BUILT_SERVICES = ['migrate', 'gateway', 'worker'];

describe('docker-compose.yml', () => {
  it('defines MySQL, RabbitMQ, the migration job, the gateway and the worker', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(REQUIRED_SERVICES));
  });

  it('builds the migration job, the gateway and the worker from docker/Dockerfile', () => {
    for (const name of BUILT_SERVICES) {
      const { context, dockerfile } = buildOf(name);
      expect(resolve(ROOT, context), `${name} build context`).toBe(ROOT);
      expect(relative(ROOT, resolve(ROOT, context, dockerfile)), `${name} dockerfile`).toBe(
        'docker/Dockerfile',
      );
      expect(existsSync(resolve(ROOT, context, dockerfile))).toBe(true);
    }
  });

  it('publishes the gateway on 3333 and the worker on 3334, the ports the apps listen on', () => {
    for (const app of APPS) {
      const port = APP_PORTS[app];
      expect(portsOf(app), `${app} ports`).toContainEqual({ published: port, target: port });
      // The app listens on PORT (or its default); the published container port must match.
      expect(Number(env(app, 'PORT') ?? port), `${app} PORT`).toBe(port);
    }
  });

  it('publishes RabbitMQ AMQP, its management UI and its Prometheus metrics', () => {
    const targets = portsOf('rabbitmq').map((port) => port.target);
    expect(targets).toEqual(expect.arrayContaining([5672, 15672, 15692]));
  });

  it('the gateway and the worker wait for migrations to complete and for a healthy RabbitMQ', () => {
    for (const app of APPS) {
      expect(dependenciesOf(app), app).toMatchObject({
        migrate: 'service_completed_successfully',
        rabbitmq: 'service_healthy',
      });
    }
  });

  it('the migration job waits for a healthy MySQL, runs the migration entry point once', () => {
    expect(dependenciesOf('migrate')).toMatchObject({ mysql: 'service_healthy' });
    expect(String(service('migrate').restart)).toBe('no');
    expect(distPathOf(commandOf('migrate'))).toBe('dist/libs/database/src/migrate.main.js');
  });

  it('MySQL and RabbitMQ report their health so dependants can wait for them', () => {
    expect(healthcheckText('mysql')).toMatch(/mysqladmin\s.*\bping\b/);
    expect(healthcheckText('rabbitmq')).toMatch(/rabbitmq-diagnostics\s+(-q\s+)?ping/);
  });

  it('keeps MySQL data in a named volume', () => {
    const volumes = service('mysql').volumes ?? [];
    const source = volumes
      .map((volume) =>
        typeof volume === 'string' ? volume.split(':') : [volume.source, volume.target],
      )
      .find(([, target]) => target === '/var/lib/mysql')?.[0];
    expect(source, 'volume mounted at /var/lib/mysql').toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(source);
  });

  it('passes the apps only environment variables the config schema knows', () => {
    const known = new Set([...Object.keys(environmentSchema.shape), 'NODE_ENV', 'PORT']);
    for (const name of [...APPS, 'migrate']) {
      const unknown = Object.keys(environmentOf(name)).filter((key) => !known.has(key));
      expect(unknown, `${name}: variables libs/config does not read`).toEqual([]);
    }
  });

  it('the apps and the migration job reach MySQL and RabbitMQ by their service names', () => {
    const mysql = environmentOf('mysql');
    for (const name of [...APPS, 'migrate']) {
      expect(env(name, 'DB_HOST'), `${name} DB_HOST`).toBe('mysql');
      expect(Number(env(name, 'DB_PORT') ?? 3306), `${name} DB_PORT`).toBe(3306);
      expect(env(name, 'DB_USER'), `${name} DB_USER`).toBe('root');
      // Same password and database as the MySQL container is initialised with.
      expect(env(name, 'DB_PASSWORD'), `${name} DB_PASSWORD`).toBe(
        withDefaults(mysql.MYSQL_ROOT_PASSWORD ?? ''),
      );
      expect(env(name, 'DB_NAME') ?? 'beacon', `${name} DB_NAME`).toBe(mysql.MYSQL_DATABASE);
    }
    for (const app of APPS) {
      const url = new URL(env(app, 'AMQP_URL') ?? '');
      expect(url.protocol, `${app} AMQP_URL`).toBe('amqp:');
      expect(url.hostname, `${app} AMQP_URL host`).toBe('rabbitmq');
      expect(Number(url.port || 5672), `${app} AMQP_URL port`).toBe(5672);
    }
  });

  it('the environment the apps receive passes the config schema with its defaults', () => {
    for (const app of APPS) {
      const resolved = Object.fromEntries(
        Object.entries(environmentOf(app)).map(([key, value]) => [key, withDefaults(value)]),
      );
      const result = environmentSchema.safeParse(resolved);
      expect(result.error?.issues ?? [], app).toEqual([]);
    }
  });

  it('defaults to development with a JWT secret that is marked dev-only and overridable', () => {
    for (const app of APPS) {
      expect(rawEnv(app, 'NODE_ENV'), `${app} NODE_ENV`).toBe('${NODE_ENV:-development}');
      const secret = rawEnv(app, 'JWT_SECRET') ?? '';
      expect(secret, `${app} JWT_SECRET comes from the environment`).toMatch(/^\$\{JWT_SECRET:-/);
      const fallback = withDefaults(secret);
      expect(fallback.length, `${app} default JWT_SECRET length`).toBeGreaterThanOrEqual(32);
      expect(fallback, `${app} default JWT_SECRET says it is dev-only`).toMatch(/dev/i);
      expect(PUBLIC_PLACEHOLDER_SECRETS.has(fallback), `${app} default refused in production`).toBe(
        true,
      );
    }
  });

  it('gives each app a healthcheck against its readiness route on its own port', () => {
    for (const app of APPS) {
      const check = service(app).healthcheck;
      expect(check?.disable, `${app} healthcheck disabled`).not.toBe(true);
      expect(healthcheckText(app), `${app} healthcheck`).toContain(
        `http://127.0.0.1:${APP_PORTS[app]}/health/ready`,
      );
    }
  });

  it('lets each app drain for longer than SHUTDOWN_TIMEOUT_MS before it is killed', () => {
    for (const app of APPS) {
      const drainMs = environmentSchema.shape.SHUTDOWN_TIMEOUT_MS.parse(
        env(app, 'SHUTDOWN_TIMEOUT_MS') || undefined,
      );
      const grace = service(app).stop_grace_period;
      expect(grace, `${app} stop_grace_period`).toBeDefined();
      expect(durationMs(grace ?? ''), `${app} stop_grace_period`).toBeGreaterThanOrEqual(
        drainMs + 5_000,
      );
    }
  });

  it('pins every image to a version tag, never latest', () => {
    for (const [name, definition] of Object.entries(compose.services)) {
      if (definition.image === undefined) {
        expect(definition.build, `${name} has neither image nor build`).toBeDefined();
        continue;
      }
      const image = withDefaults(definition.image);
      if (image.includes('@sha256:')) continue;
      const tag = /:([^/:]+)$/.exec(image)?.[1];
      expect(tag, `${name} image "${image}" has no tag`).toBeDefined();
      expect(tag, `${name} image "${image}"`).not.toBe('latest');
      expect(tag, `${name} image "${image}" tag names a version`).toMatch(/^\d/);
    }
  });
});
