/**
 * Entity annotations read by the Thanos plugins (docs/architecture.md, "Entity annotations").
 *
 * @public
 */
export const THANOS_ANNOTATION_EXTERNAL_LABELS = 'thanos.io/external-labels';
/** @public */
export const THANOS_ANNOTATION_INSTANCE = 'thanos.io/instance';
/** @public */
export const THANOS_ANNOTATION_OBSERVEE_KEY = 'thanos.io/observee-key';
/** @public */
export const THANOS_ANNOTATION_KUBERNETES_CLUSTER =
  'thanos.io/kubernetes-cluster';
/**
 * `"true"` or `"false"`: whether the observee key is registered in the observer's maps, as the
 * catalog provider read it from the infra repo.
 *
 * @public
 */
export const THANOS_ANNOTATION_REGISTERED = 'thanos.io/registered';
/**
 * The environment folder of the cluster in the infra repo (`<live>/<environment>/…`).
 *
 * @public
 */
export const THANOS_ANNOTATION_ENVIRONMENT = 'thanos.io/environment';
/**
 * The cluster's folder name under `<live>/<environment>/<region>/clusters/` in the infra repo
 * (its short name); the region is the entity's `aws-region` label.
 *
 * @public
 */
export const THANOS_ANNOTATION_CLUSTER_FOLDER = 'thanos.io/cluster-folder';

/**
 * Entity label naming the cluster's role in the observer/observee pattern: `observer` or `observee`.
 *
 * @public
 */
export const THANOS_LABEL_ROLE = 'thanos.io/role';
/**
 * Entity label naming the cluster's AWS region.
 *
 * @public
 */
export const THANOS_LABEL_AWS_REGION = 'aws-region';

/**
 * Whether an entity names the Prometheus external labels of a cluster (a non-blank
 * `thanos.io/external-labels`), which is what every Thanos surface needs: the one test the
 * frontend's tab, card and legacy helpers share.
 *
 * @public
 */
export function hasThanosExternalLabels(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  return Boolean(
    entity.metadata.annotations?.[THANOS_ANNOTATION_EXTERNAL_LABELS]?.trim(),
  );
}
