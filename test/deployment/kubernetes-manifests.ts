/**
 * deploy/kubernetes/ as the Kubernetes specs see it: an overlay (or a combination of a base and
 * components, as an operator's own overlay would list them) rendered by `kubectl kustomize`,
 * offline, and each object validated against its API or CRD schema (kubernetes-models).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './deployment-files';

const KUBECTL = '/usr/bin/kubectl';
export const KUBERNETES = join(ROOT, 'deploy/kubernetes');

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // Each kind's own shape; the schema validation checks it.
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
}

export function render(overlay: string): K8sObject[] {
  return renderDirectory(join(KUBERNETES, 'overlays', overlay));
}

function renderDirectory(directory: string): K8sObject[] {
  if (!existsSync(KUBECTL)) throw new Error('kubectl is not installed (it renders Kustomize)');
  const yaml = execFileSync(KUBECTL, ['kustomize', directory], { encoding: 'utf8' });
  return parseAllDocuments(yaml).map((document) => withUnwrappedData(document.toJS()));
}

/**
 * `resource` (base or an overlay) with the given components. Kustomize refuses absolute paths,
 * so the temporary kustomization names them relative to itself.
 */
export function renderWithComponents(components: string[], resource = 'base'): K8sObject[] {
  const directory = mkdtempSync(join(tmpdir(), 'beacon-kustomize-'));
  try {
    const deploy = relative(directory, KUBERNETES);
    const lines = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `resources: [${deploy}/${resource}]`,
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

/** The CRDs' schemas come from their own packages, the rest from the API's. */
const SCHEMA_PACKAGES: Record<string, string> = {
  'keda.sh': '@kubernetes-models/keda',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

export async function validate(object: K8sObject): Promise<void> {
  const group = object.apiVersion.split('/')[0];
  const from = SCHEMA_PACKAGES[group] ?? 'kubernetes-models';
  const model = (await import(`${from}/${object.apiVersion}/${object.kind}`)) as Record<
    string,
    new (data: unknown) => { validate(): void }
  >;
  new model[object.kind](object).validate();
}

export function findObject(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} rendered`);
  return found;
}

export interface PodTemplate {
  owner: string;
  labels: Record<string, string>;
  // The pod spec's containers, as rendered.
  containers: any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The pods the objects would run: each workload's template, named after its owner. */
export function podTemplates(objects: K8sObject[]): PodTemplate[] {
  return objects
    .filter((o) => o.spec?.template?.metadata?.labels)
    .map((o) => ({
      owner: o.metadata.name,
      labels: o.spec.template.metadata.labels,
      containers: o.spec.template.spec.containers,
    }));
}

export function hasLabels(labels: Record<string, string>, wanted: Record<string, string>) {
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}
