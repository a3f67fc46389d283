import {
  coreServices,
  createServiceFactory,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';
import type { Knex } from 'knex';
import { connectRetryingCreateRace } from './ddlRace';
import { serialiseMigrations } from './serialiseMigrations';

/**
 * Backstage's database service (`@backstage/backend-defaults/database`, same configuration,
 * same `backend.database` keys) made safe for replicas started together on an empty database (a
 * Kubernetes Deployment's first rollout; see docs/deployment.md):
 *
 * - a plugin whose schema another replica created at the same moment connects again instead of
 *   failing start-up (PostgreSQL's `CREATE SCHEMA IF NOT EXISTS` is not safe against itself);
 * - its clients run schema migrations under a PostgreSQL advisory lock per plugin.
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
    // Backstage's manager remembers a plugin's failed connection; a retry needs a new manager.
    const openManager = () =>
      DatabaseManager.fromConfig(databaseConfig, { rootLifecycle, rootLogger });
    return { manager: openManager(), openManager };
  },
  async factory(
    { pluginMetadata, lifecycle, logger },
    { manager, openManager },
  ) {
    const pluginId = pluginMetadata.getId();
    return raceSafeDatabase(
      attempt =>
        (attempt === 0 ? manager : openManager()).forPlugin(pluginId, {
          lifecycle,
          logger,
        }),
      pluginId,
      logger,
    );
  },
});

/**
 * The plugin's database service from `forAttempt(0)`, whose `getClient` retries with
 * `forAttempt(1…)` when it lost the schema-creation race, and serialises migrations.
 */
export function raceSafeDatabase(
  forAttempt: (attempt: number) => DatabaseService,
  pluginId: string,
  logger: Pick<LoggerService, 'warn'>,
): DatabaseService {
  const database = forAttempt(0);
  let client: Promise<Knex> | undefined;
  const connect = async () =>
    serialiseMigrations(
      await connectRetryingCreateRace(
        attempt =>
          attempt === 0
            ? database.getClient()
            : forAttempt(attempt).getClient(),
        (error, attempt) =>
          logger.warn(
            `Another replica created the database schema of plugin '${pluginId}' at the same moment; connecting again (attempt ${
              attempt + 1
            }): ${error instanceof Error ? error.message : String(error)}`,
          ),
      ),
      `migrations:${pluginId}`,
    );
  return {
    ...database,
    getClient: () => {
      client ??= connect().catch(error => {
        client = undefined;
        throw error;
      });
      return client;
    },
  };
}
