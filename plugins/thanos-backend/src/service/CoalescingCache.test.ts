import type { CacheService } from '@backstage/backend-plugin-api';
import { ThanosRequestError } from '../client/ThanosRequestError';
import { CoalescingCache } from './CoalescingCache';
import type { ReadSlots } from './ReadSlots';

/** Read slots as the database keeps them for all replicas, on a shared clock. */
function sharedSlots(clock: () => number): ReadSlots {
  const until = new Map<string, number>();
  return {
    async claim(key, ms) {
      if ((until.get(key) ?? -Infinity) > clock()) return false;
      until.set(key, clock() + ms);
      return true;
    },
  };
}

/** A shared cache as another replica sees it: values go through JSON. */
function sharedCache(options: { broken?: boolean } = {}) {
  const store = new Map<string, string>();
  const cache = {
    async get(key: string) {
      if (options.broken) throw new Error('redis down');
      const value = store.get(key);
      return value === undefined ? undefined : JSON.parse(value);
    },
    async set(key: string, value: unknown) {
      if (options.broken) throw new Error('redis down');
      store.set(key, JSON.stringify(value));
    },
    async delete(key: string) {
      store.delete(key);
    },
    withOptions() {
      return cache;
    },
  } as unknown as CacheService;
  return cache;
}

