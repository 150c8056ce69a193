/**
 * Gauges whose value lives elsewhere (a pool's connections, say) and is read when `/metrics` is
 * scraped, from every source registered for them: no timer keeps them current between scrapes,
 * and a source that goes away takes its series with it. Sources whose series share labels add up.
 */
import { Gauge, register } from 'prom-client';
import type { GaugeDefinition } from './metric-catalog';

export interface GaugeSample<L extends string> {
  labels: Record<L, string>;
  value: number;
}

export type GaugeSource<L extends string> = () => readonly GaugeSample<L>[];

const sourcesByName = new Map<string, Set<GaugeSource<string>>>();

/** Reads `source` at every scrape, until the returned function is called. */
export function sampleAtScrape<L extends string>(
  definition: GaugeDefinition<L>,
  source: GaugeSource<L>,
): () => void {
  const sources = sourcesOf(definition);
  sources.add(source);
  return () => sources.delete(source);
}

function sourcesOf<L extends string>(definition: GaugeDefinition<L>): Set<GaugeSource<string>> {
  const known = sourcesByName.get(definition.name);
  if (known) return known;
  const sources = new Set<GaugeSource<string>>();
  sourcesByName.set(definition.name, sources);
  // Only in tests can the registry outlive this module's map (a module graph loaded again).
  register.removeSingleMetric(definition.name);
  new Gauge<string>({
    name: definition.name,
    help: definition.help,
    labelNames: definition.labelNames,
    collect() {
      this.reset();
      for (const source of sources) {
        for (const { labels, value } of source()) this.inc(labels, value);
      }
    },
  });
  return sources;
}
