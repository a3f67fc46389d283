import { DatabaseManager } from '@backstage/backend-defaults/database';
import {
  DatabaseService,
  RootLifecycleService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { advisoryLockKey } from './advisoryLock';
import { connectRetryingCreateRace, isCreateRace } from './ddlRace';
import { raceSafeDatabase } from './databaseServiceFactory';

/** The message Backstage's database manager gives when it loses the schema-creation race. */
const LOST_RACE = new Error(
  `Failed to connect to the database to make sure that schema for plugin 'user-settings' exists, error: CREATE SCHEMA IF NOT EXISTS "user-settings" - duplicate key value violates unique constraint "pg_namespace_nspname_index"`,
);

describe('connectRetryingCreateRace', () => {
  it('connects again when another replica created the same schema at the same moment', async () => {
    const attempts: number[] = [];
    const retries: number[] = [];

    const client = await connectRetryingCreateRace(
      async attempt => {
        attempts.push(attempt);
        if (attempt === 0) {
          throw LOST_RACE;
        }
        return 'client';
      },
      (_error, attempt) => retries.push(attempt),
      0,
    );

    expect(client).toBe('client');
    expect(attempts).toEqual([0, 1]);
    expect(retries).toEqual([1]);
  });

  it('throws any other failure at once', async () => {
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    let attempts = 0;

    await expect(
      connectRetryingCreateRace(
        async () => {
          attempts += 1;
          throw refused;
        },
        () => undefined,
        0,
      ),
    ).rejects.toBe(refused);
    expect(attempts).toBe(1);
  });

  it('gives up after a bounded number of lost races', async () => {
    let attempts = 0;

    await expect(
      connectRetryingCreateRace(
        async () => {
          attempts += 1;
          throw LOST_RACE;
        },
        () => undefined,
        0,
      ),
    ).rejects.toBe(LOST_RACE);
    expect(attempts).toBe(4);
  });

  it.each([
    ['schema', LOST_RACE.message, true],
    [
      'database',
      'CREATE DATABASE "backstage_plugin_x" - duplicate key value violates unique constraint "pg_database_datname_index"',
      true,
    ],
    ['existing schema', 'schema "catalog" already exists', true],
    ['table', 'relation "knex_migrations" already exists', false],
    ['lock', 'MigrationLocked: Migration table is already locked', false],
  ])('tells a lost %s race from other errors', (_name, message, expected) => {
    expect(isCreateRace(new Error(message))).toBe(expected);
  });
});

// A real PostgreSQL is needed: the race is between PostgreSQL sessions. Point
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (or 16, 17) at a server, e.g.
// postgresql://postgres@127.0.0.1:5432; without one these tests are skipped.
const databases = TestDatabases.create({
  ids: ['POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15'],
  disableDocker: true,
});
const supported = databases.eachSupportedId();

/** Creating databases on a busy CI machine takes longer than Jest's 5 s. */
const DATABASE_TEST_TIMEOUT_MS = 60_000;

/** A root lifecycle whose shutdown hooks the test runs itself, as the backend does on exit. */
function rootLifecycle(): RootLifecycleService & { shutdown(): Promise<void> } {
  const hooks: Array<() => void | Promise<void>> = [];
  return {
    addStartupHook: () => undefined,
    addBeforeShutdownHook: () => undefined,
    addShutdownHook: hook => {
      hooks.push(hook);
    },
    shutdown: async () => {
      await Promise.all(hooks.map(hook => hook()));
    },
  };
}

(supported.length > 0
  ? describe.each(supported)
  : describe.skip.each([['POSTGRES' as TestDatabaseId]]))(
  'raceSafeDatabase on %p',
  databaseId => {
    it(
      'connects a plugin that lost the schema race through a fresh database manager',
      async () => {
        const knex = await databases.init(databaseId);
        const config = new ConfigReader({
          backend: {
            database: {
              client: 'pg',
              connection: knex.client.config.connection,
              pluginDivisionMode: 'schema',
            },
          },
        });
        const lifecycle = rootLifecycle();
        const logger = mockServices.logger.mock();
        const deps = { lifecycle: mockServices.lifecycle.mock(), logger };
        // Backstage's manager keeps a plugin's failed connection: the first one stays failed.
        const lostRace: DatabaseService = {
          getClient: () => Promise.reject(LOST_RACE),
          migrations: { skip: false },
        };
        const managersOpened: number[] = [];

        try {
          const database = raceSafeDatabase(
            attempt => {
              if (attempt === 0) {
                return lostRace;
              }
              managersOpened.push(attempt);
              return DatabaseManager.fromConfig(config, {
                rootLifecycle: lifecycle,
                rootLogger: mockServices.rootLogger(),
              }).forPlugin('user-settings', deps);
            },
            'user-settings',
            logger,
          );
          const [client, again] = await Promise.all([
            database.getClient(),
            database.getClient(),
          ]);

          expect(again).toBe(client);
          expect(managersOpened).toEqual([1]);
          expect(logger.warn).toHaveBeenCalledTimes(1);
          expect(logger.warn.mock.calls[0][0]).toMatch(
            /^Another replica created the database schema of plugin 'user-settings' at the same moment; connecting again \(attempt 2\)/,
          );
          const schemas = await knex('information_schema.schemata')
            .where('schema_name', 'user-settings')
            .pluck('schema_name');
          expect(schemas).toEqual(['user-settings']);
          // Its migrations run under the plugin's advisory lock, as every other client's do.
          const [, applied] = await client.migrate.latest({
            migrationSource: {
              getMigrations: async () => ['001_settings'],
              getMigrationName: (name: string) => name,
              getMigration: async () => ({
                up: async k => {
                  const held = await k('pg_locks')
                    .where({
                      locktype: 'advisory',
                      objid: advisoryLockKey('migrations:user-settings') >>> 0,
                    })
                    .count({ count: '*' });
                  expect(Number(held[0].count)).toBe(1);
                },
                down: async () => undefined,
              }),
            },
          });
          expect(applied).toEqual(['001_settings']);
        } finally {
          await lifecycle.shutdown();
        }
      },
      DATABASE_TEST_TIMEOUT_MS,
    );
  },
);