describe('CoalescingCache', () => {
  it('makes one upstream call for concurrent readers and reuses it until the TTL passes', async () => {
    let now = 1_000;
    const cache = new CoalescingCache(sharedCache(), () => now);
    const load = jest.fn(async () => ['a']);
    const reads = await Promise.all(
      Array.from({ length: 200 }, () => cache.read('k', 30_000, load)),
    );
    expect(load).toHaveBeenCalledTimes(1);
    expect(reads.every(read => read.result.ok && read.readAt === 1_000)).toBe(
      true,
    );

    now += 29_999;
    await cache.read('k', 30_000, load);
    expect(load).toHaveBeenCalledTimes(1);
    now += 1;
    // Past the TTL the previous answer is served while one refresh runs...
    const stale = await cache.read('k', 30_000, load);
    expect(stale.readAt).toBe(1_000);
    await cache.read('k', 30_000, load, { force: true });
    expect(load).toHaveBeenCalledTimes(2);
    // ...and the next request finds the refreshed one.
    const fresh = await cache.read('k', 30_000, load);
    expect(fresh.readAt).toBe(31_000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('serves the previous answer while a slow upstream refreshes it, once', async () => {
    let now = 0;
    const cache = new CoalescingCache(sharedCache(), () => now);
    await cache.read('k', 10_000, async () => 'old');
    now = 12_000;
    let finish: (value: string) => void = () => {};
    const slow = jest.fn(
      () => new Promise<string>(resolve => (finish = resolve)),
    );
    const during = await Promise.all(
      Array.from({ length: 50 }, () => cache.read('k', 10_000, slow)),
    );
    expect(
      during.every(read => read.result.ok && read.result.value === 'old'),
    ).toBe(true);
    // The refresh reaches the upstream once the shared-cache lookup has missed.
    for (let i = 0; i < 20 && slow.mock.calls.length === 0; i++) {
      await new Promise(resolve => setImmediate(resolve));
    }
    expect(slow).toHaveBeenCalledTimes(1);
    finish('new');
    for (let i = 0; i < 5; i++) {
      await new Promise(resolve => setImmediate(resolve));
    }
    const after = await cache.read('k', 10_000, slow);
    expect(after.result).toEqual({ ok: true, value: 'new' });
  });

  it('waits for a refresh once the previous answer is more than two TTLs old', async () => {
    let now = 0;
    const cache = new CoalescingCache(sharedCache(), () => now);
    await cache.read('k', 10_000, async () => 'old');
    now = 20_000;
    const read = await cache.read('k', 10_000, async () => 'new');
    expect(read.result).toEqual({ ok: true, value: 'new' });
  });

  it('treats a cache service that never answers as a miss and still answers', async () => {
    const hung = {
      get: () => new Promise(() => {}),
      set: () => new Promise(() => {}),
      delete: async () => {},
      withOptions() {
        return hung;
      },
    } as unknown as CacheService;
    const cache = new CoalescingCache(hung);
    const load = jest.fn(async () => 'value');
    const reads = await Promise.all([
      cache.read('k', 30_000, load),
      cache.read('k', 30_000, load),
    ]);
    expect(reads.map(read => read.result)).toEqual([
      { ok: true, value: 'value' },
      { ok: true, value: 'value' },
    ]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('lets another replica use what one replica read', async () => {
    const shared = sharedCache();
    const load = jest.fn(async () => 1);
    await new CoalescingCache(shared).read('k', 30_000, load);
    const other = await new CoalescingCache(shared).read('k', 30_000, load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(other.result).toEqual({ ok: true, value: 1 });
  });

  it('caches a failure, so a dead instance is asked once per TTL', async () => {
    const cache = new CoalescingCache(sharedCache());
    const load = jest.fn(async () => {
      throw new ThanosRequestError({
        kind: 'http',
        target: 'observer',
        path: '/api/v1/stores',
        detail: 'HTTP 503',
        status: 503,
      });
    });
    await cache.read('k', 30_000, load);
    const read = await cache.read('k', 30_000, load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(read.result).toEqual({
      ok: false,
      error: {
        message: 'observer /api/v1/stores: HTTP 503',
        kind: 'http',
        status: 503,
      },
    });
  });

  it('still answers when the cache service is down', async () => {
    const cache = new CoalescingCache(sharedCache({ broken: true }));
    const read = await cache.read('k', 30_000, async () => 'v');
    expect(read.result).toEqual({ ok: true, value: 'v' });
  });

  it('reads again on a forced refresh', async () => {
    const cache = new CoalescingCache(sharedCache());
    const load = jest.fn(async () => 1);
    await cache.read('k', 30_000, load);
    await cache.read('k', 30_000, load, { force: true });
    expect(load).toHaveBeenCalledTimes(2);
  });

  describe('across replicas', () => {
    it('reads a cold key once, and the other replica waits for that read', async () => {
      const shared = sharedCache();
      const slots = sharedSlots(Date.now);
      const load = jest.fn(async () => {
        await new Promise(resolve => setTimeout(resolve, 300));
        return 'value';
      });
      const [a, b] = [
        new CoalescingCache(shared, Date.now, slots),
        new CoalescingCache(shared, Date.now, slots),
      ];
      const reads = await Promise.all([
        a.read('k', 10_000, load),
        b.read('k', 10_000, load),
      ]);
      expect(load).toHaveBeenCalledTimes(1);
      expect(reads.map(read => read.result)).toEqual([
        { ok: true, value: 'value' },
        { ok: true, value: 'value' },
      ]);
    });

    it('serves the stale answer while another replica holds the slot, and reads once per slot', async () => {
      let now = 0;
      const clock = () => now;
      const shared = sharedCache();
      const slots = sharedSlots(clock);
      const a = new CoalescingCache(shared, clock, slots);
      const b = new CoalescingCache(shared, clock, slots);
      let value = 0;
      const load = jest.fn(async () => ++value);
      await a.read('k', 10_000, load);

      // The scheduled refresh is late: the first request past the TTL reads, the other replica
      // (and the refresh when it comes) find that read.
      now = 10_500;
      const first = await b.read('k', 10_000, load);
      expect(first.result).toEqual({ ok: true, value: 2 });
      const refresh = await a.read('k', 10_000, load, { force: true });
      expect(refresh.result).toEqual({ ok: true, value: 2 });
      expect(load).toHaveBeenCalledTimes(2);

      // While one replica reads (it holds the slot), another that finds the answer stale serves
      // it as it is instead of reading too.
      now = 21_000;
      let finish: (v: number) => void = () => {};
      const slow = jest.fn(() => new Promise<number>(r => (finish = r)));
      const refreshing = a.read('k', 10_000, slow, { force: true });
      for (let i = 0; i < 20 && slow.mock.calls.length === 0; i++) {
        await new Promise(resolve => setImmediate(resolve));
      }
      expect(slow).toHaveBeenCalledTimes(1);
      now = 21_100;
      const c = new CoalescingCache(shared, clock, slots);
      expect((await c.read('k', 10_000, load)).readAt).toBe(10_500);
      finish(3);
      expect((await refreshing).result).toEqual({ ok: true, value: 3 });
      // c's own copy is stale too: it is served once more while c fetches the new read.
      expect((await c.read('k', 10_000, load)).readAt).toBe(10_500);
      for (let i = 0; i < 20; i++) {
        await new Promise(resolve => setImmediate(resolve));
      }
      expect((await c.read('k', 10_000, load)).readAt).toBe(21_100);
      expect(load).toHaveBeenCalledTimes(2);
    });

    it('reads itself when the replica holding the slot never delivers', async () => {
      const shared = sharedCache();
      const taken: ReadSlots = { claim: async () => false };
      const cache = new CoalescingCache(shared, Date.now, taken);
      const read = await cache.read('k', 10_000, async () => 'mine', {
        waitMs: 250,
      });
      expect(read.result).toEqual({ ok: true, value: 'mine' });
    });

    it('reads when the slot store fails, as a single replica would', async () => {
      const broken: ReadSlots = {
        claim: async () => {
          throw new Error('database down');
        },
      };
      const cache = new CoalescingCache(sharedCache(), Date.now, broken);
      const read = await cache.read('k', 10_000, async () => 'v');
      expect(read.result).toEqual({ ok: true, value: 'v' });
    });
  });
});
