import type { DatabaseService } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Who may read a key upstream now. Every replica asks before it reads, so that one upstream read
 * per key and slot serves all of them; the others take the answer from the shared cache.
 */
export interface ReadSlots {
  /**
   * Claims the upstream read of `key` for the next `ms` milliseconds. Resolves to true for exactly
   * one caller among all replicas until the slot ends, false for the others; rejects when the
   * store cannot be asked (callers then read as if they held the slot).
   */
  claim(key: string, ms: number): Promise<boolean>;
}

/** Every caller holds every slot: one process with no one to share reads with. */
export const UNSHARED_READ_SLOTS: ReadSlots = {
  claim: async () => true,
};

const TABLE = 'thanos_read_slots';

/**
 * Read slots in the plugin's database, so that replicas sharing it (PostgreSQL in production) read
 * each upstream key at most once per slot. A slot is one row per key, claimed by an insert that
 * only overwrites a row whose slot has ended, which the database applies atomically. Slot ends
 * are compared with each replica's clock; replicas on hosts whose clocks are within a second of
 * each other share reads as intended.
 */
export class DatabaseReadSlots implements ReadSlots {
  private constructor(
    private readonly db: Knex,
    private readonly clock: () => number,
  ) {}

  static async create(
    database: DatabaseService,
    clock: () => number = Date.now,
  ): Promise<DatabaseReadSlots> {
    const db = await database.getClient();
    await ensureTable(db);
    return new DatabaseReadSlots(db, clock);
  }

  async claim(key: string, ms: number): Promise<boolean> {
    const now = this.clock();
    const claimed = await this.db(TABLE)
      .insert({ slot: slotId(key), until: now + ms })
      .onConflict('slot')
      .merge(['until'])
      .where(`${TABLE}.until`, '<=', now)
      .returning('slot');
    return claimed.length === 1;
  }
}

/** Keys can be long (they carry label matchers); the row holds a fixed-size digest of each. */
function slotId(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Creates the slot table when it is missing. Replicas starting together may all try at once: a
 * replica whose create lost that race finds the table made by another and goes on.
 */
async function ensureTable(db: Knex): Promise<void> {
  if (await db.schema.hasTable(TABLE)) return;
  try {
    await db.schema.createTable(TABLE, table => {
      table.string('slot', 64).primary().notNullable();
      table.bigInteger('until').notNullable();
    });
  } catch (error) {
    if (!(await db.schema.hasTable(TABLE))) throw error;
  }
}
