// Network policies and the Ingress: every selector matches real pods and every named port exists
// on them; then who may reach what, evaluated from the rendered policies: the ingress controller
// reaches the gateway's API only, the monitoring namespace the metrics ports only, the data
// services answer the apps only, and the apps reach DNS, the data services, Tempo and (the
// worker) the AI provider, and nothing else.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  findObject,
  type K8sObject,
  type PodTemplate,
  podTemplates,
  render,
} from './kubernetes-manifests';
import { type Endpoint, mayConnect, selects, type Selector } from './network-policy-evaluator';

function portsOf(pod: PodTemplate): Record<string, number> {
  const ports: { name: string; containerPort: number }[] = pod.containers.flatMap(
    (c) => c.ports ?? [],
  );
  return Object.fromEntries(ports.map((p) => [p.name, p.containerPort]));
}

function podsOf(objects: K8sObject[], namespace: string): Record<string, Endpoint> {
  const pods = podTemplates(objects).map((pod) => [
    pod.owner,
    { namespace, labels: pod.labels, ports: portsOf(pod) },
  ]);
  return Object.fromEntries(pods);
}

const outside = {
  ingressController: { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'nginx' } },
  prometheus: { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } },
  tempo: { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'tempo' } },
  dns: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
  otherTeam: { namespace: 'default', labels: { app: 'curl' } },
  aiProvider: { ip: '203.0.113.10' },
  privateHost: { ip: '10.1.2.3' },
};

describe('network policies (dev: the data services in the namespace)', () => {
  let objects: K8sObject[];
  let pod: Record<string, Endpoint>;
  let may: (from: Endpoint, to: Endpoint, port: number, protocol?: string) => boolean;
  beforeAll(() => {
    objects = render('dev');
    pod = podsOf(objects, 'beacon-dev');
    // A pod someone starts in the namespace with `kubectl run`: not one of Beacon's.
    pod.intruder = { namespace: 'beacon-dev', labels: { run: 'debug' } };
    may = (from, to, port, protocol) => mayConnect(objects, from, to, port, protocol);
  });

  it('selects real pods and names ports they have', () => {
    const pods = podTemplates(objects);
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    expect(findObject(objects, 'NetworkPolicy', 'default-deny').spec.podSelector).toEqual({});
    for (const policy of policies.filter((p) => Object.keys(p.spec.podSelector).length > 0)) {
      const selected = pods.filter((p) => selects(policy.spec.podSelector, p.labels));
      expect(selected.length, policy.metadata.name).toBeGreaterThan(0);
      const peers: { podSelector?: Selector; namespaceSelector?: Selector }[] = [
        ...(policy.spec.ingress ?? []).flatMap((r: { from?: object[] }) => r.from ?? []),
        ...(policy.spec.egress ?? []).flatMap((r: { to?: object[] }) => r.to ?? []),
      ];
      for (const peer of peers.filter((p) => p.podSelector && !p.namespaceSelector)) {
        const matching = pods.filter((p) => selects(peer.podSelector!, p.labels));
        expect(matching.length, `${policy.metadata.name}: a peer`).toBeGreaterThan(0);
      }
      const named = (policy.spec.ingress ?? []).flatMap((r: { ports?: { port: unknown }[] }) =>
        (r.ports ?? []).map((p) => p.port).filter((p) => typeof p === 'string'),
      );
      for (const name of named) {
        for (const target of selected) {
          const portNames = Object.keys(portsOf(target));
          expect(portNames, `${policy.metadata.name} on ${target.owner}`).toContain(name);
        }
      }
    }
  });

  it('lets the ingress controller reach the gateway’s API port, and nothing else', () => {
    expect(may(outside.ingressController, pod.gateway, 3333)).toBe(true);
    expect(may(outside.ingressController, pod.gateway, 9464)).toBe(false);
    expect(may(outside.ingressController, pod.worker, 3334)).toBe(false);
    expect(may(outside.ingressController, pod.mysql, 3306)).toBe(false);
    expect(may(outside.otherTeam, pod.gateway, 3333)).toBe(false);
    expect(may(pod.intruder, pod.gateway, 3333)).toBe(false);
  });

  it('lets the monitoring namespace reach the metrics ports only', () => {
    expect(may(outside.prometheus, pod.gateway, 9464)).toBe(true);
    expect(may(outside.prometheus, pod.worker, 9464)).toBe(true);
    expect(may(outside.prometheus, pod.rabbitmq, 15692)).toBe(true);
    expect(may(outside.prometheus, pod.gateway, 3333)).toBe(false);
    expect(may(outside.prometheus, pod.rabbitmq, 5672)).toBe(false);
    expect(may(outside.prometheus, pod.mysql, 3306)).toBe(false);
  });

  it('lets only the apps and the migration reach MySQL, RabbitMQ and Redis', () => {
    for (const app of ['gateway', 'worker']) {
      expect(may(pod[app], pod.mysql, 3306), app).toBe(true);
      expect(may(pod[app], pod.rabbitmq, 5672), app).toBe(true);
      expect(may(pod[app], pod.redis, 6379), app).toBe(true);
    }
    expect(may(pod['beacon-migrate'], pod.mysql, 3306)).toBe(true);
    expect(may(pod.intruder, pod.mysql, 3306)).toBe(false);
    expect(may(pod.intruder, pod.redis, 6379)).toBe(false);
    expect(may(outside.otherTeam, pod.rabbitmq, 5672)).toBe(false);
    expect(may(pod.gateway, pod.worker, 3334)).toBe(false);
  });

  it('lets the apps out to DNS, Tempo and (the worker) the AI provider only', () => {
    expect(may(pod.gateway, outside.dns, 53, 'UDP')).toBe(true);
    expect(may(pod['beacon-migrate'], outside.dns, 53, 'UDP')).toBe(true);
    expect(may(pod.gateway, outside.tempo, 4318)).toBe(true);
    expect(may(pod.worker, outside.aiProvider, 443)).toBe(true);
    expect(may(pod.gateway, outside.aiProvider, 443)).toBe(false);
    expect(may(pod.worker, outside.privateHost, 443)).toBe(false);
    expect(may(pod.worker, outside.aiProvider, 80)).toBe(false);
    expect(may(pod['beacon-migrate'], outside.aiProvider, 443)).toBe(false);
    expect(may(pod.mysql, outside.aiProvider, 443)).toBe(false);
    expect(may(pod.gateway, outside.otherTeam, 3306)).toBe(false);
  });
});

