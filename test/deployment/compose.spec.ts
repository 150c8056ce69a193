/**
 * Static checks of the container deployment (docker-compose.yml, docker/Dockerfile,
 * .dockerignore). There is no Docker engine in CI, so these tests read the files and compare
 * them with what the code really needs: the config schema, the build's output layout and the
 * npm scripts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { environmentSchema } from '../../libs/config/src/environment.schema';
import { PUBLIC_PLACEHOLDER_SECRETS } from '../../libs/config/src/production-rules';

const ROOT = resolve(__dirname, '../..');
const APPS = ['gateway', 'worker'] as const;
const APP_PORTS = { gateway: 3333, worker: 3334 } as const;
const REQUIRED_SERVICES = ['mysql', 'rabbitmq', 'migrate', 'gateway', 'worker'];
const BUILT_SERVICES = ['migrate', 'gateway', 'worker'];

// ---------------------------------------------------------------------------------------------
// docker-compose.yml

type EnvValue = string | number | boolean | null;

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, EnvValue> | string[];
  ports?: (string | number | { target: number; published?: string | number })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  stop_grace_period?: string;
  restart?: string;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

function loadCompose(): ComposeFile {
  // Compose honours YAML merge keys (`<<: *anchor`); the parser must too.
  return parse(readText('docker-compose.yml'), { merge: true }) as ComposeFile;
}

const compose = loadCompose();

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** Resolve compose interpolation the way `docker compose` does with an empty environment. */
function withDefaults(value: string): string {
  return value
    .replace(
      /\$\{(\w+)(?::?[-?]([^}]*))?\}/g,
      (_match, _name: string, fallback?: string) => fallback ?? '',
    )
    .replace(/\$\$/g, '$');
}

function environmentOf(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((item) => {
        const [key, ...rest] = item.split('=');
        return [key, rest.join('=')] as const;
      })
    : Object.entries(env).map(
        ([key, value]) => [key, value === null ? '' : String(value)] as const,
      );
  return Object.fromEntries(entries);
}

/** The raw (un-interpolated) value of one variable, to inspect its `${VAR:-default}` form. */
function rawEnv(name: string, key: string): string | undefined {
  return environmentOf(name)[key];
}

function env(name: string, key: string): string | undefined {
  const raw = rawEnv(name, key);
  return raw === undefined ? undefined : withDefaults(raw);
}

interface PortMapping {
  published?: number;
  target: number;
}

function portsOf(name: string): PortMapping[] {
  return (service(name).ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return {
        target: Number(port.target),
        published: port.published === undefined ? undefined : Number(port.published),
      };
    }
    // Short syntax: [ip:][host:]container[/protocol]
    const parts = String(port).split('/')[0].split(':');
    const target = Number(parts[parts.length - 1]);
    const published = parts.length > 1 ? Number(parts[parts.length - 2]) : undefined;
    return { target, published };
  });
}

function dependenciesOf(name: string): Record<string, string> {
  const dependsOn = service(name).depends_on ?? {};
  if (Array.isArray(dependsOn)) {
    // The list form means "started", nothing stronger.
    return Object.fromEntries(dependsOn.map((dep) => [dep, 'service_started']));
  }
  return Object.fromEntries(
    Object.entries(dependsOn).map(([dep, spec]) => [dep, spec?.condition ?? 'service_started']),
  );
}

function commandOf(name: string): string[] {
  const command = service(name).command;
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.split(/\s+/).filter(Boolean);
}

function healthcheckText(name: string): string {
  const test = service(name).healthcheck?.test;
  if (test === undefined) return '';
  return Array.isArray(test) ? test.join(' ') : test;
}

/** Compose durations: 1h2m3s, 40s, 1m30s, 500ms. */
function durationMs(value: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001 };
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== value.trim()) {
    throw new Error(`not a compose duration: "${value}"`);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * units[unit], 0);
}

function buildOf(name: string): { context: string; dockerfile: string } {
  const build = service(name).build;
  if (build === undefined) return { context: '', dockerfile: '' };
  if (typeof build === 'string') return { context: build, dockerfile: 'Dockerfile' };
  return { context: build.context ?? '.', dockerfile: build.dockerfile ?? 'Dockerfile' };
}

// ---------------------------------------------------------------------------------------------
// docker/Dockerfile

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const words = rest.filter((word) => !word.startsWith('--'));
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({
        image: words[0],
        name: asIndex >= 0 ? words[asIndex + 1] : undefined,
        instructions: [],
      });
      continue;
    }
    if (stages.length === 0) {
      if (keyword.toUpperCase() === 'ARG') continue;
      throw new Error(`Dockerfile instruction before FROM: ${line}`);
    }
    stages[stages.length - 1].instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

