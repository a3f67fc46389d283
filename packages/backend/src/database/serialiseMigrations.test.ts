import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { advisoryLockKey } from './advisoryLock';
import { serialiseMigrations } from './serialiseMigrations';

// A real PostgreSQL is needed: the race is between PostgreSQL sessions. Point
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (or 16, 17) at a server, e.g.
// postgresql://postgres@127.0.0.1:5432; without one these tests are skipped.
const databases = TestDatabases.create({
  ids: ['POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15'],
  disableDocker: true,
});
const supported = databases.eachSupportedId();

/** Creating databases and migrating them on a busy CI machine takes longer than Jest's 5 s. */
const DATABASE_TEST_TIMEOUT_MS = 60_000;

/** Migrations in memory, each slow enough that a second replica arrives while it runs. */
function slowMigrations(
  names: string[],
  ran: string[],
): Knex.MigrationSource<string> {
  return {
    getMigrations: async () => names,
    getMigrationName: name => name,
    getMigration: async name => ({
      up: async knex => {
        await knex.raw('SELECT pg_sleep(0.3)');
        await knex.schema.createTable(`table_${name}`, table => {
          table.string('id').primary();
        });
        ran.push(name);
      },
      down: async knex => {
        await knex.schema.dropTable(`table_${name}`);
      },
    }),
  };
}

/** A second client on the same database, as another replica has. */
function replicaOf(knex: Knex): Knex {
  return knexFactory({
    client: 'pg',
    connection: knex.client.config.connection,
    pool: { min: 0, max: 2 },
  });
}

(supported.length > 0
  ? describe.each(supported)
  : describe.skip.each([['POSTGRES' as TestDatabaseId]]))(
  'serialiseMigrations on %p',
  databaseId => {
    it(
      'lets replicas that migrate an empty database at the same moment all succeed',
      async () => {
        const first = await databases.init(databaseId);
        const replicas = [first, replicaOf(first), replicaOf(first)].map(knex =>
          serialiseMigrations(knex, 'migrations:test-plugin'),
        );
        const ran: string[] = [];
        const migrationSource = slowMigrations(['001_one', '002_two'], ran);

        try {
          const results = await Promise.all(
            replicas.map(knex => knex.migrate.latest({ migrationSource })),
          );

          // One replica applied both migrations; the others found nothing left to do.
          expect(ran).toEqual(['001_one', '002_two']);
          expect(results.map(([, applied]) => applied.length).sort()).toEqual([
            0, 0, 2,
          ]);
          const rows = await first('knex_migrations').select('name');
          expect(rows.map(row => row.name).sort()).toEqual([
            '001_one',
            '002_two',
          ]);
        } finally {
          await Promise.all(replicas.slice(1).map(knex => knex.destroy()));
        }
      },
      DATABASE_TEST_TIMEOUT_MS,
    );

    it(
      'does not deadlock a migration that creates an index concurrently while other replicas wait',
      async () => {
        const first = await databases.init(databaseId);
        const replicas = [first, replicaOf(first), replicaOf(first)].map(knex =>
          serialiseMigrations(knex, 'migrations:concurrent-index-plugin'),
        );
        // CREATE INDEX CONCURRENTLY waits for every transaction older than itself to end, so a
        // replica waiting for the lock must not sit in one (the catalog's migrations do this).
        const migrationSource: Knex.MigrationSource<string> = {
          getMigrations: async () => ['001_concurrent_index'],
          getMigrationName: name => name,
          getMigration: async () => ({
            config: { transaction: false },
            up: async knex => {
              await knex.schema.createTable('search', table => {
                table.string('key');
                table.string('value');
              });
              await knex.raw('SELECT pg_sleep(0.5)');
              await knex.raw(
                'CREATE INDEX CONCURRENTLY search_key_value_idx ON search (key, value)',
              );
            },
            down: async () => undefined,
          }),
        };

        try {
          const results = await Promise.all(
            replicas.map(knex => knex.migrate.latest({ migrationSource })),
          );

          expect(results.map(([, applied]) => applied.length).sort()).toEqual([
            0, 0, 1,
          ]);
        } finally {
          await Promise.all(replicas.slice(1).map(knex => knex.destroy()));
        }
      },
      DATABASE_TEST_TIMEOUT_MS,
    );

    it(
      'frees the lock when a migration fails, so the next replica can try',
      async () => {
        const first = await databases.init(databaseId);
        const second = replicaOf(first);
        const [a, b] = [first, second].map(knex =>
          serialiseMigrations(knex, 'migrations:failing-plugin'),
        );
        const failing: Knex.MigrationSource<string> = {
          getMigrations: async () => ['001_broken'],
          getMigrationName: name => name,
          getMigration: async () => ({
            up: async knex => {
              await knex.raw('SELECT no_such_function()');
            },
            down: async () => undefined,
          }),
        };
        const ran: string[] = [];

        try {
          await expect(
            a.migrate.latest({ migrationSource: failing }),
          ).rejects.toThrow(/no_such_function/);
          await b.migrate.latest({
            migrationSource: slowMigrations(['001_fixed'], ran),
          });

          expect(ran).toEqual(['001_fixed']);
        } finally {
          await second.destroy();
        }
      },
      DATABASE_TEST_TIMEOUT_MS,
    );

    it(
      'holds no advisory lock once the migrations are done',
      async () => {
        const knex = serialiseMigrations(
          await databases.init(databaseId),
          'migrations:idle-plugin',
        );

        await knex.migrate.latest({ migrationSource: slowMigrations([], []) });

        const held = await knex('pg_locks')
          .where({
            locktype: 'advisory',
            objid: advisoryLockKey('migrations:idle-plugin') >>> 0,
          })
          .count({ count: '*' });
        expect(Number(held[0].count)).toBe(0);
      },
      DATABASE_TEST_TIMEOUT_MS,
    );
  },
);

describe('advisoryLockKey', () => {
  it('gives different plugins different keys and the same plugin the same key on every replica', () => {
    const keys = ['catalog', 'auth', 'search', 'scaffolder', 'thanos'].map(id =>
      advisoryLockKey(`migrations:${id}`),
    );
    expect(new Set(keys).size).toBe(5);
    expect(advisoryLockKey('migrations:catalog')).toBe(keys[0]);
    for (const key of keys) {
      expect(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31).toBe(
        true,
      );
    }
  });
});
