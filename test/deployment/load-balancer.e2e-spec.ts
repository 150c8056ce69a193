/**
 * Three gateways, each its own built process, and a worker behind Debian's nginx running the
 * project's configuration (docker/nginx): a link changed through one gateway changes on all of
 * them at once, and a gateway killed under load costs no answer and no visit.
 *
 * The gateways run with VISIT_DELIVERY=confirmed: a redirect answers once its `link.visited`
 * event is confirmed by the broker (docs/architecture.md, "Events"), so a SIGKILL loses no visit
 * that was answered. With `buffered`, the visits answered in the killed gateway's last tens of
 * milliseconds die with it, and this test fails whenever there were some (most runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type NginxProcess } from '../../scripts/nginx/nginx-process.mts';
import { signUp, type BearerHeader } from '../support/accounts';
import { startBeacon, type BeaconHarness } from '../support/beacon-harness';
import { eventually } from '../support/eventually';
import { request } from '../support/http-client';
import { referrerHostOf, runRedirects } from '../support/redirect-load';
import { storedAfter } from './stored-visits';
import { parseUpstreamLog, UPSTREAM_LOG_FORMAT, type UpstreamLogLine } from './upstream-log';

const SCRAPE_TOKEN = 'load-balancer-e2e-scrape-token-long-enough';
/** How soon every replica must follow a change made through another. */
const PROPAGATION_MS = 1_000;
/** How late before its death the killed gateway answered, for the report. */
const LAST_MOMENTS_MS = 1_000;

