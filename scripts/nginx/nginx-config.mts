/**
 * The compose stack's nginx configuration, rendered to run on this machine with Debian's nginx:
 * the scrape token substituted as the image's envsubst does, the includes pointed at the
 * repository's files, the upstream's servers at loopback addresses, and a main file around it.
 * The nginx specs and the scale-out bench run the project's very files this way.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const NGINX_TEMPLATE = 'docker/nginx/templates/default.conf.template';

export function nginxBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], {
    encoding: 'utf8',
  });
  const path = found.stdout.trim().split('\n')[0];
  if (!path) {
    throw new Error('nginx is not installed: apt-get install -y nginx (.ci/run does it in CI)');
  }
  return path;
}

interface RenderOptions {
  token: string;
  /** host:port of each gateway: the upstream's servers. */
  gateways: string[];
  /** Replaces port 80 (a free port when nginx really runs). */
  listenPort?: number;
}

/** The upstream's one server line, naming compose's `gateway` service. */
const COMPOSE_SERVER = /^( *)server gateway:3333 resolve (.*);$/m;

export function readTemplate(): string {
  return readFileSync(join(ROOT, NGINX_TEMPLATE), 'utf8');
}

export function renderedServer(
  { token, gateways, listenPort }: RenderOptions,
  template = readTemplate(),
): string {
  if (!COMPOSE_SERVER.test(template)) throw new Error(`${NGINX_TEMPLATE}: no gateway server line`);
  // One line per gateway, with the compose line's parameters but `resolve`: Debian 12's nginx
  // 1.22 predates it (1.27.3), and an address has nothing to resolve.
  const server = template
    .replaceAll('${METRICS_SCRAPE_TOKEN}', token)
    .replaceAll('/etc/nginx/beacon/', `${ROOT}/docker/nginx/`)
    .replace(COMPOSE_SERVER, (_line, indent: string, parameters: string) =>
      gateways.map((gateway) => `${indent}server ${gateway} ${parameters};`).join('\n'),
    );
  if (listenPort === undefined) return server;
  return server
    .replace('listen 80 default_server;', `listen 127.0.0.1:${listenPort} default_server;`)
    .replace('listen [::]:80 default_server;', '');
}

export interface MainOptions {
  /** nginx's default is 1; `auto` is one per core. */
  workerProcesses?: number | 'auto';
  /** An access log format of the caller's (nginx's `combined` otherwise). */
  accessLogFormat?: string;
  /**
   * Requests per client connection before nginx closes it (nginx's default: 1,000). A load
   * generator that ignores `Connection: close` counts each such close as an error.
   */
  clientKeepaliveRequests?: number;
}

/** Writes `server` and a main nginx.conf around it into `directory`; returns the main file. */
export function writeNginxConfig(
  directory: string,
  server: string,
  { workerProcesses = 1, accessLogFormat, clientKeepaliveRequests }: MainOptions = {},
): string {
  writeFileSync(join(directory, 'beacon.conf'), server);
  const main = join(directory, 'nginx.conf');
  const accessLog = accessLogFormat
    ? [`  log_format test '${accessLogFormat}';`, `  access_log ${directory}/access.log test;`]
    : [`  access_log ${directory}/access.log;`];
  writeFileSync(
    main,
    [
      `worker_processes ${workerProcesses};`,
      `pid ${directory}/nginx.pid;`,
      `error_log ${directory}/error.log;`,
      'events {}',
      'http {',
      ...accessLog,
      ...(clientKeepaliveRequests ? [`  keepalive_requests ${clientKeepaliveRequests};`] : []),
      `  client_body_temp_path ${directory}/client_body;`,
      `  proxy_temp_path ${directory}/proxy;`,
      `  include ${directory}/beacon.conf;`,
      '}',
    ].join('\n'),
  );
  return main;
}
