/**
 * Entity annotations read by the Thanos plugins (DESIGN §5).
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
