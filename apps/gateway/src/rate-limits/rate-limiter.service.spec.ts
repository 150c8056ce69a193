import { loadConfig } from '@beacon/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessBucketStore } from './in-process-bucket.store';
import { RateLimiter } from './rate-limiter.service';

const stores: InProcessBucketStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.onModuleDestroy()));

function limiterWith(env: Record<string, string>) {
  const config = loadConfig('gateway', { JWT_SECRET: 'a-development-secret', ...env });
  const store = new InProcessBucketStore();
  stores.push(store);
  return { config, limiter: new RateLimiter(config, store) };
}

const client = (ip: string) => ({ ip, routeOptions: { url: '/x' } }) as FastifyRequest;

function recordingReply() {
  const headers: Record<string, unknown> = {};
  const reply = {
    header(name: string, value: unknown) {
      headers[name] = value;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, headers };
}

describe('RateLimiter', () => {
  it('reads the settings at each request, so that a reload applies to the next one', async () => {
    const { config, limiter } = limiterWith({ RATE_LIMIT_MAX: '60', RATE_LIMIT_BURST: '5' });
    const { reply, headers } = recordingReply();
    limiter.sendHeaders(reply, 'api', await limiter.take('api', client('192.0.2.1')));
    expect(headers['ratelimit-policy']).toBe('"api";q=5;w=60');
    // What the reloader does: the settings change in place.
    Object.assign(config.rateLimit.api, { burst: 1 });
    config.rateLimit.windowMs = 30_000;
    const first = await limiter.take('api', client('192.0.2.2'));
    limiter.sendHeaders(reply, 'api', first);
    expect(headers['ratelimit-policy']).toBe('"api";q=1;w=30');
    expect(first.allowed).toBe(true);
    expect((await limiter.take('api', client('192.0.2.2'))).allowed).toBe(false);
  });

  it('keeps a bucket per class and client', async () => {
    const { limiter } = limiterWith({ RATE_LIMIT_BURST: '1', REDIRECT_RATE_LIMIT_BURST: '1' });
    expect((await limiter.take('api', client('192.0.2.1'))).allowed).toBe(true);
    expect((await limiter.take('api', client('192.0.2.1'))).allowed).toBe(false);
    expect((await limiter.take('redirect', client('192.0.2.1'))).allowed).toBe(true);
    expect((await limiter.take('api', client('192.0.2.9'))).allowed).toBe(true);
  });

  it('keeps a bucket per API key in the key class, whatever address the key comes from', async () => {
    const { limiter } = limiterWith({
      RATE_LIMIT_BURST: '1',
      API_KEY_RATE_LIMIT_MAX: '30',
      API_KEY_RATE_LIMIT_BURST: '2',
    });
    const { reply, headers } = recordingReply();
    expect((await limiter.take('api', client('192.0.2.1'))).allowed).toBe(true);
    const first = await limiter.takeKey('7');
    limiter.sendHeaders(reply, 'key', first);
    expect(headers['ratelimit-policy']).toBe('"key";q=2;w=60');
    expect([first.allowed, (await limiter.takeKey('7')).allowed]).toEqual([true, true]);
    expect((await limiter.takeKey('7')).allowed).toBe(false);
    expect((await limiter.takeKey('8')).allowed).toBe(true);
  });

  it("gives a link's password five times the auth class's bucket, over all clients", async () => {
    const { limiter } = limiterWith({ AUTH_RATE_LIMIT_MAX: '2', AUTH_RATE_LIMIT_BURST: '1' });
    const { reply, headers } = recordingReply();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await limiter.takeLinkPassword('vault'));
    expect(answers.map((answer) => answer.allowed)).toEqual([true, true, true, true, true, false]);
    limiter.sendHeaders(reply, 'auth', await limiter.take('auth', client('192.0.2.1')), answers[5]);
    expect(headers['ratelimit-policy']).toBe('"auth";q=1;w=60, "link-password";q=5;w=60');
    expect(headers['ratelimit']).toBe('"auth";r=0;t=30, "link-password";r=0;t=6');
    expect(headers['retry-after']).toBe(6);
  });
});
