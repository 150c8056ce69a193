/**
 * Static checks of the Grafana provisioning and dashboards. A broken reference in them does
 * not fail at load time: Grafana shows an empty panel or "datasource not found", so these
 * specs catch what nobody would notice until the dashboard is needed.
 */
import { describe, expect, it } from 'vitest';
import {
  DASHBOARD_FILES,
  dashboardProviders,
  GRAFANA_DASHBOARDS_MOUNT,
  loadDashboards,
  type Dashboard,
  type DatasourceRef,
  type ProvisionedDatasource,
  panelsOf,
  promqlExpressionsOf,
  provisionedDatasources,
  provisionedDatasourceUids,
  readText,
} from './dashboard-files';

const UID_BY_FILE: Record<string, string> = {
  'observability/grafana/dashboards/http-overview.json': 'beacon-http',
  'observability/grafana/dashboards/business.json': 'beacon-business',
  'observability/grafana/dashboards/messaging.json': 'beacon-messaging',
  'observability/grafana/dashboards/runtime.json': 'beacon-runtime',
};

const HTTP_LATENCY = /histogram_quantile\(.*http_request_duration_seconds_bucket/s;

// The exemplar label the apps attach to histogram buckets (libs/observability trace-exemplar.ts).
const TRACE_ID_LABEL = 'trace_id';

function dashboardIn(file: string): Dashboard {
  const found = loadDashboards().find((dashboard) => dashboard.file === file);
  if (!found) throw new Error(`${file} is not in DASHBOARD_FILES`);
  return found.json;
}

function datasourceOf(type: string): ProvisionedDatasource {
  const found = provisionedDatasources().find((datasource) => datasource.type === type);
  if (!found) throw new Error(`no ${type} datasource is provisioned`);
  return found;
}

describe('Grafana dashboards', () => {
  it.each(DASHBOARD_FILES)('%s is valid JSON', (file) => {
    expect(() => JSON.parse(readText(file))).not.toThrow();
  });

  it('are the four dashboards, each with its fixed uid and a title', () => {
    const dashboards = loadDashboards();
    // Equal to a map of distinct uids, so no uid is used twice.
    expect(Object.fromEntries(dashboards.map(({ file, json }) => [file, json.uid]))).toEqual(
      UID_BY_FILE,
    );
    for (const { file, json } of dashboards) expect(json.title?.trim(), file).toBeTruthy();
  });

  describe.each(DASHBOARD_FILES)('%s', (file) => {
    it('is read-only and has no template variables', () => {
      const dashboard = dashboardIn(file);
      expect(dashboard.editable).toBe(false);
      expect(dashboard.templating?.list ?? []).toEqual([]);
    });

    it('has unique panel ids', () => {
      const ids = panelsOf(dashboardIn(file)).map((panel) => panel.id);
      expect(ids.every((id) => typeof id === 'number')).toBe(true);
      expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    });

    it('queries only provisioned datasources, on every panel and target', () => {
      const typeByUid = new Map(provisionedDatasources().map(({ uid, type }) => [uid, type]));
      const resolves = (ref?: DatasourceRef) =>
        ref?.uid !== undefined && typeByUid.get(ref.uid) === ref.type;
      const unresolved = panelsOf(dashboardIn(file))
        // A row only groups panels; it queries nothing.
        .filter((panel) => panel.type !== 'row')
        .flatMap((panel) => [
          ...(resolves(panel.datasource) ? [] : [`panel "${panel.title}"`]),
          ...(panel.targets ?? [])
            .filter((target) => !resolves(target.datasource))
            .map((target) => `target ${target.refId} of "${panel.title}"`),
        ]);
      expect(unresolved).toEqual([]);
    });

    it('has a PromQL expression in every target', () => {
      const empty = promqlExpressionsOf(dashboardIn(file)).filter(({ expr }) => !expr.trim());
      expect(empty).toEqual([]);
    });

    it('uses no Grafana templating in queries but $__rate_interval', () => {
      // promqlExpressionsOf has replaced $__rate_interval: any `$` left would reach Prometheus.
      const templated = promqlExpressionsOf(dashboardIn(file)).filter(({ expr }) =>
        expr.includes('$'),
      );
      expect(templated).toEqual([]);
    });

    it('shows trace exemplars on HTTP latency panels', () => {
      const withoutExemplars = panelsOf(dashboardIn(file)).flatMap((panel) =>
        (panel.targets ?? [])
          .filter((target) => HTTP_LATENCY.test(target.expr ?? '') && target.exemplar !== true)
          .map((target) => `target ${target.refId} of "${panel.title}"`),
      );
      expect(withoutExemplars).toEqual([]);
    });
  });
});

describe('Grafana provisioning', () => {
  it('provisions Prometheus and Tempo under fixed uids', () => {
    expect(provisionedDatasourceUids().sort()).toEqual(['prometheus', 'tempo']);
    expect(datasourceOf('prometheus').uid).toBe('prometheus');
    expect(datasourceOf('tempo').uid).toBe('tempo');
  });

  it('links Prometheus exemplars to traces in Tempo', () => {
    expect(datasourceOf('prometheus').jsonData?.exemplarTraceIdDestinations).toContainEqual({
      name: TRACE_ID_LABEL,
      datasourceUid: datasourceOf('tempo').uid,
    });
  });

  it('links Tempo spans to metrics in Prometheus', () => {
    expect(datasourceOf('tempo').jsonData?.tracesToMetrics).toMatchObject({
      datasourceUid: datasourceOf('prometheus').uid,
    });
  });

  it('loads dashboards, read-only, from where the compose stack mounts them', () => {
    expect(dashboardProviders()).toEqual([
      expect.objectContaining({
        type: 'file',
        folder: 'Beacon',
        allowUiUpdates: false,
        options: expect.objectContaining({ path: GRAFANA_DASHBOARDS_MOUNT }),
      }),
    ]);
  });
});
