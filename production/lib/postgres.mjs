import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The shared PostgreSQL of this machine and CI (trust auth); overridable for other setups. */
export const POSTGRES = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: Number(process.env.POSTGRES_PORT ?? 5432),
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? '',
};

async function psql(sql) {
  const { stdout } = await run(
    'psql',
    [
      '-h',
      POSTGRES.host,
      '-p',
      String(POSTGRES.port),
      '-U',
      POSTGRES.user,
      '-d',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-tAc',
      sql,
    ],
    { env: { ...process.env, PGPASSWORD: POSTGRES.password } },
  );
  return stdout.trim();
}

/**
 * Creates an empty database for one run. The backend runs with `pluginDivisionMode: schema`
 * inside it, so every plugin's tables (catalog, scheduler, scaffolder tasks, …) live in schemas
 * of this one database and a single DROP removes them all.
 */
export async function createRunDatabase(name) {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`database name must be [a-z0-9_]+, got ${name}`);
  }
  await psql(`CREATE DATABASE "${name}"`);
  return {
    name,
    /** Overlay for `backend.database` (merged over app-config.production.yaml). */
    config: { pluginDivisionMode: 'schema', connection: { database: name } },
    query: sql =>
      run(
        'psql',
        [
          '-h',
          POSTGRES.host,
          '-p',
          String(POSTGRES.port),
          '-U',
          POSTGRES.user,
          '-d',
          name,
          '-v',
          'ON_ERROR_STOP=1',
          '-tAc',
          sql,
        ],
        { env: { ...process.env, PGPASSWORD: POSTGRES.password } },
      ).then(r => r.stdout.trim()),
    drop: () => dropDatabase(name),
  };
}

/**
 * A database name prefix for one run, for the backend's default division: each plugin gets its
 * own database `<prefix><pluginId>` (`backend.database.prefix`), which the backend creates, as
 * with `app-config.production.yaml` alone. `drop()` removes every database with the prefix.
 */
export function pluginDatabasePrefix(name) {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`database prefix must be [a-z0-9_]+, got ${name}`);
  }
  const prefix = `${name}_`;
  const databases = async () =>
    (
      await psql(
        `SELECT datname FROM pg_database WHERE starts_with(datname, '${prefix}') ORDER BY datname`,
      )
    )
      .split('\n')
      .filter(Boolean);
  return {
    name: prefix,
    config: { prefix },
    databases,
    drop: async () => {
      for (const database of await databases()) {
        await dropDatabase(database);
      }
    },
  };
}

/** Drops a run's database even while stray connections remain (PostgreSQL 13+ `FORCE`). */
export async function dropDatabase(name) {
  await psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
