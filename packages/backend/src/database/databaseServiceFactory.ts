import {
  coreServices,
  createServiceFactory,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';
import { serialiseMigrations } from './serialiseMigrations';

/**
 * Backstage's database service (`@backstage/backend-defaults/database`, same configuration,
 * same `backend.database` keys) whose clients run schema migrations under a PostgreSQL advisory
 * lock per plugin. Replicas started together on an empty database (a Kubernetes Deployment's
 * first rollout) then all start: see docs/deployment.md.
 */
export const databaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    // Without `backend.database` Backstage falls back to an in-memory SQLite database; so do we.
    const databaseConfig = config.getOptional('backend.database')
      ? config
      : new ConfigReader({
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
        });
    return DatabaseManager.fromConfig(databaseConfig, {
      rootLifecycle,
      rootLogger,
    });
  },
  async factory({ pluginMetadata, lifecycle, logger }, databaseManager) {
    const pluginId = pluginMetadata.getId();
    const database = databaseManager.forPlugin(pluginId, {
      lifecycle,
      logger,
    });
    return withSerialisedMigrations(database, `migrations:${pluginId}`);
  },
});

function withSerialisedMigrations(
  database: DatabaseService,
  lockName: string,
): DatabaseService {
  return {
    ...database,
    getClient: async () =>
      serialiseMigrations(await database.getClient(), lockName),
  };
}
