// deploy/kubernetes/: each overlay renders with `kubectl kustomize` (offline, no cluster), every
// object validates against the Kubernetes API schema (kubernetes-models), and the apps'
// Deployments agree with what the code needs: ports, probes, the required variables, the grace
// period, a pinned image, a locked-down container.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { environmentSchema } from '../../libs/config/src/environment.schema';
import { ROOT } from './deployment-files';

const KUBECTL = '/usr/bin/kubectl';
const OVERLAYS = ['dev', 'production'] as const;
const APP_PORTS = { gateway: 3333, worker: 3334 };
const SHUTDOWN_TIMEOUT_S = 30;
/** What the operator puts in the Secret beacon-secrets (the production overlay's header). */
const SECRET_KEYS = ['AMQP_URL', 'DB_PASSWORD', 'JWT_SECRET', 'METRICS_AUTH_TOKEN'];

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  // Each kind's own shape; the schema validation below checks it.
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
}

function render(overlay: string): K8sObject[] {
  return renderDirectory(join(ROOT, 'deploy/kubernetes/overlays', overlay));
}

function renderDirectory(directory: string): K8sObject[] {
  if (!existsSync(KUBECTL)) throw new Error('kubectl is not installed (it renders Kustomize)');
  const yaml = execFileSync(KUBECTL, ['kustomize', directory], { encoding: 'utf8' });
  return parseAllDocuments(yaml).map((document) => withUnwrappedData(document.toJS()));
}

/** The base with the given components, as an operator's own overlay would list them. */
function renderWithComponents(components: string[]): K8sObject[] {
  const directory = mkdtempSync(join(tmpdir(), 'beacon-kustomize-'));
  try {
    const deploy = relative(directory, join(ROOT, 'deploy/kubernetes'));
    const lines = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `resources: [${deploy}/base]`,
      `components: [${components.map((name) => `${deploy}/components/${name}`).join(', ')}]`,
    ];
    writeFileSync(join(directory, 'kustomization.yaml'), lines.join('\n'));
    return renderDirectory(directory);
  } finally {
    rmSync(directory, { recursive: true });
  }
}

/**
 * Kustomize wraps a Secret's long base64 values over lines, which the API server's decoder
 * ignores but the schema's `byte` format does not.
 */
function withUnwrappedData(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret' || !object.data) return object;
  const data = Object.entries(object.data).map(([key, value]) => [key, value.replace(/\s/g, '')]);
  return { ...object, data: Object.fromEntries(data) };
}

/** KEDA's objects come from its own schema package, the rest from the API's. */
async function validate(object: K8sObject): Promise<void> {
  const from = object.apiVersion.startsWith('keda.sh/')
    ? '@kubernetes-models/keda'
    : 'kubernetes-models';
  const model = (await import(`${from}/${object.apiVersion}/${object.kind}`)) as Record<
    string,
    new (data: unknown) => { validate(): void }
  >;
  new model[object.kind](object).validate();
}

