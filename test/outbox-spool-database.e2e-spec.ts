import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlSpoolDatabase } from '../apps/gateway/src/outbox/spool-database';
import { outboxInserts } from '../apps/gateway/src/outbox/outbox-inserts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';

const row = (type: string, id: number) => ({
  type,
  envelope: JSON.stringify({ id: `event-${id}` }),
  requestId: null,
  traceparent: null,
});

describe("the outbox spool's own MySQL connections", () => {
  let beacon: BeaconHarness;
  let spool: MysqlSpoolDatabase;
  beforeAll(async () => {
    beacon = await startBeacon({ gateway: false });
    spool = new MysqlSpoolDatabase(beacon.config);
  });
  afterAll(async () => {
    await spool?.onApplicationShutdown();
    await beacon?.stop();
  });

  const stored = async () =>
    (await beacon.sql<{ type: string }>('SELECT type FROM outbox ORDER BY id')).map((r) => r.type);

  it('stores one statement, and several in one transaction', async () => {
    await spool.insert(outboxInserts([row('link.visited', 1), row('link.visited', 2)]));
    await spool.insert(outboxInserts([row('a', 3), row('b', 4)], 1));
    expect(await stored()).toEqual(['link.visited', 'link.visited', 'a', 'b']);
  });

  it('stores none of the statements when one of them fails', async () => {
    await beacon.sql('DELETE FROM outbox');
    // A type longer than its column (128) fails in strict mode, after the first statement ran.
    const statements = outboxInserts([row('first', 5), row('x'.repeat(200), 6)], 1);
    expect(statements).toHaveLength(2);
    await expect(spool.insert(statements)).rejects.toThrow(/too long|Data too long/i);
    expect(await stored()).toEqual([]);
  });
});
