import { register } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { GaugeDefinition } from './metric-catalog';
import { sampleAtScrape } from './scrape-time-gauge';

const CONNECTIONS: GaugeDefinition<'pool' | 'state'> = {
  kind: 'gauge',
  name: 'unit_scraped_connections',
  help: 'connections of the unit test pools',
  labelNames: ['pool', 'state'],
};

async function series(): Promise<Record<string, number>> {
  const metric = register.getSingleMetric(CONNECTIONS.name);
  const { values } = await metric!.get();
  return Object.fromEntries(
    values.map(({ labels, value }) => [`${labels.pool}/${labels.state}`, value]),
  );
}

describe('sampleAtScrape', () => {
  it('reads every source at each scrape, adds up shared series, and forgets a removed source', async () => {
    let primaryInUse = 1;
    const stopPrimary = sampleAtScrape(CONNECTIONS, () => [
      { labels: { pool: 'primary', state: 'in_use' }, value: primaryInUse },
    ]);
    const stopOther = sampleAtScrape(CONNECTIONS, () => [
      { labels: { pool: 'primary', state: 'in_use' }, value: 2 },
      { labels: { pool: 'replica:r:3306', state: 'idle' }, value: 4 },
    ]);
    expect(await series()).toEqual({ 'primary/in_use': 3, 'replica:r:3306/idle': 4 });

    primaryInUse = 5;
    stopOther();
    expect(await series()).toEqual({ 'primary/in_use': 5 });

    stopPrimary();
    expect(await series()).toEqual({});
  });
});
