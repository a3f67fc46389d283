import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ThanosInstance } from './client/ThanosInstance';
import { readThanosConfig } from './config/readThanosConfig';
import { KubernetesClusterRegistry } from './kubernetes/KubernetesClusterRegistry';
import { KubernetesInsideViewReader } from './kubernetes/KubernetesInsideViewReader';
import { createRouter } from './router/createRouter';
import { CoalescingCache } from './service/CoalescingCache';
import {
  InsideViewReader,
  thanosInsideViewExtensionPoint,
} from './service/InsideViewReader';
import { ObserveeDirectory } from './service/ObserveeDirectory';
import { ThanosFacts } from './service/ThanosFacts';
import { ThanosStatusService } from './service/ThanosStatusService';

/**
 * The `thanos` backend plugin: sidecar reachability and compactor status of every observee
 * cluster, read from the configured Thanos Query instances and shared through the cache.
 *
 * @public
 */
export const thanosPlugin = createBackendPlugin({
  pluginId: 'thanos',
  register(env) {
    let insideViewReader: InsideViewReader | undefined;
    env.registerExtensionPoint(thanosInsideViewExtensionPoint, {
      setInsideViewReader(reader) {
        if (insideViewReader) {
          throw new Error(
            'A Thanos inside view reader is already set; install only one module that provides it',
          );
        }
        insideViewReader = reader;
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        auth,
        cache,
        scheduler,
        catalog,
      }) {
        const thanosConfig = readThanosConfig(config);
        const instances = thanosConfig.instances.map(
          instance => new ThanosInstance(instance),
        );
        if (instances.length === 0) {
          logger.warn(
            'No Thanos instances configured (thanos.instances); the thanos routes will answer with an error',
          );
        }

        // Clusters come from the Kubernetes plugin's own config block; without it there is no
        // inside view (unless a module provides one) and nothing to warn about.
        const kubernetesConfigured = config.has(
          'kubernetes.clusterLocatorMethods',
        );
        const builtInReader =
          !insideViewReader && kubernetesConfigured
            ? KubernetesInsideViewReader.fromConfig(config, { logger })
            : undefined;
        // The same clusters serve the TLS querier route of instances with tlsQuerierKubernetes.
        const clusters =
          builtInReader?.clusters ??
          (kubernetesConfigured
            ? KubernetesClusterRegistry.fromConfig(config)
            : undefined);
        const reader = insideViewReader ?? builtInReader;
        if (builtInReader) {
          logger.info(
            `Thanos inside view reads Kubernetes clusters ${
              builtInReader.clusters.names().join(', ') ||
              '(none of type config)'
            } from kubernetes.clusterLocatorMethods`,
          );
        }

        const ttlMs = (instance: ThanosInstance) =>
          (thanosConfig.cacheTtlSeconds ??
            instance.config.refreshIntervalSeconds) * 1000;
        const coalescing = new CoalescingCache(cache);
        const directory = new ObserveeDirectory({
          catalog,
          auth,
          cache: coalescing,
          instances: instances.map(instance => instance.name),
          ttlMs: Math.min(
            60_000,
            ...instances.map(instance => ttlMs(instance)),
          ),
          logger,
        });
        const status = new ThanosStatusService({
          instances,
          facts: new ThanosFacts(coalescing, ttlMs, clusters),
          directory,
          catalog,
          logger,
          insideView: () => reader,
        });

        // One replica polls each instance (scope global); the others read its results from the
        // shared cache. Requests still read through on a miss, so this only keeps answers warm.
        for (const instance of instances) {
          const { refreshIntervalSeconds, timeoutMs } = instance.config;
          await scheduler.scheduleTask({
            id: `thanos-refresh-${instance.name}`,
            scope: 'global',
            frequency: { seconds: refreshIntervalSeconds },
            timeout: { milliseconds: timeoutMs * 3 },
            fn: async () => {
              await status.refreshInstance(instance.name);
            },
          });
        }

        httpRouter.use(await createRouter({ httpAuth, status }));
      },
    });
  },
});
