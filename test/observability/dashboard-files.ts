/**
 * Reads the Grafana provisioning files and dashboards (observability/grafana) the way the
 * observability specs need them: dashboards.spec.ts checks them statically, and the stack test
 * runs every PromQL expression against a real Prometheus.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const ROOT = resolve(__dirname, '../..');

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

const GRAFANA = 'observability/grafana';

export const DASHBOARD_FILES = [
  `${GRAFANA}/dashboards/http-overview.json`,
  `${GRAFANA}/dashboards/business.json`,
  `${GRAFANA}/dashboards/messaging.json`,
  `${GRAFANA}/dashboards/runtime.json`,
];

export const DATASOURCES_FILE = `${GRAFANA}/provisioning/datasources/datasources.yaml`;
export const DASHBOARD_PROVIDERS_FILE = `${GRAFANA}/provisioning/dashboards/dashboards.yaml`;

/** Where the compose stack mounts observability/grafana/dashboards in the Grafana container. */
export const GRAFANA_DASHBOARDS_MOUNT = '/var/lib/grafana/dashboards';

/** Grafana substitutes this per query; a fixed window makes an expression runnable as is. */
export const RATE_INTERVAL_STANDIN = '1m';

// ---------------------------------------------------------------------------------------------
// Dashboards: only the fields the specs read.

export interface DatasourceRef {
  type?: string;
  uid?: string;
}

export interface Target {
  refId?: string;
  datasource?: DatasourceRef;
  expr?: string;
  exemplar?: boolean;
}

export interface Panel {
  id?: number;
  type?: string;
  title?: string;
  datasource?: DatasourceRef;
  targets?: Target[];
  /** A collapsed row keeps its panels here; an open row's panels follow it at the top level. */
  panels?: Panel[];
}

export interface Dashboard {
  uid?: string;
  title?: string;
  editable?: boolean;
  templating?: { list?: unknown[] };
  panels?: Panel[];
}

export function loadDashboards(): { file: string; json: Dashboard }[] {
  return DASHBOARD_FILES.map((file) => {
    try {
      return { file, json: JSON.parse(readText(file)) as Dashboard };
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  });
}

/** Every panel, rows included, with the panels nested in collapsed rows. */
export function panelsOf(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

/** Every target's PromQL, ready to send to Prometheus. */
export function promqlExpressionsOf(dashboard: Dashboard): { panel: string; expr: string }[] {
  return panelsOf(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      panel: panel.title ?? `panel ${panel.id}`,
      expr: (target.expr ?? '').replaceAll('$__rate_interval', RATE_INTERVAL_STANDIN),
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// Provisioning

export interface ProvisionedDatasource {
  name?: string;
  type?: string;
  uid?: string;
  url?: string;
  isDefault?: boolean;
  jsonData?: {
    exemplarTraceIdDestinations?: { name?: string; datasourceUid?: string }[];
    tracesToMetrics?: { datasourceUid?: string };
    [key: string]: unknown;
  };
}

interface DashboardProvider {
  name?: string;
  type?: string;
  folder?: string;
  allowUiUpdates?: boolean;
  options?: { path?: string };
}

export function provisionedDatasources(): ProvisionedDatasource[] {
  const file = parse(readText(DATASOURCES_FILE)) as { datasources?: ProvisionedDatasource[] };
  return file.datasources ?? [];
}

export function provisionedDatasourceUids(): string[] {
  return provisionedDatasources().flatMap((datasource) => datasource.uid ?? []);
}

export function dashboardProviders(): DashboardProvider[] {
  const file = parse(readText(DASHBOARD_PROVIDERS_FILE)) as { providers?: DashboardProvider[] };
  return file.providers ?? [];
}
