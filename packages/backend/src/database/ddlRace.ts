/**
 * Errors PostgreSQL raises when two sessions run `CREATE SCHEMA IF NOT EXISTS` (or
 * `CREATE DATABASE`) for the same name at the same moment: `IF NOT EXISTS` checks the catalog
 * before inserting, so the loser of the race hits the catalog's unique index instead of finding the
 * object. Backstage's database manager creates each plugin's schema this way when the backend
 * starts, so replicas started together on an empty database can lose it.
 */
const CREATE_RACE_PATTERNS = [
  /duplicate key value violates unique constraint "pg_namespace_nspname_index"/,
  /duplicate key value violates unique constraint "pg_database_datname_index"/,
  /schema "[^"]+" already exists/,
  /database "[^"]+" already exists/,
];

export function isCreateRace(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return CREATE_RACE_PATTERNS.some(pattern => pattern.test(message));
}

/** How many times a plugin's connection is tried in all when it keeps losing the race. */
export const CONNECT_ATTEMPTS = 4;

/**
 * Connects with `connect(attempt)` (attempt 0 first), and when a try fails only because another
 * replica created the same schema or database at the same moment, tries again: the object then
 * exists, and the next `IF NOT EXISTS` finds it. Any other failure is thrown at once.
 */
export async function connectRetryingCreateRace<T>(
  connect: (attempt: number) => Promise<T>,
  onRetry: (error: unknown, attempt: number) => void,
  pauseMs = 50,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await connect(attempt);
    } catch (error) {
      if (!isCreateRace(error) || attempt + 1 >= CONNECT_ATTEMPTS) {
        throw error;
      }
      onRetry(error, attempt + 1);
      await new Promise(resolve =>
        setTimeout(resolve, pauseMs * (attempt + 1)),
      );
    }
  }
}