const dockerfileText = readText('docker/Dockerfile');
const stages = parseDockerfile(dockerfileText);
const finalStage = stages[stages.length - 1];

function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((item) => item.keyword === keyword).map((item) => item.args);
}

/** CMD/ENTRYPOINT in exec form (JSON array) or shell form, as a list of words. */
function execWords(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as string[];
  return trimmed.split(/\s+/);
}

interface Copy {
  from?: string;
  sources: string[];
  destination: string;
}

function copiesOf(stage: Stage): Copy[] {
  return argsOf(stage, 'COPY').map((args) => {
    const words = args.split(/\s+/);
    const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((word) => !word.startsWith('--'));
    return { from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
  });
}

// ---------------------------------------------------------------------------------------------
// the build's output layout

interface TsConfig {
  extends?: string;
  compilerOptions?: { outDir?: string; rootDir?: string };
  include?: string[];
  exclude?: string[];
}

function readTsConfig(path: string): TsConfig {
  return JSON.parse(readText(path)) as TsConfig;
}

const buildTsConfig = readTsConfig('tsconfig.build.json');
const baseTsConfig = readTsConfig('tsconfig.json');
const outDir = buildTsConfig.compilerOptions?.outDir ?? baseTsConfig.compilerOptions?.outDir;
const rootDir = buildTsConfig.compilerOptions?.rootDir ?? baseTsConfig.compilerOptions?.rootDir;
const buildIncludes = buildTsConfig.include ?? baseTsConfig.include ?? [];

/** tsconfig `include` and .dockerignore patterns: `**` any directories, `*` and `?` within one. */
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .replace(/^\.\//, '')
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => {
      if (part === '**' || part === '**/') return '(?:.*/)?';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${pattern}(?:/.*)?$`);
}

const packageJson = JSON.parse(readText('package.json')) as { scripts: Record<string, string> };

const DIST_PATH = /(?:^|[\s"'[,=])(\.\/)?(dist\/[\w./-]+\.js)/g;

function distPathsIn(text: string): string[] {
  return [...text.matchAll(DIST_PATH)].map((match) => match[2]);
}

function distPathOf(words: string[]): string | undefined {
  return words.map((word) => distPathsIn(` ${word}`)[0]).find(Boolean);
}

// ---------------------------------------------------------------------------------------------

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

describe('docker/Dockerfile', () => {
  it('builds on the Node 24 image in every stage', () => {
    const stageNames = new Set(stages.map((stage) => stage.name).filter(Boolean));
    const bases = stages.map((stage) => stage.image).filter((image) => !stageNames.has(image));
    expect(bases.length).toBeGreaterThan(0);
    for (const image of bases) expect(image).toMatch(/^(docker\.io\/(library\/)?)?node:24(\b|-)/);
  });

  it('compiles the app in a build stage with npm ci and npm run build', () => {
    const builder = stages.slice(0, -1).find((stage) => {
      const runs = argsOf(stage, 'RUN').join('\n');
      return /\bnpm ci\b/.test(runs) && /\bnpm run build\b/.test(runs);
    });
    expect(builder, 'a stage before the final one runs npm ci and npm run build').toBeDefined();
  });

  it('gives the build stage everything tsconfig.build.json compiles', () => {
    const builder = stages.find((stage) => /\bnpm run build\b/.test(argsOf(stage, 'RUN').join()));
    const copied = copiesOf(builder ?? { image: '', instructions: [] })
      .filter((copy) => copy.from === undefined)
      .flatMap((copy) =>
        copy.sources.map((source) => source.replace(/^\.\//, '').replace(/\/$/, '')),
      );
    const copiedAll = copied.includes('.') || copied.includes('');
    const needed = [
      'package.json',
      'package-lock.json',
      'tsconfig.build.json',
      ...(buildTsConfig.extends ? [buildTsConfig.extends.replace(/^\.\//, '')] : []),
      ...buildIncludes.map((include) => include.replace(/^\.\//, '').split('/')[0]),
    ];
    for (const path of new Set(needed)) {
      expect(copiedAll || copied.includes(path), `build stage copies ${path}`).toBe(true);
    }
  });

  it('ships production dependencies and the compiled output only', () => {
    const runs = argsOf(finalStage, 'RUN').join('\n');
    expect(runs).toMatch(/\bnpm ci\b[^\n]*--omit=dev/);
    expect(runs).not.toMatch(/\bnpm run build\b/);
    const builderNames = stages.slice(0, -1).map((stage) => stage.name);
    const distCopy = copiesOf(finalStage).find(
      (copy) => copy.from !== undefined && copy.sources.some((source) => /\/dist\/?$/.test(source)),
    );
    expect(distCopy, 'the final stage copies dist from the build stage').toBeDefined();
    expect(builderNames).toContain(distCopy?.from);
  });

  it('runs in production mode as a non-root user', () => {
    const users = argsOf(finalStage, 'USER');
    expect(users.length, 'the final stage sets USER').toBeGreaterThan(0);
    const user = users[users.length - 1].split(':')[0];
    expect(['root', '0']).not.toContain(user);
    expect(argsOf(finalStage, 'ENV').join('\n')).toMatch(/\bNODE_ENV[= ]production\b/);
  });

  it('starts the gateway with node itself, so SIGTERM reaches the app', () => {
    const cmd = argsOf(finalStage, 'CMD');
    const entrypoint = argsOf(finalStage, 'ENTRYPOINT');
    expect(cmd.length, 'the final stage has a CMD').toBeGreaterThan(0);
    const words = [...entrypoint.slice(-1), ...cmd.slice(-1)].flatMap(execWords);
    expect(cmd[cmd.length - 1].trim().startsWith('['), 'CMD in exec form').toBe(true);
    expect(words[0]).toBe('node');
    expect(distPathOf(words)).toBe('dist/apps/gateway/src/main.js');
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const ignore = readText('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    const isIgnored = (path: string) =>
      ignore.reduce((ignored, pattern) => {
        const negated = pattern.startsWith('!');
        const regexp = globToRegExp(negated ? pattern.slice(1) : pattern);
        return regexp.test(path) ? !negated : ignored;
      }, false);
    const sources = stages
      .flatMap(copiesOf)
      .filter((copy) => copy.from === undefined)
      .flatMap((copy) => copy.sources)
      .map((source) => source.replace(/^\.\//, '').replace(/\/$/, ''));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(join(ROOT, source)), `${source} exists`).toBe(true);
      expect(isIgnored(source), `${source} is excluded by .dockerignore`).toBe(false);
    }
    for (const path of ['node_modules', 'dist', '.git', 'coverage', 'debug.log', '.env']) {
      expect(isIgnored(path), `${path} stays out of the build context`).toBe(true);
    }
  });
});

describe('entry points', () => {
  const composeText = readText('docker-compose.yml');
  const referenced = [
    ...new Set([
      ...distPathsIn(dockerfileText),
      ...distPathsIn(composeText),
      ...Object.values(packageJson.scripts).flatMap(distPathsIn),
    ]),
  ];

  it('references compiled entry points at all', () => {
    expect(referenced).toEqual(
      expect.arrayContaining([
        'dist/apps/gateway/src/main.js',
        'dist/apps/worker/src/main.js',
        'dist/libs/database/src/migrate.main.js',
      ]),
    );
  });

  it.each(referenced)('%s is a file that npm run build produces', (distPath) => {
    // tsc writes <outDir>/<path relative to rootDir>.js for each included <path>.ts.
    expect(outDir, 'tsconfig outDir').toBeDefined();
    const relativeToOut = relative(resolve(ROOT, outDir ?? ''), resolve(ROOT, distPath));
    expect(relativeToOut.startsWith('..'), `${distPath} lies inside outDir ${outDir}`).toBe(false);
    const source = relative(ROOT, resolve(ROOT, rootDir ?? '.', relativeToOut)).replace(
      /\.js$/,
      '.ts',
    );
    expect(existsSync(join(ROOT, source)), `${source} exists`).toBe(true);
    expect(
      buildIncludes.some((include) => globToRegExp(include).test(source)),
      `${source} is included by tsconfig.build.json`,
    ).toBe(true);
    expect(source, 'specs are not built').not.toMatch(/\.spec\.ts$/);
  });

  it('the npm scripts and the containers start the same entry points', () => {
    const scriptPath = (name: string) => distPathsIn(` ${packageJson.scripts[name] ?? ''}`)[0];
    expect(distPathOf(commandOf('gateway'))).toBe(scriptPath('start:gateway'));
    expect(distPathOf(commandOf('worker'))).toBe(scriptPath('start:worker'));
    expect(distPathOf(commandOf('migrate'))).toBe(scriptPath('migration:run'));
    const cmd = argsOf(finalStage, 'CMD');
    expect(distPathOf(execWords(cmd[cmd.length - 1] ?? ''))).toBe(scriptPath('start:gateway'));
  });
});