describe('network policies and the Ingress (production: the data services elsewhere)', () => {
  let objects: K8sObject[];
  let pod: Record<string, Endpoint>;
  beforeAll(() => {
    objects = render('production');
    pod = podsOf(objects, 'beacon');
  });

  it('lets the apps reach the data services in the namespace `databases` only', () => {
    const database = { namespace: 'databases', labels: { app: 'mysql' } };
    expect(mayConnect(objects, pod.gateway, database, 3306)).toBe(true);
    expect(mayConnect(objects, pod.worker, database, 5672)).toBe(true);
    const lookalike = { namespace: 'beacon', labels: { 'app.kubernetes.io/name': 'mysql' } };
    expect(mayConnect(objects, pod.gateway, lookalike, 3306)).toBe(false);
    expect(mayConnect(objects, outside.ingressController, pod.gateway, 3333)).toBe(true);
  });

  it("serves PUBLIC_BASE_URL's host over TLS from cert-manager, routing the http port only", () => {
    const ingress = findObject(objects, 'Ingress', 'gateway');
    const host = new URL(findObject(objects, 'ConfigMap', 'beacon-config').data!.PUBLIC_BASE_URL)
      .host;
    expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBeTruthy();
    expect(ingress.spec.tls).toEqual([{ hosts: [host], secretName: 'beacon-tls' }]);
    expect(ingress.spec.rules.map((r: { host: string }) => r.host)).toEqual([host]);
    const backends = ingress.spec.rules.flatMap((r: { http: { paths: { backend: object }[] } }) =>
      r.http.paths.map((p) => p.backend),
    );
    // /metrics is served on the metrics port, which no path routes.
    expect(backends).toEqual([{ service: { name: 'gateway', port: { name: 'http' } } }]);
  });

  it("routes the console's page and files to the gateway, which serves them from its image", () => {
    const paths = findObject(objects, 'Ingress', 'gateway').spec.rules.flatMap(
      (r: { http: { paths: { path: string; pathType: string }[] } }) => r.http.paths,
    );
    const routes = (path: string) =>
      paths.some((p: { path: string; pathType: string }) =>
        p.pathType === 'Prefix' ? path.startsWith(p.path) : path === p.path,
      );
    for (const path of ['/', '/assets/index-abc123.js', '/api/links', '/some-slug']) {
      expect(routes(path), path).toBe(true);
    }
  });
});
