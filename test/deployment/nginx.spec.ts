/**
 * Runs Debian's `nginx -t` (installed by .ci/run) on the compose stack's nginx configuration,
 * rendered the way the nginx image renders it, with the gateways' addresses at loopback (there
 * is no compose network here). The commented TLS block is checked too, uncommented, with a
 * throw-away self-signed certificate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readText } from './deployment-files';
import {
  nginxBinary,
  NGINX_TEMPLATE,
  renderedServer,
  writeNginxConfig,
} from '../../scripts/nginx/nginx-config.mts';

const TOKEN = 'test-scrape-token';
const GATEWAYS = ['127.0.0.1:3333'];

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

  /** `nginx -t` on a main file that includes `server`; throws with nginx's words on failure. */
  function check(server: string): void {
    const main = writeNginxConfig(directory, server);
    execFileSync(nginx, ['-t', '-p', directory, '-c', main], { stdio: ['ignore', 'pipe', 'pipe'] });
  }

  it('renders only the scrape token, leaving nginx variables alone', () => {
    const template = readText(NGINX_TEMPLATE);
    expect(template.match(/\$\{\w+\}/g)?.every((name) => name === '${METRICS_SCRAPE_TOKEN}')).toBe(
      true,
    );
    const server = renderedServer({ token: TOKEN, gateways: GATEWAYS });
    expect(server).toContain(`"Bearer ${TOKEN}"`);
    expect(server).toContain('$http_x_request_id');
  });

  it('passes nginx -t', () => {
    expect(() => check(renderedServer({ token: TOKEN, gateways: GATEWAYS }))).not.toThrow();
  });

  it('spreads over every gateway, with passive health checks and kept-alive connections', () => {
    const gateways = ['127.0.0.1:4001', '127.0.0.1:4002', '127.0.0.1:4003'];
    const server = renderedServer({ token: TOKEN, gateways });
    expect(() => check(server)).not.toThrow();
    const upstream = /upstream beacon_gateway \{([^}]*)\}/.exec(server)?.[1] ?? '';
    const servers = upstream.match(/^\s*server .*$/gm) ?? [];
    expect(servers.map((line) => line.trim().split(/\s+/)[1])).toEqual(gateways);
    for (const line of servers) expect(line).toMatch(/ max_fails=\d+ fail_timeout=\d+s;$/);
    expect(upstream).toMatch(/^\s*keepalive \d+;/m);
    const proxy = readText('docker/nginx/proxy.conf');
    expect(proxy).toContain('proxy_pass http://beacon_gateway;');
    expect(proxy).toContain('proxy_http_version 1.1;');
    expect(proxy).toContain('proxy_set_header Connection "";');
    expect(proxy).toMatch(/^proxy_next_upstream error timeout;$/m);
    expect(proxy).toMatch(/^proxy_next_upstream_tries \d+;$/m);
  });

  it('finds every replica of the compose service by DNS, again as they change', () => {
    const template = readText(NGINX_TEMPLATE);
    expect(template).toMatch(/^\s*server gateway:3333 resolve /m);
    expect(template).toMatch(/^resolver 127\.0\.0\.11 /m);
    expect(template).toMatch(/^\s*zone beacon_gateway /m);
  });

  it('allowlists /metrics and passes the client address and scheme to the gateway', () => {
    const metrics = /location = \/metrics \{([^}]*)\}/.exec(readText(NGINX_TEMPLATE))?.[1] ?? '';
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
    const server = renderedServer({ token: TOKEN, gateways: GATEWAYS });
    expect(() => check(`${server}\n${tlsBlock(server, certificate, key)}`)).not.toThrow();
  });
});
