import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { DatabaseReadSlots } from './ReadSlots';

// PostgreSQL (what replicas share in production) when a connection string is given, as
// scripts/test.sh does where PostgreSQL runs; SQLite always.
const POSTGRES = 'POSTGRES_15';
const ids: TestDatabaseId[] = process.env
  .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  ? [POSTGRES, 'SQLITE_3']
  : ['SQLITE_3'];
const databases = TestDatabases.create({ ids });

async function slotsOn(id: TestDatabaseId, clock: () => number) {
  const knex = await databases.init(id);
  const database = mockServices.database({ knex });
  return {
    knex,
    create: () => DatabaseReadSlots.create(database, clock),
  };
}

describe.each(databases.eachSupportedId())('DatabaseReadSlots on %s', id => {
  it('gives each slot to one caller among replicas until it ends', async () => {
    let now = 1_000;
    const { create } = await slotsOn(id, () => now);
    const [a, b] = await Promise.all([create(), create()]);

    const first = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).claim('v1:stores:observer', 9_000),
      ),
    );
    expect(first.filter(Boolean)).toHaveLength(1);
    // Another key has its own slot.
    expect(await a.claim('v1:stores:other', 9_000)).toBe(true);

    now += 8_999;
    expect(await b.claim('v1:stores:observer', 9_000)).toBe(false);
    now += 1;
    const second = await Promise.all([
      a.claim('v1:stores:observer', 9_000),
      b.claim('v1:stores:observer', 9_000),
    ]);
    expect(second.filter(Boolean)).toHaveLength(1);
  });

  it('keys of any length share one fixed-size row each', async () => {
    const { create } = await slotsOn(id, () => 0);
    const slots = await create();
    const long = `v1:inside-view:c:k:${'x'.repeat(5_000)}`;
    expect(await slots.claim(long, 1_000)).toBe(true);
    expect(await slots.claim(long, 1_000)).toBe(false);
    expect(await slots.claim(`${long}y`, 1_000)).toBe(true);
  });

  it('replicas creating the table at the same moment all start', async () => {
    const { create, knex } = await slotsOn(id, () => 0);
    const all = await Promise.all(Array.from({ length: 4 }, () => create()));
    expect(all).toHaveLength(4);
    expect(await knex.schema.hasTable('thanos_read_slots')).toBe(true);
  });
});
