// The monitoring component: ServiceMonitors that find the Services and ports they scrape, with
// the token from a Secret; PrometheusRules and dashboard ConfigMaps that equal the files in
// observability/ (the one source of truth) and are current with `npm run k8s:monitoring`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DASHBOARDS_DIRECTORY,
  GENERATED_DIRECTORY,
  monitoringManifests,
  RULES_DIRECTORY,
} from '../../scripts/kubernetes/monitoring-manifests.mts';
import { ROOT, readText } from './deployment-files';
import {
  findObject,
  hasLabels,
  type K8sObject,
  render,
  renderWithComponents,
  validate,
} from './kubernetes-manifests';

const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

describe('the monitoring component', () => {
  let production: K8sObject[];
  // dev's data services are in Beacon's namespace: every ServiceMonitor has its Service there.
  let devWithMonitoring: K8sObject[];
  beforeAll(() => {
    production = render('production');
    devWithMonitoring = renderWithComponents(['monitoring'], 'overlays/dev');
  });

  it('is current: the generated manifests equal what `npm run k8s:monitoring` writes now', () => {
    for (const [name, text] of Object.entries(monitoringManifests(ROOT))) {
      expect(
        readText(`${GENERATED_DIRECTORY}/${name}`),
        `${name}: run npm run k8s:monitoring`,
      ).toBe(text);
    }
  });

  it('has one PrometheusRule per rule file, with the same groups', () => {
    const files = readdirSync(join(ROOT, RULES_DIRECTORY)).filter((f) => f.endsWith('.rules.yml'));
    expect(files.length).toBeGreaterThan(1);
    const rules = ofKind(production, 'PrometheusRule');
    expect(rules.map((r) => `${r.metadata.name}.rules.yml`).sort()).toEqual(files.sort());
    for (const rule of rules) {
      const source = readText(`${RULES_DIRECTORY}/${rule.metadata.name}.rules.yml`);
      expect(rule.spec.groups, rule.metadata.name).toEqual(parse(source).groups);
    }
  });

  it("has one ConfigMap per dashboard, labelled for Grafana's sidecar, holding the file", () => {
    const files = readdirSync(join(ROOT, DASHBOARDS_DIRECTORY)).filter((f) => f.endsWith('.json'));
    const maps = ofKind(production, 'ConfigMap').filter(
      (c) => c.metadata.labels?.grafana_dashboard,
    );
    expect(
      maps
        .map((m) => Object.keys(m.data ?? {}))
        .flat()
        .sort(),
    ).toEqual(files.sort());
    for (const map of maps) {
      expect(map.metadata.labels?.grafana_dashboard).toBe('1');
      for (const [file, text] of Object.entries(map.data ?? {})) {
        expect(text, file).toBe(readFileSync(join(ROOT, DASHBOARDS_DIRECTORY, file), 'utf8'));
      }
    }
  });

  it('scrapes a Service and a port that exist, for each of gateway, worker and RabbitMQ', () => {
    const monitors = ofKind(devWithMonitoring, 'ServiceMonitor');
    expect(monitors.map((m) => m.metadata.name).sort()).toEqual(['gateway', 'rabbitmq', 'worker']);
    const services = ofKind(devWithMonitoring, 'Service');
    for (const monitor of monitors) {
      const matched = services.filter((s) =>
        hasLabels(s.metadata.labels ?? {}, monitor.spec.selector.matchLabels),
      );
      expect(
        matched.map((s) => s.metadata.name),
        monitor.metadata.name,
      ).toEqual([monitor.metadata.name]);
      const portNames = matched[0].spec.ports.map((p: { name: string }) => p.name);
      for (const endpoint of monitor.spec.endpoints) expect(portNames).toContain(endpoint.port);
    }
  });

  it('sends the apps the metrics token from a Secret, on their metrics port', () => {
    for (const app of ['gateway', 'worker']) {
      const [endpoint] = findObject(production, 'ServiceMonitor', app).spec.endpoints;
      expect(endpoint).toMatchObject({
        port: 'metrics',
        path: '/metrics',
        authorization: {
          type: 'Bearer',
          credentials: { name: 'beacon-metrics-scrape', key: 'token' },
        },
      });
    }
  });

  it('keeps the job labels the rules and dashboards read (gateway, worker, rabbitmq-queues)', () => {
    const rabbitmq = findObject(production, 'ServiceMonitor', 'rabbitmq');
    expect(rabbitmq.spec.namespaceSelector).toEqual({ matchNames: ['databases'] });
    expect(rabbitmq.spec.endpoints[1]).toMatchObject({
      path: '/metrics/detailed',
      relabelings: [{ targetLabel: 'job', replacement: 'rabbitmq-queues' }],
    });
  });

  it('validates against the Prometheus Operator schema, and a broken field fails', async () => {
    for (const object of devWithMonitoring) await validate(object);
    const broken = structuredClone(findObject(production, 'ServiceMonitor', 'gateway'));
    broken.spec.endpoints[0].authorization.credentials = 'token';
    await expect(validate(broken)).rejects.toThrow();
  });
});
