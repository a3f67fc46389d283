import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type {
  InsideViewReader,
  InsideViewReaderFactory,
} from '@thanos-backstage/plugin-thanos-node';
import { KubernetesClusterRegistry } from './KubernetesClusterRegistry';
import { KubernetesInsideViewReader } from './KubernetesInsideViewReader';

/** The inside view reader the plugin uses, and the Kubernetes clusters it may read. */
export interface InsideViewSetup {
  reader?: InsideViewReader;
  /** The clusters of `kubernetes.clusterLocatorMethods`, also for the TLS querier route. */
  clusters?: KubernetesClusterRegistry;
}

/**
 * Decides the inside view reader: the one a module's factory returns, else the built-in one when
 * `kubernetes.clusterLocatorMethods` is configured, else none. The built-in reader is built only
 * when it is used (directly, or through a factory's `getDefault`), so a module that replaces it
 * reads no cluster through it.
 */
export async function setUpInsideView(options: {
  config: RootConfigService;
  logger: LoggerService;
  factory?: InsideViewReaderFactory;
}): Promise<InsideViewSetup> {
  const { config, logger, factory } = options;
  // Clusters come from the Kubernetes plugin's own config block; without it there is no
  // built-in inside view and nothing to warn about.
  const kubernetesConfigured = config.has('kubernetes.clusterLocatorMethods');
  let builtIn: KubernetesInsideViewReader | undefined;
  const getDefault = async () => {
    if (!kubernetesConfigured) return undefined;
    if (!builtIn) {
      builtIn = KubernetesInsideViewReader.fromConfig(config, { logger });
      logger.info(
        `Thanos inside view reads Kubernetes clusters ${
          builtIn.clusters.names().join(', ') || '(none of type config)'
        } from kubernetes.clusterLocatorMethods`,
      );
    }
    return builtIn;
  };
  const reader = factory
    ? await factory({ getDefault, config, logger })
    : await getDefault();
  // The same clusters serve the TLS querier route of instances with tlsQuerierKubernetes.
  const clusters =
    builtIn?.clusters ??
    (kubernetesConfigured
      ? KubernetesClusterRegistry.fromConfig(config)
      : undefined);
  return { ...(reader ? { reader } : {}), ...(clusters ? { clusters } : {}) };
}
