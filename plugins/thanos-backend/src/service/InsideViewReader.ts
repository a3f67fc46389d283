import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  KubernetesView,
  LabelMatcher,
  SourceError,
} from '@thanos-backstage/plugin-thanos-common';

/** What the status service asks the Kubernetes inside view about one observee. @public */
export interface InsideViewRequest {
  /** The entity's `thanos.io/kubernetes-cluster` annotation. */
  cluster: string;
  observeeKey: string;
  externalLabels: LabelMatcher[];
  signal?: AbortSignal;
}

/**
 * Reads the inside view of a cluster (compactor workload and pods, sidecar container, ingress)
 * from Kubernetes. Sources it cannot read go into `errors`, never into a thrown error.
 *
 * @public
 */
export interface InsideViewReader {
  read(
    request: InsideViewRequest,
  ): Promise<{ view: KubernetesView | undefined; errors: SourceError[] }>;
}

/** @public */
export interface ThanosInsideViewExtensionPoint {
  setInsideViewReader(reader: InsideViewReader): void;
}

/**
 * Lets a backend module plug the Kubernetes inside view into the `thanos` plugin. Without a
 * reader (or for entities without `thanos.io/kubernetes-cluster`) the view is simply absent.
 *
 * @public
 */
export const thanosInsideViewExtensionPoint =
  createExtensionPoint<ThanosInsideViewExtensionPoint>({
    id: 'thanos.inside-view',
  });
