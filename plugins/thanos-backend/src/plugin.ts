import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { notificationService } from '@backstage/plugin-notifications-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  InsideViewReaderFactory,
  thanosInsideViewExtensionPoint,
} from '@thanos-backstage/plugin-thanos-node';
import { registerThanosActions } from './actions/registerThanosActions';
import { OwnerNotifier } from './notifications/OwnerNotifier';
import { createRouter } from './router/createRouter';
import { createThanosStatusService } from './service/createThanosStatusService';

/**
 * The `thanos` backend plugin: sidecar reachability and compactor status of every observee
 * cluster, read from the configured Thanos Query instances and shared through the cache.
 *
 * @public
 */
export const thanosPlugin = createBackendPlugin({
  pluginId: 'thanos',
  register(env) {
    let insideViewReaderFactory: InsideViewReaderFactory | undefined;
    const setFactory = (factory: InsideViewReaderFactory) => {
      if (insideViewReaderFactory) {
        throw new Error(
          'A Thanos inside view reader is already set; install only one module that provides it',
        );
      }
      insideViewReaderFactory = factory;
    };
    env.registerExtensionPoint(thanosInsideViewExtensionPoint, {
      setInsideViewReaderFactory: setFactory,
      setInsideViewReader: reader => setFactory(async () => reader),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        cache: coreServices.cache,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        notifications,
        actionsRegistry,
        ...deps
      }) {
        const { status, refresh } = await createThanosStatusService({
          ...deps,
          insideViewReaderFactory,
        });

        // Owner notifications (off unless thanos.notifications.enabled), decided after each
        // scheduled refresh on the one replica that runs it, and the read-only actions for
        // assistants; see src/notifications and src/actions.
        const ownerNotifier = await OwnerNotifier.fromConfig(deps.config, {
          logger: deps.logger,
          database: deps.database,
          notifications,
          fleet: async name =>
            status.fleetStatus(
              name,
              await deps.auth.getOwnServiceCredentials(),
            ),
        });
        if (ownerNotifier) {
          refresh.onRefreshed(name => ownerNotifier.afterRefresh(name));
        }
        registerThanosActions(actionsRegistry, status);

        httpRouter.use(await createRouter({ httpAuth, status }));
      },
    });
  },
});
