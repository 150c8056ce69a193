// `npm run k8s:monitoring`: rewrites the monitoring component's generated PrometheusRules and
// dashboard ConfigMaps after a change to the rule or dashboard files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATED_DIRECTORY, monitoringManifests } from './monitoring-manifests.mts';

const USAGE = `usage: npm run k8s:monitoring

Rewrites the PrometheusRules and dashboard ConfigMaps in
  ${GENERATED_DIRECTORY}/
from observability/prometheus/rules/ and observability/grafana/dashboards/. Run it after
changing either: a unit test fails while the copies differ.`;

const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const root = resolve(import.meta.dirname, '../..');
mkdirSync(join(root, GENERATED_DIRECTORY), { recursive: true });
for (const [name, text] of Object.entries(monitoringManifests(root))) {
  writeFileSync(join(root, GENERATED_DIRECTORY, name), text);
  console.log(`wrote ${GENERATED_DIRECTORY}/${name}`);
}
