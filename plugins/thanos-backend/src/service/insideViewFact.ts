import {
  THANOS_ANNOTATION_KUBERNETES_CLUSTER,
  type KubernetesView,
  type SourceError,
} from '@thanos-backstage/plugin-thanos-common';
import type { ThanosInstance } from '../client/ThanosInstance';
import { capText } from '../client/upstreamText';
import type { InsideViewReader } from '@thanos-backstage/plugin-thanos-node';
import type { ObserveeTarget } from './observeeTarget';
import type { ThanosFacts } from './ThanosFacts';

/** What the Kubernetes inside view contributed; `fact` identifies it in the judgement memo. */
export interface InsideViewFact {
  view?: KubernetesView;
  errors: SourceError[];
  readAt?: number;
  fact: number | 'absent' | 'not-allowed';
}

/**
 * The inside view of the entity's `thanos.io/kubernetes-cluster`, read only when its instance
 * lists that cluster in `kubernetesClusters`: an annotation must not make the backend read, with
 * its credentials, a cluster the instance has nothing to do with. The refusal names neither the
 * configured clusters nor their URLs, and reads nothing, for a configured and an unknown name
 * alike.
 */
export async function readInsideViewFact(
  facts: ThanosFacts,
  reader: InsideViewReader | undefined,
  instance: ThanosInstance,
  target: ObserveeTarget,
): Promise<InsideViewFact> {
  const cluster = target.kubernetesCluster;
  if (!reader || !cluster) return { errors: [], fact: 'absent' };
  if (!instance.allowsKubernetesCluster(cluster)) {
    const named = JSON.stringify(capText(cluster, 80));
    return {
      fact: 'not-allowed',
      errors: [
        {
          source: 'config',
          target: `${instance.name} Kubernetes`,
          message: `The ${THANOS_ANNOTATION_KUBERNETES_CLUSTER} annotation names cluster ${named}, which Thanos instance ${instance.name} may not read, so no inside view is shown. Name a cluster the Backstage operators allowed for this instance (thanos.instances[].kubernetesClusters), or remove the annotation.`,
        },
      ],
    };
  }
  const read = await facts.insideView(instance, reader, {
    cluster,
    observeeKey: target.observeeKey,
    externalLabels: target.externalLabels,
  });
  if (!read.result.ok) {
    return {
      readAt: read.readAt,
      fact: read.readAt,
      errors: [
        {
          source: 'kubernetes',
          target: cluster,
          message: read.result.error.message,
        },
      ],
    };
  }
  const { view, errors } = read.result.value;
  return {
    ...(view ? { view } : {}),
    errors,
    readAt: read.readAt,
    fact: read.readAt,
  };
}
