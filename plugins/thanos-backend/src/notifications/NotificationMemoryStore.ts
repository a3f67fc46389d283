import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { NotificationMemory } from '@thanos-backstage/plugin-thanos-common';
import type { Knex } from 'knex';

const TABLE = 'thanos_owner_notifications';

/** A remembered state as read, with the stored text a later write compares against. */
export interface StoredMemory {
  memory: NotificationMemory;
  stored: string;
}

/**
 * What each entity's owners were last told, in the plugin's database: it outlives restarts, and
 * every replica sharing the database (PostgreSQL in production) reads the same rows.
 *
 * Writes are compare-and-set: a write succeeds only if the row still holds what the writer read.
 * The scheduled refresh runs on one replica at a time, but a refresh that overruns its timeout can
 * meet the next one; only the one whose write lands sends the notification.
 */
export class NotificationMemoryStore {
  private constructor(private readonly db: Knex) {}

  static async create(
    database: DatabaseService,
  ): Promise<NotificationMemoryStore> {
    const db = await database.getClient();
    await ensureTable(db);
    return new NotificationMemoryStore(db);
  }

  async read(entityRefs: string[]): Promise<Map<string, StoredMemory>> {
    const found = new Map<string, StoredMemory>();
    // Chunks keep the IN list within every database's bound-parameter limit.
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows: Array<{ entity_ref: string; memory: string }> = await this.db(
        TABLE,
      )
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .select('entity_ref', 'memory');
      for (const row of rows) {
        found.set(row.entity_ref, {
          memory: JSON.parse(row.memory),
          stored: row.memory,
        });
      }
    }
    return found;
  }

  /**
   * Replaces `previous` (undefined: no row yet) with `next`. Resolves to false when another writer
   * changed the row first; nothing is written then.
   */
  async replace(
    entityRef: string,
    previous: StoredMemory | undefined,
    next: NotificationMemory,
  ): Promise<boolean> {
    const memory = JSON.stringify(next);
    const now = new Date();
    if (!previous) {
      const inserted = await this.db(TABLE)
        .insert({ entity_ref: entityRef, memory, updated_at: now })
        .onConflict('entity_ref')
        .ignore()
        .returning('entity_ref');
      return inserted.length === 1;
    }
    const updated = await this.db(TABLE)
      .where({ entity_ref: entityRef, memory: previous.stored })
      .update({ memory, updated_at: now });
    return updated === 1;
  }
}

/** Creates the table when missing; a replica that loses the race to create it goes on. */
async function ensureTable(db: Knex): Promise<void> {
  if (await db.schema.hasTable(TABLE)) return;
  try {
    await db.schema.createTable(TABLE, table => {
      table.string('entity_ref', 512).primary().notNullable();
      table.text('memory').notNullable();
      table.timestamp('updated_at').notNullable();
    });
  } catch (error) {
    if (!(await db.schema.hasTable(TABLE))) throw error;
  }
}
