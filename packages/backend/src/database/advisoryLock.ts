import type { Knex } from 'knex';

/**
 * The first half of every advisory lock key this backend takes (the ASCII of "BSMG", for
 * Backstage migrations), so that its locks never collide with those of another application that
 * shares the PostgreSQL database and uses single-key advisory locks or another namespace.
 */
export const LOCK_NAMESPACE = 0x42534d47;

/** The second half of the key: a 32-bit FNV-1a hash of the lock's name, as a signed integer. */
export function advisoryLockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** How long a waiting replica pauses between two attempts at the lock, growing to the maximum. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 1000;

/**
 * Runs `work` while this process holds the PostgreSQL advisory lock `name` in the database `knex`
 * connects to. Other processes (replicas) asking for the same lock wait until it is released.
 *
 * The lock is a session lock on one pooled connection that stays outside any transaction, so it
 * holds no snapshot. A waiting process asks with `pg_try_advisory_lock` again and again instead
 * of blocking in `pg_advisory_lock`: a blocked statement is an open transaction, and the holder's
 * migrations would wait for it whenever they run `CREATE INDEX CONCURRENTLY` (the catalog's do),
 * which waits for every older transaction to end: a deadlock PostgreSQL cannot see, because it
 * closes through the holder's own process. If the process dies, PostgreSQL ends the session and
 * frees the lock. Callers in the same process queue in memory first, so one process never holds
 * more than one connection waiting for the same lock (a small pool cannot be drained by waiters).
 */
export class AdvisoryLock {
  readonly #knex: Knex;
  readonly #name: string;
  readonly #key: number;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(knex: Knex, name: string) {
    this.#knex = knex;
    this.#name = name;
    this.#key = advisoryLockKey(name);
  }

  get name(): string {
    return this.#name;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.#queue.then(() => this.#runLocked(work));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #runLocked<T>(work: () => Promise<T>): Promise<T> {
    const client = this.#knex.client;
    const connection = await client.acquireConnection();
    try {
      await this.#acquire(connection);
      try {
        return await work();
      } finally {
        await this.#knex
          .raw('SELECT pg_advisory_unlock(?, ?)', [LOCK_NAMESPACE, this.#key])
          .connection(connection);
      }
    } finally {
      await client.releaseConnection(connection);
    }
  }

  async #acquire(connection: unknown): Promise<void> {
    for (let pauseMs = FIRST_RETRY_MS; ; ) {
      const result = await this.#knex
        .raw('SELECT pg_try_advisory_lock(?, ?) AS locked', [
          LOCK_NAMESPACE,
          this.#key,
        ])
        .connection(connection);
      if (result.rows[0]?.locked === true) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, pauseMs));
      pauseMs = Math.min(pauseMs * 2, MAX_RETRY_MS);
    }
  }
}