describe.each(OVERLAYS)('deploy/kubernetes/overlays/%s', (overlay) => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render(overlay);
  });
  const find = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in the ${overlay} overlay`);
    return found;
  };
  const containerOf = (app: string) => find('Deployment', app).spec.template.spec.containers[0];

  it('validates every object against the Kubernetes API schema', async () => {
    expect(objects.length).toBeGreaterThan(5);
    for (const object of objects) await validate(object);
  });

  it('refuses a broken field (the validation bites)', async () => {
    const broken = structuredClone(find('Deployment', 'gateway'));
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    await expect(validate(broken)).rejects.toThrow();
  });

  it.each(Object.entries(APP_PORTS))('runs %s on port %i, probed and served there', (app, port) => {
    const container = containerOf(app);
    expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
    expect(container.env).toContainEqual({ name: 'PORT', value: String(port) });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(find('Service', app).spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
  });

  it('gives every app container each variable the config schema requires', () => {
    const required = Object.entries(environmentSchema.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([key]) => key);
    expect(required).toContain('JWT_SECRET');
    const config = find('ConfigMap', 'beacon-config').data ?? {};
    for (const key of required) expect(key in config || SECRET_KEYS.includes(key), key).toBe(true);
    if (overlay === 'dev') {
      expect(Object.keys(find('Secret', 'beacon-secrets').data ?? {}).sort()).toEqual(SECRET_KEYS);
    }
    for (const app of [...Object.keys(APP_PORTS), 'beacon-migrate']) {
      const pod = app === 'beacon-migrate' ? find('Job', app) : find('Deployment', app);
      expect(pod.spec.template.spec.containers[0].envFrom).toEqual([
        { configMapRef: { name: 'beacon-config' } },
        { secretRef: { name: 'beacon-secrets' } },
      ]);
    }
  });

  it('drains before SIGKILL: grace period above the shutdown timeout and the preStop pause', () => {
    for (const app of Object.keys(APP_PORTS)) {
      const pod = find('Deployment', app).spec.template.spec;
      const pause = Number(pod.containers[0].lifecycle.preStop.exec.command[1]);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(SHUTDOWN_TIMEOUT_S + pause);
    }
  });

  it("pins Beacon's image and locks its containers down", () => {
    for (const pod of [
      find('Deployment', 'gateway'),
      find('Deployment', 'worker'),
      find('Job', 'beacon-migrate'),
    ]) {
      const { securityContext, containers } = pod.spec.template.spec;
      expect(securityContext.runAsNonRoot).toBe(true);
      const [container] = containers;
      expect(container.image).toMatch(/^[\w./-]+\/beacon:\d+\.\d+\.\d+$/);
      expect(container.resources.requests).toBeDefined();
      expect(container.resources.limits.memory).toBeDefined();
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    }
    const images = objects.flatMap(
      (o) => o.spec?.template?.spec?.containers?.map((c: { image: string }) => c.image) ?? [],
    );
    for (const image of images) expect(image, image).not.toMatch(/:latest$|^[^:]+$/);
  });

  it('keeps every pod disruption budget and Service selector on real pods', () => {
    const podLabels = objects
      .filter((o) => o.spec?.template?.metadata?.labels)
      .map((o) => o.spec.template.metadata.labels as Record<string, string>);
    const selects = (selector: Record<string, string>) =>
      podLabels.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));
    for (const o of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
      expect(selects(o.spec.selector.matchLabels), o.metadata.name).toBe(true);
    }
    for (const o of objects.filter((o) => o.kind === 'Service')) {
      expect(selects(o.spec.selector), o.metadata.name).toBe(true);
    }
  });
});

describe('the production overlay', () => {
  it('commits no secret: beacon-secrets is the operator’s to create', () => {
    expect(render('production').filter((o) => o.kind === 'Secret')).toEqual([]);
  });
});

describe('autoscaling', () => {
  const scalersOf = (objects: K8sObject[]) =>
    objects
      .filter((o) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'ScaledObject')
      .map((o) => ({
        kind: o.kind,
        target: o.spec.scaleTargetRef.name as string,
        min: (o.spec.minReplicas ?? o.spec.minReplicaCount) as number,
        max: (o.spec.maxReplicas ?? o.spec.maxReplicaCount) as number,
      }));
  const replicasOf = (objects: K8sObject[]) =>
    objects.filter((o) => o.kind === 'Deployment').map((o) => o.spec.replicas);

  it('production: the gateway on CPU (2 to 50), the worker by KEDA on the analytics queue (2 to 10)', async () => {
    const objects = render('production');
    expect(scalersOf(objects)).toEqual([
      { kind: 'HorizontalPodAutoscaler', target: 'gateway', min: 2, max: 50 },
      { kind: 'ScaledObject', target: 'worker', min: 2, max: 10 },
    ]);
    const [trigger] = objects.find((o) => o.kind === 'ScaledObject')!.spec.triggers;
    expect(trigger).toMatchObject({
      type: 'rabbitmq',
      metadata: { queueName: 'beacon.analytics' },
    });
    const auth = objects.find((o) => o.kind === 'TriggerAuthentication')!;
    expect(auth.spec.secretTargetRef).toEqual([
      { parameter: 'host', name: 'beacon-secrets', key: 'AMQP_URL' },
    ]);
    // The autoscalers own the replica counts: none is declared to fight them on every apply.
    expect(replicasOf(objects)).toEqual([undefined, undefined]);
  });

  it('without KEDA: both on CPU, each object valid', async () => {
    const objects = renderWithComponents(['gateway-hpa', 'worker-hpa']);
    for (const object of objects) await validate(object);
    expect(scalersOf(objects)).toEqual([
      { kind: 'HorizontalPodAutoscaler', target: 'gateway', min: 2, max: 50 },
      { kind: 'HorizontalPodAutoscaler', target: 'worker', min: 2, max: 10 },
    ]);
    expect(replicasOf(objects)).toEqual([undefined, undefined]);
  });

  it('dev: one replica each, no autoscaler', () => {
    const objects = render('dev');
    expect(scalersOf(objects)).toEqual([]);
    expect(replicasOf(objects)).toEqual([1, 1]);
  });
});
