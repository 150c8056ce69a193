// Autoscaling: the gateway's HPA, the worker's KEDA ScaledObject or its plain-HPA alternative,
// and the optional requests-per-second metric, each in the overlays that list them.
import { describe, expect, it } from 'vitest';
import { type K8sObject, render, renderWithComponents, validate } from './kubernetes-manifests';

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

  it('with the Prometheus Adapter: the gateway also on requests per second per pod', async () => {
    const objects = renderWithComponents(['gateway-hpa', 'gateway-rps', 'worker-keda']);
    for (const object of objects) await validate(object);
    const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec.metrics.map((m: { type: string }) => m.type)).toEqual(['Resource', 'Pods']);
    expect(hpa.spec.metrics[1].pods.metric.name).toBe('http_requests_per_second');
  });
});
