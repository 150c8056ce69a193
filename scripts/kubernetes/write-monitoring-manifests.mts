// `npm run k8s:monitoring`: rewrites the monitoring component's generated PrometheusRules and
// dashboard ConfigMaps after a change to the rule or dashboard files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GENERATED_DIRECTORY, monitoringManifests } from './monitoring-manifests.mts';

const root = resolve(import.meta.dirname, '../..');
mkdirSync(join(root, GENERATED_DIRECTORY), { recursive: true });
for (const [name, text] of Object.entries(monitoringManifests(root))) {
  writeFileSync(join(root, GENERATED_DIRECTORY, name), text);
  console.log(`wrote ${GENERATED_DIRECTORY}/${name}`);
}
