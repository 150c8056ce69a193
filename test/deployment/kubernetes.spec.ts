// deploy/kubernetes/: each overlay renders with `kubectl kustomize` (offline, no cluster), every
// object validates against its API or CRD schema, and the apps' Deployments agree with what the
// code needs: ports, probes, the required variables, the grace period, a pinned image, a
// locked-down container.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { environmentSchema } from '../../libs/config/src/environment.schema';
import { ROOT } from './deployment-files';
import {
  findObject,
  hasLabels,
  type K8sObject,
  podTemplates,
  render,
  validate,
} from './kubernetes-manifests';

const OVERLAYS = ['dev', 'production'] as const;
const APP_PORTS = { gateway: 3333, worker: 3334 };
const METRICS_PORT = 9464;
const SHUTDOWN_TIMEOUT_S = 30;
/** What the operator puts in the Secret beacon-secrets (the production overlay's header). */
const SECRET_KEYS = ['AMQP_URL', 'DB_PASSWORD', 'JWT_SECRET', 'METRICS_AUTH_TOKEN'];

describe.each(OVERLAYS)('deploy/kubernetes/overlays/%s', (overlay) => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render(overlay);
  });
  const find = (kind: string, name: string) => findObject(objects, kind, name);
  const containerOf = (app: string) => find('Deployment', app).spec.template.spec.containers[0];
  const beaconPods = () =>
    [
      find('Deployment', 'gateway'),
      find('Deployment', 'worker'),
      find('Job', 'beacon-migrate'),
    ].map((workload) => workload.spec.template.spec);
  /** Every container running Beacon's image, init steps included. */
  const beaconContainers = () =>
    beaconPods().flatMap((pod) => [...(pod.initContainers ?? []), ...pod.containers]);

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
    expect(container.ports).toEqual([
      { name: 'http', containerPort: port },
      { name: 'metrics', containerPort: METRICS_PORT },
    ]);
    expect(container.env).toContainEqual({ name: 'PORT', value: String(port) });
    expect(find('ConfigMap', 'beacon-config').data?.METRICS_PORT).toBe(String(METRICS_PORT));
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(find('Service', app).spec.ports).toEqual([
      { name: 'http', port, targetPort: 'http' },
      { name: 'metrics', port: METRICS_PORT, targetPort: 'metrics' },
    ]);
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
    for (const container of beaconContainers()) {
      expect(container.envFrom, container.name).toEqual([
        { configMapRef: { name: 'beacon-config' } },
        { secretRef: { name: 'beacon-secrets' } },
      ]);
    }
  });

  it('starts the apps only once the migration Job has brought the schema to their image', () => {
    for (const app of Object.keys(APP_PORTS)) {
      const { initContainers, containers } = find('Deployment', app).spec.template.spec;
      expect(initContainers.map((c: { command: string[] }) => c.command)).toEqual([
        ['node', 'dist/libs/database/src/schema-wait.main.js'],
      ]);
      expect(initContainers[0].image).toBe(containers[0].image);
    }
    const [migrate] = find('Job', 'beacon-migrate').spec.template.spec.containers;
    expect(migrate.command).toEqual(['node', 'dist/libs/database/src/migrate.main.js']);
  });

  it('runs only entry points the build produces', () => {
    const entries = beaconContainers().flatMap((c: { command: string[] }) =>
      c.command.filter((part) => part.startsWith('./dist/') || part.startsWith('dist/')),
    );
    expect(entries.length).toBeGreaterThanOrEqual(6);
    for (const entry of entries) {
      const source = entry.replace(/^(\.\/)?dist\//, '').replace(/\.js$/, '.ts');
      expect(existsSync(join(ROOT, source)), entry).toBe(true);
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
    for (const pod of beaconPods()) expect(pod.securityContext.runAsNonRoot).toBe(true);
    for (const container of beaconContainers()) {
      expect(container.image).toMatch(/^[\w./-]+\/beacon:\d+\.\d+\.\d+$/);
      expect(container.resources.requests).toBeDefined();
      expect(container.resources.limits.memory).toBeDefined();
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    }
    const images = objects.flatMap((o) =>
      [
        ...(o.spec?.template?.spec?.initContainers ?? []),
        ...(o.spec?.template?.spec?.containers ?? []),
      ].map((c: { image: string }) => c.image),
    );
    for (const image of images) expect(image, image).not.toMatch(/:latest$|^[^:]+$/);
  });

  it('keeps every pod disruption budget and Service selector on real pods', () => {
    const pods = podTemplates(objects);
    const selects = (selector: Record<string, string>) =>
      pods.some((pod) => hasLabels(pod.labels, selector));
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
    const objects = render('production');
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    // Nor a secret's value elsewhere: not in the ConfigMap, not as a container's literal.
    const secretLike = /PASSWORD|SECRET|TOKEN|API_KEY|AMQP_URL/;
    const config = findObject(objects, 'ConfigMap', 'beacon-config').data ?? {};
    expect(Object.keys(config).filter((key) => secretLike.test(key))).toEqual([]);
    const literals = podTemplates(objects).flatMap((pod) =>
      pod.containers.flatMap((c) => (c.env ?? []).filter((e: { value?: string }) => e.value)),
    );
    expect(literals.filter((e: { name: string }) => secretLike.test(e.name))).toEqual([]);
    expect(JSON.stringify(objects)).not.toMatch(/dev-only-insecure|amqp:\/\/[^"]*:[^"]*@/);
  });
});
