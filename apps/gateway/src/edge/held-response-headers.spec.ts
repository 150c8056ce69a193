import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { HeldResponseHeaders } from './held-response-headers';

describe('HeldResponseHeaders', () => {
  it('keeps the headers it is given until applied to a reply, which then sends them', async () => {
    const app = Fastify();
    app.get('/', (_request, reply) => {
      const held = new HeldResponseHeaders();
      held.header('RateLimit-Limit', 5).header('Retry-After', 30);
      expect(reply.getHeader('ratelimit-limit')).toBeUndefined();
      held.applyTo(reply);
      return reply.send('ok');
    });
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.headers['ratelimit-limit']).toBe('5');
    expect(response.headers['retry-after']).toBe('30');
    await app.close();
  });
});
