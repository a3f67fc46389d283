import { newRunId } from './runId.mjs';
import { createRunDatabase, pluginDatabasePrefix } from './postgres.mjs';
import { runRedisNamespace } from './redis.mjs';

/**
 * One suite run: a fresh PostgreSQL database (or, with `databasePerPlugin`, a fresh prefix for the
 * databases the backend creates per plugin), a Redis key namespace, and a list of cleanups
 * that `cleanup()` runs last-in first-out, each even when an earlier one fails, so a failing
 * test still leaves no process, database or key behind.
 */
export async function createRun(
  suite,
  { redisPort, redisDb, databasePerPlugin = false } = {},
) {
  const id = newRunId(suite);
  const cleanups = [];
  const run = {
    id,
    database: undefined,
    redis: runRedisNamespace(id, { port: redisPort, db: redisDb }),
    /** Registers a cleanup, run by `cleanup()` in reverse order of registration. */
    defer(fn) {
      cleanups.push(fn);
    },
    async cleanup() {
      const errors = [];
      while (cleanups.length > 0) {
        const fn = cleanups.pop();
        try {
          await fn();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) {
        throw new AggregateError(errors, `cleanup of ${id} failed`);
      }
    },
  };
  run.database = databasePerPlugin
    ? pluginDatabasePrefix(id)
    : await createRunDatabase(id);
  run.defer(() => run.database.drop());
  run.defer(() => run.redis.flush());
  return run;
}
