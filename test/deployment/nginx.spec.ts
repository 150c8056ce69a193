/**
 * Runs Debian's `nginx -t` (installed by .ci/run) on the compose stack's nginx configuration,
 * rendered the way the nginx image renders it (the scrape token substituted), with its
 * includes pointed at the repository's files and the `gateway` upstream at loopback (there is
 * no compose network here). The commented TLS block is checked too, uncommented, with a
 * throw-away self-signed certificate.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readText, ROOT } from './deployment-files';

const TEMPLATE = 'docker/nginx/templates/beacon.conf.template';
const TOKEN = 'test-scrape-token';

function nginxBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], {
    encoding: 'utf8',
  });
  const path = found.stdout.trim().split('\n')[0];
  if (!path) {
    throw new Error('nginx is not installed: apt-get install -y nginx (.ci/run does it in CI)');
  }
  return path;
}

/** The template as the container would serve it, runnable on this machine. */
function rendered(template: string): string {
  return template
    .replaceAll('${METRICS_SCRAPE_TOKEN}', TOKEN)
    .replaceAll('/etc/nginx/beacon/', `${ROOT}/docker/nginx/`)
    .replace(/server\s+gateway:3333;/, 'server 127.0.0.1:3333;');
}

/** The commented HTTPS server block, uncommented, with the certificate paths replaced. */
function tlsBlock(template: string, certificate: string, key: string): string {
  const start = template.indexOf('# server {');
  expect(start, 'the commented TLS server block').toBeGreaterThan(0);
  return template
    .slice(start)
    .split('\n')
    .map((line) => line.replace(/^# ?/, ''))
    .join('\n')
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${certificate};`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${key};`);
}

describe('docker/nginx', () => {
  let directory: string;
  let nginx: string;

  beforeAll(() => {
    nginx = nginxBinary();
    directory = mkdtempSync(join(tmpdir(), 'beacon-nginx-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** `nginx -t` on a main file that includes `server`; returns its output, throws on failure. */
  function check(server: string): string {
    writeFileSync(join(directory, 'beacon.conf'), server);
    writeFileSync(
      join(directory, 'nginx.conf'),
      [
        `pid ${directory}/nginx.pid;`,
        `error_log ${directory}/error.log;`,
        'events {}',
        'http {',
        `  access_log ${directory}/access.log;`,
        `  include ${directory}/beacon.conf;`,
        '}',
      ].join('\n'),
    );
    return execFileSync(nginx, ['-t', '-p', directory, '-c', join(directory, 'nginx.conf')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  it('renders only the scrape token, leaving nginx variables alone', () => {
    const template = readText(TEMPLATE);
    expect(template.match(/\$\{\w+\}/g)?.every((name) => name === '${METRICS_SCRAPE_TOKEN}')).toBe(
      true,
    );
    expect(rendered(template)).toContain(`"Bearer ${TOKEN}"`);
    expect(rendered(template)).toContain('$http_x_request_id');
  });

  it('passes nginx -t', () => {
    expect(() => check(rendered(readText(TEMPLATE)))).not.toThrow();
  });

  it('allowlists /metrics and passes the client address and scheme to the gateway', () => {
    const template = readText(TEMPLATE);
    const metrics = /location = \/metrics \{([^}]*)\}/.exec(template)?.[1] ?? '';
    expect(metrics).toContain('metrics-allowlist.conf');
    expect(readText('docker/nginx/metrics-allowlist.conf')).toMatch(/deny all;\s*$/);
    const proxy = readText('docker/nginx/proxy.conf');
    expect(proxy).toContain('X-Forwarded-For $proxy_add_x_forwarded_for');
    expect(proxy).toContain('X-Forwarded-Proto $scheme');
  });

  it('has a TLS server block that passes nginx -t once uncommented with a certificate', () => {
    const certificate = join(directory, 'cert.pem');
    const key = join(directory, 'key.pem');
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
        ...['-subj', '/CN=beacon.test', '-keyout', key, '-out', certificate],
      ],
      { stdio: 'ignore' },
    );
    const template = readText(TEMPLATE);
    const server = `${rendered(template)}\n${tlsBlock(rendered(template), certificate, key)}`;
    expect(() => check(server)).not.toThrow();
  });
});
