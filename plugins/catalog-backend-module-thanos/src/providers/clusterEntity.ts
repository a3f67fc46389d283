import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  THANOS_ANNOTATION_CLUSTER_FOLDER,
  THANOS_ANNOTATION_ENVIRONMENT,
  THANOS_ANNOTATION_EXTERNAL_LABELS,
  THANOS_ANNOTATION_INSTANCE,
  THANOS_ANNOTATION_KUBERNETES_CLUSTER,
  THANOS_ANNOTATION_OBSERVEE_KEY,
  THANOS_ANNOTATION_REGISTERED,
  THANOS_LABEL_AWS_REGION,
  THANOS_LABEL_ROLE,
} from '@thanos-backstage/plugin-thanos-common';
import { DiscoveredCluster } from '@thanos-backstage/plugin-thanos-node';
import { ThanosProviderConfig } from './config';

/** Where a cluster folder is, as a location the catalog shows: `url:<target>/<folder>`. */
export function locationOf(target: string, folder: string): string {
  const base = target.replace(/\/+$/, '');
  return base.startsWith('file:')
    ? `file:${base.slice('file:'.length)}/${folder}`
    : `url:${base}/${folder}`;
}

/** The catalog Resource of one cluster folder (docs/infra-repo.md, "Clusters in the catalog"). */
export function clusterEntity(
  cluster: DiscoveredCluster,
  config: Pick<
    ThanosProviderConfig,
    'target' | 'instance' | 'owner' | 'system'
  >,
): Entity {
  const location = locationOf(config.target, cluster.folder);
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [THANOS_ANNOTATION_EXTERNAL_LABELS]: `cluster=${cluster.fullName}`,
    [THANOS_ANNOTATION_INSTANCE]: config.instance,
    [THANOS_ANNOTATION_KUBERNETES_CLUSTER]: cluster.fullName,
    [THANOS_ANNOTATION_ENVIRONMENT]: cluster.environment,
    [THANOS_ANNOTATION_CLUSTER_FOLDER]: cluster.name,
  };
  if (cluster.role === 'observee') {
    annotations[THANOS_ANNOTATION_OBSERVEE_KEY] = cluster.name;
    if (cluster.registration) {
      annotations[THANOS_ANNOTATION_REGISTERED] = String(
        cluster.registration === 'registered',
      );
    }
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster.fullName,
      title: cluster.fullName,
      description: `Thanos ${cluster.role} ${cluster.fullName} in ${cluster.region}, read from the infra repo`,
      tags: ['thanos', cluster.role],
      labels: {
        [THANOS_LABEL_ROLE]: cluster.role,
        [THANOS_LABEL_AWS_REGION]: cluster.region,
      },
      annotations,
    },
    spec: {
      type: 'kubernetes-cluster',
      owner: config.owner,
      ...(config.system ? { system: config.system } : {}),
      ...(cluster.observer
        ? { dependsOn: [`resource:default/${cluster.observer.fullName}`] }
        : {}),
    },
  };
}
