import type { KubernetesView } from '@thanos-backstage/plugin-thanos-common';
import { compactorObservation } from './observations';

/** Workloads in the shape the Kubernetes reader puts into `KubernetesView` (thanos-common types). */
const workload = (
  overrides: Partial<
    NonNullable<KubernetesView['compactor']>['workloads'][number]
  >,
): NonNullable<KubernetesView['compactor']>['workloads'][number] => ({
  kind: 'Deployment',
  name: 'thanos-compactor',
  namespace: 'monitoring',
  replicas: 1,
  readyReplicas: 1,
  bucket: 'thanos-store-pio-thanos-observee',
  args: ['compact', '--retention.resolution-raw=30d'],
  ...overrides,
});

const observe = (workloads: ReturnType<typeof workload>[]) =>
  compactorObservation({
    now: Date.parse('2026-11-25T09:00:00Z'),
    target: {
      entityRef: 'resource:default/observee',
      instance: 'observer',
      observeeKey: 'observee',
      externalLabels: [{ name: 'cluster', op: '=', value: 'observee' }],
    },
    metrics: { readAt: 0, result: { ok: false, error: { message: 'down' } } },
    view: {
      cluster: 'observee-eks',
      compactor: { workloads, pods: [] },
      sidecar: null,
      ingress: null,
    },
  });

describe('compactorObservation', () => {
  it('counts compactor replicas on one bucket, not workloads', () => {
    expect(observe([workload({ replicas: 2 })]).workloadsForBucket).toBe(2);
    expect(
      observe([
        workload({ name: 'a' }),
        workload({ name: 'b', bucket: 'thanos-store-other' }),
      ]).workloadsForBucket,
    ).toBe(1);
  });
});
