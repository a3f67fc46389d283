import type { Knex } from 'knex';
import { AdvisoryLock } from './advisoryLock';

/** The migrator methods that take knex's migration lock and change the schema. */
const SCHEMA_CHANGING_METHODS = ['latest', 'up', 'down', 'rollback'] as const;

const serialised = new WeakSet<Knex>();

/**
 * Makes every `knex.migrate.latest/up/down/rollback` of this client wait for the advisory lock
 * `lockName`, so that replicas starting at the same moment run a plugin's migrations one after
 * another instead of racing.
 *
 * knex alone is not safe for that: two processes on an empty database both try
 * `CREATE TABLE …knex_migrations_lock` (one fails with "already exists"), and once the table
 * exists the second process fails with `MigrationLocked` instead of waiting. Under the lock the
 * first replica migrates; the next finds the migrations applied and has nothing to do.
 *
 * The client is changed in place (`migrate` is a getter knex defines as configurable), so every
 * holder of it, including the scheduler's own migrations, goes through the lock. Clients of other
 * databases than PostgreSQL are returned unchanged.
 */
export function serialiseMigrations(knex: Knex, lockName: string): Knex {
  if (serialised.has(knex) || !isPostgres(knex)) {
    return knex;
  }
  const migrate = Object.getOwnPropertyDescriptor(knex, 'migrate')?.get;
  if (!migrate) {
    throw new Error(
      `Cannot serialise the database migrations of ${lockName}: this knex client has no migrate getter`,
    );
  }
  const lock = new AdvisoryLock(knex, lockName);
  Object.defineProperty(knex, 'migrate', {
    configurable: true,
    get() {
      const migrator: Knex.Migrator = migrate.call(this);
      for (const method of SCHEMA_CHANGING_METHODS) {
        const unlocked = migrator[method].bind(migrator) as (
          ...args: unknown[]
        ) => Promise<unknown>;
        Object.assign(migrator, {
          [method]: (...args: unknown[]) => lock.run(() => unlocked(...args)),
        });
      }
      return migrator;
    },
  });
  serialised.add(knex);
  return knex;
}

function isPostgres(knex: Knex): boolean {
  return knex.client.dialect === 'postgresql';
}