describe('gateways behind nginx', () => {
  let beacon: BeaconHarness;
  let gateways: string[];
  let nginx: NginxProcess;
  let owner: BearerHeader;

  beforeAll(async () => {
    beacon = await startBeacon({
      worker: true,
      processes: {},
      env: { METRICS_AUTH_TOKEN: SCRAPE_TOKEN, TRUST_PROXY: '1', VISIT_DELIVERY: 'confirmed' },
    });
    gateways = [beacon.gatewayUrl];
    for (let replica = 2; replica <= 3; replica++) {
      gateways.push(await beacon.startGatewayReplica());
    }
    nginx = await startNginx({
      token: SCRAPE_TOKEN,
      gateways: gateways.map((url) => new URL(url).host),
      accessLogFormat: UPSTREAM_LOG_FORMAT,
    });
    owner = await signUp(nginx.url);
  }, 120_000);
  afterAll(async () => {
    await nginx?.stop();
    await beacon?.stop();
  });

  async function createLink(slug: string, url: string): Promise<void> {
    const created = await request(`${nginx.url}/api/links`, {
      method: 'POST',
      json: { url, slug },
      headers: owner,
    });
    expect(created.status).toBe(201);
  }

  /** Creates a link and has every gateway cache it (a redirect on each). */
  async function cachedEverywhere(slug: string, url: string): Promise<void> {
    await createLink(slug, url);
    for (const gateway of gateways) {
      expect((await fetch(`${gateway}/${slug}`, { redirect: 'manual' })).status).toBe(302);
    }
  }

  /**
   * Asks each gateway directly until it answers as `done` says: each must within
   * PROPAGATION_MS of the change (polling gives up at 5 times that).
   */
  async function expectEveryGatewayWithin(
    change: string,
    slug: string,
    done: (response: Response) => boolean,
  ): Promise<void> {
    const startedAt = Date.now();
    const ms = await Promise.all(
      gateways.map(async (gateway) => {
        while (Date.now() - startedAt < 5 * PROPAGATION_MS) {
          if (done(await fetch(`${gateway}/${slug}`, { redirect: 'manual' }))) {
            return Date.now() - startedAt;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return Infinity;
      }),
    );
    console.info(`load balancer: ${change} on each gateway after ${ms.join(', ')} ms`);
    expect(Math.max(...ms), `${change}: ms on each gateway ${ms.join(', ')}`).toBeLessThan(
      PROPAGATION_MS,
    );
  }

  it('answers 404 for a deleted link on every gateway within a second', async () => {
    await cachedEverywhere('lb-deleted', 'https://example.com/deleted');
    const deleted = await request(`${gateways[1]}/api/links/lb-deleted`, {
      method: 'DELETE',
      headers: owner,
    });
    expect(deleted.status).toBe(204);
    await expectEveryGatewayWithin('404', 'lb-deleted', (response) => response.status === 404);
  });

  it('follows an edited target, and asks for a new password, on every gateway within a second', async () => {
    await cachedEverywhere('lb-edited', 'https://example.com/before');
    const edit = (json: object) =>
      request(`${gateways[2]}/api/links/lb-edited`, { method: 'PATCH', json, headers: owner });

    expect((await edit({ url: 'https://example.com/after' })).status).toBe(200);
    await expectEveryGatewayWithin(
      'new target',
      'lb-edited',
      (response) => response.headers.get('location') === 'https://example.com/after',
    );
    expect((await edit({ password: 'open sesame' })).status).toBe(200);
    await expectEveryGatewayWithin('password form', 'lb-edited', (r) => r.status === 200);
  });

  /** 3,000 redirects through nginx, 30 in flight; the last gateway is killed after 1,000. */
  async function redirectsKillingOneGateway() {
    let killedAtMs = 0;
    let killed: Promise<number | null> | undefined;
    const outcomes = await runRedirects({
      url: `${nginx.url}/lb-load`,
      count: 3_000,
      concurrency: 30,
      onAnswer: (answered) => {
        if (answered !== 1_000) return;
        killedAtMs = Date.now();
        killed = beacon.signalStop('gateway', 'SIGKILL');
      },
    });
    await killed;
    return { outcomes, killedAtMs, victim: new URL(gateways.at(-1)!).host };
  }

  /** nginx logs an answer once it is sent: the last lines may come a moment after it. */
  function loggedAnswers(): Promise<UpstreamLogLine[]> {
    return eventually(() => {
      const lines = parseUpstreamLog(nginx.accessLog()).filter((line) =>
        line.referrerHost.endsWith('.load.test'),
      );
      expect(lines).toHaveLength(3_000);
      return lines;
    });
  }

  it('answers every redirect while a gateway is killed, and stores each visit exactly once', async () => {
    await createLink('lb-load', 'https://example.com/load');
    const { outcomes, killedAtMs, victim } = await redirectsKillingOneGateway();
    const failed = outcomes.filter((outcome) => outcome.result !== 302);
    expect(failed.slice(0, 5), `${failed.length} answers other than 302`).toEqual([]);
    expect(new Set(outcomes.map((outcome) => outcome.location))).toEqual(
      new Set(['https://example.com/load']),
    );

    const answers = await loggedAnswers();
    for (const host of gateways.map((gateway) => new URL(gateway).host)) {
      const before = answers.filter((a) => a.answeredBy === host && a.atMs < killedAtMs);
      expect(before.length, `answered by ${host} before the kill`).toBeGreaterThan(100);
    }
    const retried = answers.filter((answer) => answer.tried.length > 1);
    expect(retried.length, 'requests nginx passed on to another gateway').toBeGreaterThan(0);

    const lastMoments = answers.filter(
      (a) => a.answeredBy === victim && a.atMs >= killedAtMs - LAST_MOMENTS_MS,
    );
    const hosts = outcomes.map((outcome) => referrerHostOf(outcome.n));
    const stored = await storedAfter(beacon, 'lb-load', hosts);
    expect(
      [...stored.byHost].filter(([, n]) => n > 1),
      'visits stored twice',
    ).toEqual([]);
    expect(stored.byHost.size, 'visits stored').toBe(3_000);
    expect(stored.daily, 'the daily count').toBe(3_000);
    console.info(
      `load balancer: 3000 redirects, all 302; ${retried.length} retried by nginx on another ` +
        `gateway; the killed gateway answered ${lastMoments.length} in its last ` +
        `${LAST_MOMENTS_MS} ms; every visit stored once`,
    );
  }, 90_000);
});
