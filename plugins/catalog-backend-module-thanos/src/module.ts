import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ThanosClusterProvider } from './providers/ThanosClusterProvider';

/**
 * Adds one Thanos cluster provider per `catalog.providers.thanos.<id>` entry.
 *
 * @public
 */
export const catalogModuleThanos = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'thanos',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
      },
      async init({ catalog, config, logger, scheduler, urlReader }) {
        catalog.addEntityProvider(
          ThanosClusterProvider.fromConfig(config, {
            logger,
            scheduler,
            urlReader,
          }),
        );
      },
    });
  },
});
