import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { register } from 'prom-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReadReplica, ReadWork } from './read-replica';
import { ReadReplicaSet } from './read-replica-set';
import { ReadRouter } from './read-router.service';
import { ANYONE, CATALOG, writerScope } from './read-scope';
import { InProcessRecentWrites, RecentWrites } from './recent-writes';

/** Each pool's manager names its pool, so a read says where it ran. */
const primary = { manager: { pool: 'primary' } };
const poolOf = (manager: unknown) => (manager as { pool: string }).pool;
const whereItRan: ReadWork<string> = async (manager) => poolOf(manager);

/** A replica (a port that leaves the process) that serves or not, answers or fails, as told. */
function fakeReplica(name: string, { serving = true, fails = false } = {}) {
  return {
    name,
    serving,
    run: async <T>(work: ReadWork<T>): Promise<T> => {
      if (fails) throw Object.assign(new Error('connection lost'), { code: 'ECONNRESET' });
      return work({ pool: name } as never);
    },
  } as unknown as ReadReplica;
}

async function counted(name: string, labels: Record<string, string>): Promise<number> {
  const metric = register.getSingleMetric(name);
  if (!metric) return 0;
  const values = (await metric.get()).values;
  const match = values.find((value) =>
    Object.entries(labels).every(([key, label]) => value.labels[key] === label),
  );
  return match?.value ?? 0;
}

describe('ReadRouter', () => {
  let writes: InProcessRecentWrites;
  beforeEach(() => {
    writes = new InProcessRecentWrites(60_000);
  });

  async function router(...replicas: ReadReplica[]): Promise<ReadRouter> {
    const module = await Test.createTestingModule({
      providers: [
        ReadRouter,
        { provide: getDataSourceToken(), useValue: primary },
        { provide: ReadReplicaSet, useValue: new ReadReplicaSet(replicas) },
        { provide: RecentWrites, useValue: writes },
      ],
    }).compile();
    return module.get(ReadRouter);
  }

  /** Runs `read` and says how db_reads_total and db_read_fallbacks_total moved. */
  async function counting<T>(read: () => Promise<T>) {
    const labels = [
      ['db_reads_total', { pool: 'primary' }],
      ['db_reads_total', { pool: 'replica' }],
      ...['recent_write', 'unavailable', 'replica_error', 'not_found'].map(
        (reason) => ['db_read_fallbacks_total', { reason }] as const,
      ),
    ] as const;
    const before = await Promise.all(labels.map(([name, label]) => counted(name, label)));
    const result = await read();
    const after = await Promise.all(labels.map(([name, label]) => counted(name, label)));
    const moved = (index: number) => after[index] - before[index];
    return {
      result,
      reads: { primary: moved(0), replica: moved(1) },
      fallbacks: {
        recent_write: moved(2),
        unavailable: moved(3),
        replica_error: moved(4),
        not_found: moved(5),
      },
    };
  }

  it('reads on the primary, and remembers no writer, when no replica is configured', async () => {
    const reads = await router();
    const has = vi.spyOn(writes, 'has');
    await reads.wrote(writerScope('7'));
    expect(await writes.has(writerScope('7'))).toBe(false);
    has.mockClear();
    const {
      result,
      reads: pools,
      fallbacks,
    } = await counting(() => reads.read(writerScope('7'), whereItRan));
    expect(result).toBe('primary');
    expect(pools).toEqual({ primary: 1, replica: 0 });
    expect(Object.values(fallbacks)).toEqual([0, 0, 0, 0]);
    expect(has).not.toHaveBeenCalled();
  });

  it('sends reads to a serving replica', async () => {
    const reads = await router(fakeReplica('replica-a'));
    const { result, reads: pools } = await counting(() => reads.read(CATALOG, whereItRan));
    expect(result).toBe('replica-a');
    expect(pools).toEqual({ primary: 0, replica: 1 });
  });

  it("sends a writer's reads, and only theirs, to the primary after their write", async () => {
    const reads = await router(fakeReplica('replica-a'));
    await reads.wrote(writerScope('7'));
    const own = await counting(() => reads.read(writerScope('7'), whereItRan));
    expect(own.result).toBe('primary');
    expect(own.fallbacks.recent_write).toBe(1);
    expect(await reads.read(writerScope('8'), whereItRan)).toBe('replica-a');
    expect(await reads.read(CATALOG, whereItRan)).toBe('replica-a');
    expect(await reads.read(ANYONE, whereItRan)).toBe('replica-a');
  });

  it('answers from the primary when the replica fails the read', async () => {
    const reads = await router(fakeReplica('replica-a', { fails: true }));
    const {
      result,
      reads: pools,
      fallbacks,
    } = await counting(() => reads.read(ANYONE, whereItRan));
    expect(result).toBe('primary');
    expect(pools).toEqual({ primary: 1, replica: 0 });
    expect(fallbacks.replica_error).toBe(1);
  });

  it('asks the primary again for a row the replica does not have', async () => {
    const reads = await router(fakeReplica('replica-a'));
    const onPrimaryOnly: ReadWork<string | null> = async (manager) =>
      poolOf(manager) === 'primary' ? 'the new row' : null;
    const {
      result,
      reads: pools,
      fallbacks,
    } = await counting(() => reads.find(ANYONE, onPrimaryOnly));
    expect(result).toBe('the new row');
    expect(pools).toEqual({ primary: 1, replica: 1 });
    expect(fallbacks.not_found).toBe(1);
    expect(await reads.read(ANYONE, async () => null)).toBeNull();
  });

  it('reads on the primary while no replica serves', async () => {
    const reads = await router(fakeReplica('replica-a', { serving: false }));
    const { result, fallbacks } = await counting(() => reads.read(ANYONE, whereItRan));
    expect(result).toBe('primary');
    expect(fallbacks.unavailable).toBe(1);
  });
});

describe('ReadReplicaSet', () => {
  it('gives reads to the serving replicas in turn', () => {
    const replicas = new ReadReplicaSet([
      fakeReplica('a'),
      fakeReplica('b', { serving: false }),
      fakeReplica('c'),
    ]);
    const picked = Array.from({ length: 4 }, () => replicas.pick()?.name);
    expect(picked.sort()).toEqual(['a', 'a', 'c', 'c']);
    expect(new ReadReplicaSet([fakeReplica('b', { serving: false })]).pick()).toBeUndefined();
  });
});
