import type { Entity } from '@backstage/catalog-model';

/** Catalog entities as in `examples/thanos-clusters.yaml`. */
export const annotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'pio-thanos-observee',
    namespace: 'default',
    annotations: {
      'thanos.io/external-labels': 'cluster=pio-thanos-observee',
      'thanos.io/instance': 'observer',
      'thanos.io/observee-key': 'observee',
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
};

export const unannotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'billing', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/platform-team' },
};
