import {
  createExtensionPoint,
  type LoggerService,
  type RootConfigService,
} from '@backstage/backend-plugin-api';
import type {
  KubernetesView,
  LabelMatcher,
  SourceError,
} from '@thanos-backstage/plugin-thanos-common';

/** What the `thanos` backend plugin asks the inside view about one observee. @public */
export interface InsideViewRequest {
  /** The entity's `thanos.io/kubernetes-cluster` annotation. */
  cluster: string;
  observeeKey: string;
  externalLabels: LabelMatcher[];
  signal?: AbortSignal;
}

/**
 * The inside view of one cluster, with every source that could not be read in `errors`: a reader
 * reports a failed read there and never throws it. @public
 */
export interface InsideViewResult {
  view: KubernetesView | undefined;
  errors: SourceError[];
}

/**
 * Reads the inside view of a cluster (compactor workload and pods, sidecar container, ingress)
 * from Kubernetes.
 *
 * @public
 */
export interface InsideViewReader {
  read(request: InsideViewRequest): Promise<InsideViewResult>;
}

/**
 * Builds the inside view reader the `thanos` plugin uses. `getDefault` builds the plugin's own
 * reader, the one that reads the clusters of `kubernetes.clusterLocatorMethods`; it resolves to
 * `undefined` when that block is not configured. A factory that never calls it replaces the
 * default (and the default is never built); one that calls it can wrap it. Returning `undefined`
 * turns the inside view off.
 *
 * @public
 */
export type InsideViewReaderFactory = (options: {
  getDefault: () => Promise<InsideViewReader | undefined>;
  config: RootConfigService;
  logger: LoggerService;
}) => Promise<InsideViewReader | undefined>;

/** What a module may do through {@link thanosInsideViewExtensionPoint}. @public */
export interface ThanosInsideViewExtensionPoint {
  /** Replaces or wraps the built-in reader; see {@link InsideViewReaderFactory}. */
  setInsideViewReaderFactory(factory: InsideViewReaderFactory): void;
  /** Replaces the built-in reader: the same as a factory that returns `reader`. */
  setInsideViewReader(reader: InsideViewReader): void;
}

/**
 * Lets a backend module of the `thanos` plugin provide, replace or wrap the Kubernetes inside
 * view. Only one module may set it: a second one fails the backend start, so two modules never
 * silently fight over the reader. Without a reader (or for entities without
 * `thanos.io/kubernetes-cluster`) the view is simply absent.
 *
 * @public
 */
export const thanosInsideViewExtensionPoint =
  createExtensionPoint<ThanosInsideViewExtensionPoint>({
    id: 'thanos.inside-view',
  });
