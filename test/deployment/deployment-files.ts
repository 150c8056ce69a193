/**
 * Reads the deployment files (docker-compose.yml, docker/Dockerfile) the way the deployment
 * specs need them. There is no Docker engine in CI, so the specs compare these files with what
 * the code really needs instead of running them.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const ROOT = resolve(__dirname, '../..');

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// docker-compose.yml

type EnvValue = string | number | boolean | null;

interface ComposeService {
  image?: string;
  container_name?: string;
  profiles?: string[];
  secrets?: (string | { source: string; target?: string })[];
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
  secrets?: Record<string, { file?: string; environment?: string }>;
}

function loadCompose(): ComposeFile {
  // Compose honours YAML merge keys (`<<: *anchor`); the parser must too.
  return parse(readText('docker-compose.yml'), { merge: true }) as ComposeFile;
}

export const compose = loadCompose();

export function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** Resolve compose interpolation the way `docker compose` does with an empty environment. */
export function withDefaults(value: string): string {
  return value
    .replace(
      /\$\{(\w+)(?::?[-?]([^}]*))?\}/g,
      (_match, _name: string, fallback?: string) => fallback ?? '',
    )
    .replace(/\$\$/g, '$');
}

export function environmentOf(name: string): Record<string, string> {
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
export function rawEnv(name: string, key: string): string | undefined {
  return environmentOf(name)[key];
}

export function env(name: string, key: string): string | undefined {
  const raw = rawEnv(name, key);
  return raw === undefined ? undefined : withDefaults(raw);
}

interface PortMapping {
  published?: number;
  target: number;
}

export function portsOf(name: string): PortMapping[] {
  return (service(name).ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return {
        target: Number(port.target),
        published: port.published === undefined ? undefined : Number(port.published),
      };
    }
    // Short syntax: [ip:][host:]container[/protocol]
    const parts = withDefaults(String(port)).split('/')[0].split(':');
    const target = Number(parts[parts.length - 1]);
    const published = parts.length > 1 ? Number(parts[parts.length - 2]) : undefined;
    return { target, published };
  });
}

export function dependenciesOf(name: string): Record<string, string> {
  const dependsOn = service(name).depends_on ?? {};
  if (Array.isArray(dependsOn)) {
    // The list form means "started", nothing stronger.
    return Object.fromEntries(dependsOn.map((dep) => [dep, 'service_started']));
  }
  return Object.fromEntries(
    Object.entries(dependsOn).map(([dep, spec]) => [dep, spec?.condition ?? 'service_started']),
  );
}

/** A service that runs once and exits (migrations, seeding, volume set-up). */
export function isJob(name: string): boolean {
  return String(service(name).restart ?? '') === 'no';
}

/** Host paths a service mounts (bind mounts: `./...` on the left of `host:container`). */
export function bindMountsOf(name: string): { source: string; target: string }[] {
  return (service(name).volumes ?? []).flatMap((volume) => {
    const [source, target] =
      typeof volume === 'string' ? volume.split(':') : [volume.source ?? '', volume.target ?? ''];
    return source.startsWith('.') || source.startsWith('/') ? [{ source, target }] : [];
  });
}

export function commandOf(name: string): string[] {
  const command = service(name).command;
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.split(/\s+/).filter(Boolean);
}

export function healthcheckText(name: string): string {
  const test = service(name).healthcheck?.test;
  if (test === undefined) return '';
  return Array.isArray(test) ? test.join(' ') : test;
}

/** Compose durations: 1h2m3s, 40s, 1m30s, 500ms. */
export function durationMs(value: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001 };
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== value.trim()) {
    throw new Error(`not a compose duration: "${value}"`);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * units[unit], 0);
}

export function buildOf(name: string): { context: string; dockerfile: string } {
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

export const dockerfileText = readText('docker/Dockerfile');
export const stages = parseDockerfile(dockerfileText);
export const finalStage = stages[stages.length - 1];

export function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((item) => item.keyword === keyword).map((item) => item.args);
}

/** CMD/ENTRYPOINT in exec form (JSON array) or shell form, as a list of words. */
export function execWords(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as string[];
  return trimmed.split(/\s+/);
}

interface Copy {
  from?: string;
  sources: string[];
  destination: string;
}

export function copiesOf(stage: Stage): Copy[] {
  return argsOf(stage, 'COPY').map((args) => {
    const words = args.split(/\s+/);
    const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((word) => !word.startsWith('--'));
    return { from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
  });
}

// ---------------------------------------------------------------------------------------------
// compiled entry points named in these files and in package.json

const DIST_PATH = /(?:^|[\s"'[,=])(\.\/)?(dist\/[\w./-]+\.js)/g;

export function distPathsIn(text: string): string[] {
  return [...text.matchAll(DIST_PATH)].map((match) => match[2]);
}

/** The script a node command runs: its last compiled path (earlier ones are `--import`s). */
export function distPathOf(words: string[]): string | undefined {
  return words.flatMap((word) => distPathsIn(` ${word}`)).at(-1);
}

/** The compiled modules a node command preloads with `--import`. */
export function preloadsOf(words: string[]): string[] {
  return words.flatMap((word, i) => (words[i - 1] === '--import' ? distPathsIn(` ${word}`) : []));
}
