/**
 * The visits the worker stored for one link, told apart by their referrer host (each request of
 * test/support/redirect-load.ts has its own), and the daily count they add up to.
 */
import { expect } from 'vitest';
import type { BeaconHarness } from '../support/beacon-harness';
import { eventually } from '../support/eventually';

export interface StoredVisits {
  /** Rows per referrer host. */
  byHost: Map<string, number>;
  /** The link's visits in `link_daily_stats`. */
  daily: number;
}

export async function storedVisits(beacon: BeaconHarness, slug: string): Promise<StoredVisits> {
  const rows = await beacon.sql<{ host: string; n: number }>(
    'SELECT v.referrer_host AS host, COUNT(*) AS n FROM link_visits v ' +
      'JOIN links l ON l.id = v.link_id WHERE l.slug = ? GROUP BY v.referrer_host',
    [slug],
  );
  const [{ visits }] = await beacon.sql<{ visits: string | null }>(
    'SELECT SUM(s.visits) AS visits FROM link_daily_stats s ' +
      'JOIN links l ON l.id = s.link_id WHERE l.slug = ?',
    [slug],
  );
  return { byHost: new Map(rows.map((row) => [row.host, Number(row.n)])), daily: Number(visits) };
}

/** Waits until every one of `hosts` has its visit stored, then a second more for stragglers. */
export async function storedAfter(
  beacon: BeaconHarness,
  slug: string,
  hosts: string[],
): Promise<StoredVisits> {
  await eventually(
    async () => {
      const { byHost } = await storedVisits(beacon, slug);
      expect(hosts.filter((host) => !byHost.has(host)).slice(0, 5), 'visits not stored').toEqual(
        [],
      );
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return storedVisits(beacon, slug);
}
