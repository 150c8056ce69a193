/**
 * The compose stack's nginx configuration, rendered to run on this machine with Debian's nginx:
 * the scrape token substituted as the image's envsubst does, the includes pointed at the
 * repository's files, the gateway at a loopback address, and a main file around it all.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readText, ROOT } from './deployment-files';

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
  /** host:port of the gateway. */
  gateway: string;
  /** Replaces port 80 (a free port when nginx really runs). */
  listenPort?: number;
}

export function renderedServer(
  { token, gateway, listenPort }: RenderOptions,
  template = readText(NGINX_TEMPLATE),
): string {
  const server = template
    .replaceAll('${METRICS_SCRAPE_TOKEN}', token)
    .replaceAll('/etc/nginx/beacon/', `${ROOT}/docker/nginx/`)
    .replaceAll('http://gateway:3333;', `http://${gateway};`);
  if (listenPort === undefined) return server;
  return server
    .replace('listen 80 default_server;', `listen 127.0.0.1:${listenPort} default_server;`)
    .replace('listen [::]:80 default_server;', '');
}

/** Writes `server` and a main nginx.conf around it into `directory`; returns the main file. */
export function writeNginxConfig(directory: string, server: string): string {
  writeFileSync(join(directory, 'beacon.conf'), server);
  const main = join(directory, 'nginx.conf');
  writeFileSync(
    main,
    [
      `pid ${directory}/nginx.pid;`,
      `error_log ${directory}/error.log;`,
      'events {}',
      'http {',
      `  access_log ${directory}/access.log;`,
      `  client_body_temp_path ${directory}/client_body;`,
      `  proxy_temp_path ${directory}/proxy;`,
      `  include ${directory}/beacon.conf;`,
      '}',
    ].join('\n'),
  );
  return main;
}
