/**
 * Static checks of docker-compose.yml against what the code really needs: the config schema,
 * the ports the apps listen on and the entry points the build produces.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentSchema } from '../../libs/config/src/environment.schema';
import { PUBLIC_PLACEHOLDER_SECRETS } from '../../libs/config/src/production-rules';
import { parse } from 'yaml';
import {
  bindMountsOf,
  buildOf,
  commandOf,
  compose,
  dependenciesOf,
  distPathOf,
  durationMs,
  env,
  environmentOf,
  healthcheckText,
  isJob,
  portsOf,
  readText,
  rawEnv,
  ROOT,
  service,
  withDefaults,
} from './deployment-files';

const APPS = ['gateway', 'worker'] as const;
const APP_PORTS = { gateway: 3333, worker: 3334 } as const;
const REQUIRED_SERVICES = [
  'mysql',
  'rabbitmq',
  'redis',
  'migrate',
  'gateway',
  'worker',
  'nginx',
  'prometheus',
  'alertmanager',
  'grafana',
  'tempo',
];
/** The ports each service listens on inside its container (the images' own defaults). */
const LISTENS: Record<string, number[]> = {
  mysql: [3306],
  redis: [6379],
  rabbitmq: [5672, 15672, 15692],
  gateway: [APP_PORTS.gateway],
  worker: [APP_PORTS.worker],
  nginx: [80],
  prometheus: [9090],
  alertmanager: [9093],
  grafana: [3000],
  tempo: [3200, 4318],
};
const DEV_METRICS_TOKEN = readText('docker/dev-secrets/metrics_token').trim();
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

  it('runs each app on its own port', () => {
    for (const app of APPS) {
      // The app listens on PORT (or its default), which the checks below rely on.
      expect(Number(env(app, 'PORT') ?? APP_PORTS[app]), `${app} PORT`).toBe(APP_PORTS[app]);
    }
  });

  it('lets the gateway and the worker scale: no container name, no host port', () => {
    for (const app of APPS) {
      expect(service(app).container_name, app).toBeUndefined();
      expect(portsOf(app), app).toEqual([]);
    }
  });

  it('publishes no host port twice', () => {
    const published = Object.keys(compose.services).flatMap((name) =>
      portsOf(name).flatMap((port) => (port.published === undefined ? [] : [port.published])),
    );
    expect(published.filter((port, index) => published.indexOf(port) !== index)).toEqual([]);
  });

  it('publishes only ports the services listen on', () => {
    for (const name of Object.keys(compose.services)) {
      for (const { target } of portsOf(name)) {
        expect(LISTENS[name] ?? [], `${name} publishes ${target}`).toContain(target);
      }
    }
  });

  it('gives every long-running service a healthcheck and a restart policy', () => {
    for (const name of Object.keys(compose.services).filter((service) => !isJob(service))) {
      expect(service(name).restart, `${name} restart`).toBe('unless-stopped');
      expect(healthcheckText(name), `${name} healthcheck`).not.toBe('');
      expect(service(name).healthcheck?.disable, `${name} healthcheck disabled`).not.toBe(true);
    }
  });

  it('waits on dependencies by condition, never on a bare start of a healthy service', () => {
    for (const name of Object.keys(compose.services)) {
      for (const [dependency, condition] of Object.entries(dependenciesOf(name))) {
        expect(compose.services[dependency], `${name} depends on ${dependency}`).toBeDefined();
        const expected = isJob(dependency) ? 'service_completed_successfully' : 'service_healthy';
        expect(condition, `${name} → ${dependency}`).toBe(expected);
      }
    }
  });

  it('mounts only files and directories that exist, and secrets that exist', () => {
    for (const name of Object.keys(compose.services)) {
      for (const { source } of bindMountsOf(name)) {
        expect(existsSync(resolve(ROOT, source)), `${name} mounts ${source}`).toBe(true);
      }
    }
    for (const [name, secret] of Object.entries(compose.secrets ?? {})) {
      const file = withDefaults(secret.file ?? '');
      expect(existsSync(resolve(ROOT, file)), `secret ${name}: ${file}`).toBe(true);
    }
  });

  it('scrapes, with Prometheus, only compose services on ports they listen on', () => {
    const config = parse(readText('observability/prometheus/prometheus.yml')) as {
      scrape_configs: {
        job_name: string;
        static_configs?: { targets: string[] }[];
        dns_sd_configs?: { names: string[]; port: number }[];
      }[];
    };
    const targets = config.scrape_configs.flatMap((job) => [
      ...(job.static_configs ?? []).flatMap((group) => group.targets),
      ...(job.dns_sd_configs ?? []).flatMap((sd) => sd.names.map((host) => `${host}:${sd.port}`)),
    ]);
    expect(targets.length).toBeGreaterThan(5);
    for (const target of targets) {
      const [host, port] = target.split(':');
      const name = host === 'localhost' ? 'prometheus' : host;
      expect(compose.services[name], `scrape target ${target}`).toBeDefined();
      expect(LISTENS[name], `scrape target ${target}`).toContain(Number(port));
    }
    const mounted = service('prometheus').secrets ?? [];
    expect(mounted, 'Prometheus reads the metrics token file').toContain('metrics_token');
  });

  it("points Grafana's data sources and nginx's upstream at compose services", () => {
    const datasources = parse(
      readText('observability/grafana/provisioning/datasources/datasources.yaml'),
    ) as { datasources: { url: string }[] };
    for (const { url } of datasources.datasources) {
      const { hostname, port } = new URL(url);
      expect(LISTENS[hostname], url).toContain(Number(port));
    }
    const upstream = /^\s*server ([\w-]+):(\d+) /m.exec(
      readText('docker/nginx/templates/default.conf.template'),
    );
    expect(upstream?.[1]).toBe('gateway');
    expect(Number(upstream?.[2])).toBe(APP_PORTS.gateway);
  });

  it('gives every app each variable the config schema requires', () => {
    const required = Object.entries(environmentSchema.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([key]) => key);
    expect(required).toContain('JWT_SECRET');
    for (const app of APPS) {
      for (const key of required) expect(env(app, key), `${app} ${key}`).toBeTruthy();
    }
  });

  it('shares one development metrics token between the apps, nginx and Prometheus', () => {
    expect(PUBLIC_PLACEHOLDER_SECRETS.has(DEV_METRICS_TOKEN), 'refused in production').toBe(true);
    for (const app of APPS) expect(env(app, 'METRICS_AUTH_TOKEN')).toBe(DEV_METRICS_TOKEN);
    expect(env('nginx', 'METRICS_SCRAPE_TOKEN')).toBe(DEV_METRICS_TOKEN);
    const file = withDefaults(compose.secrets?.metrics_token?.file ?? '');
    expect(readFileSync(resolve(ROOT, file), 'utf8').trim()).toBe(DEV_METRICS_TOKEN);
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

  it('builds Tempo from pinned images, and checks its readiness with the busybox it adds', () => {
    const dockerfile = readText('docker/tempo/Dockerfile');
    const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((match) => match[1]);
    expect(bases).toHaveLength(2);
    for (const base of bases) expect(base, base).toMatch(/:v?\d[^:]*$/);
    expect(healthcheckText('tempo')).toContain('http://127.0.0.1:3200/ready');
    expect(dockerfile).toContain('COPY --from=tools /bin/busybox /usr/local/bin/busybox');
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
      expect(tag, `${name} image "${image}" tag names a version`).toMatch(/^v?\d/);
    }
  });
});
