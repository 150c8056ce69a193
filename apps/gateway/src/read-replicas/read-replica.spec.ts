import { loadDatabaseConfig } from '@beacon/config';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ReadReplica } from './read-replica';

/** A port nothing listens on (the system picked it, and it was closed again). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ReadReplica', () => {
  it('serves nothing before its first check, nor while it cannot be reached', async () => {
    const port = await closedPort();
    const replica = new ReadReplica({ ...loadDatabaseConfig({}), port }, 10, () => ({
      timeoutMs: 500,
      failureThreshold: 5,
      successThreshold: 3,
      resetTimeoutMs: 1_000,
    }));
    try {
      expect(replica.name).toBe(`127.0.0.1:${port}`);
      expect(replica.state()).toEqual({
        serving: false,
        lagSeconds: null,
        reason: 'not checked yet',
      });
      await replica.check(1_000);
      expect(replica.serving).toBe(false);
      expect(replica.state()).toMatchObject({
        lagSeconds: null,
        reason: /^lag check failed: .*ECONNREFUSED/,
      });
    } finally {
      await replica.close();
    }
  });
});
