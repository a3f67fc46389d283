import type { CacheService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import { ThanosRequestError } from '../client/ThanosRequestError';
import { ReadSlots, UNSHARED_READ_SLOTS } from './ReadSlots';

const MAX_LOCAL_ENTRIES = 10_000;
/**
 * A cache-service call (Redis) that takes longer than this counts as a miss (get) or is dropped
 * (set): a hung cache connection must not hang the answers, which would otherwise all wait on
 * the same in-flight read.
 */
export const CACHE_CALL_TIMEOUT_MS = 500;
/** A read older than its TTL is still served, up to this many TTLs, while its refresh runs. */
const SERVE_STALE_FOR_TTLS = 2;
/** The shared cache keeps a read this many TTLs, so that a stale read outlives a late refresh. */
const KEEP_FOR_TTLS = SERVE_STALE_FOR_TTLS + 1;
/**
 * A read slot lasts this fraction of the TTL: a refresh scheduled once per TTL finds the previous
 * slot over even when it runs a little early, and no two slots of a key start within 0.9 TTL.
 */
const SLOT_FRACTION = 0.9;
/** How often a replica waiting for another replica's read looks for it in the shared cache. */
const POLL_MS = 100;
/** How often such a replica tries to take the slot over, in case the reader stopped. */
const RECLAIM_MS = 1_000;

/** A failed read as it is cached: plain JSON, no credentials (messages are redacted upstream). */
export interface ReadFailure {
  message: string;
  kind?: string;
  status?: number;
}

/** The outcome of one upstream read and when it happened; shared through the cache service. */
export interface CachedRead<T> {
  /** Epoch ms when the upstream answered (or failed). */
  readAt: number;
  result: { ok: true; value: T } | { ok: false; error: ReadFailure };
}

/** Options of one {@link CoalescingCache.read}. */
export interface ReadOptions {
  /** Read upstream even when the cache holds a fresh answer (the scheduled refresh). */
  force?: boolean;
  /**
   * How long to wait for another replica's read of the same key before reading anyway; the
   * upstream call's own timeout is a good value. Defaults to the TTL.
   */
  waitMs?: number;
}

/**
 * Makes every upstream read shared: a fresh answer in the cache service (shared by all backend
 * replicas when it is Redis) is reused until its TTL passes, and concurrent callers asking for the
 * same key while it is being read wait for the same promise — so 200 requests on a cold cache
 * cost one upstream call. Across replicas, a read slot (see {@link ReadSlots}) decides which one
 * reads a key that is missing or stale; the others serve the previous answer or wait for the new
 * one in the shared cache. Failures are cached too, so a dead instance is asked once per TTL, not
 * once per request.
 */
export class CoalescingCache {
  private readonly inFlight = new Map<string, Promise<CachedRead<any>>>();
  /**
   * The last read of each key held by this process, so a warm request does not deserialise the
   * whole store list and metrics batch from the cache service again. It only ever holds copies
   * of what is in the shared cache and obeys the same TTL, so replicas never depend on it.
   */
  private readonly local = new Map<string, CachedRead<any>>();

  constructor(
    private readonly cache: CacheService,
    private readonly clock: () => number = Date.now,
    private readonly slots: ReadSlots = UNSHARED_READ_SLOTS,
  ) {}

  /**
   * The cached read for `key` when younger than `ttlMs`, otherwise a new one from `load`; `T`
   * must be plain JSON (it is stored in the cache service).
   * `force` reads even when the cached answer is fresh (background refresh), unless another
   * replica holds the read slot; it still joins a read in flight.
   */
  read<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
    options: ReadOptions = {},
  ): Promise<CachedRead<T>> {
    const force = options.force ?? false;
    const local = this.local.get(key);
    if (!force && local && this.isFresh(local, ttlMs)) {
      return Promise.resolve(local);
    }
    let pending = this.inFlight.get(key);
    if (!pending) {
      const promise = this.readThrough(key, ttlMs, load, {
        force,
        waitMs: options.waitMs ?? ttlMs,
      });
      this.inFlight.set(key, promise);
      promise.then(
        read => {
          this.inFlight.delete(key);
          this.remember(key, read);
        },
        () => this.inFlight.delete(key),
      );
      pending = promise;
    }
    // While the refresh runs (a slow upstream can take seconds), callers get the previous
    // answer; its `readAt` says how old it is, and the next request finds the new one.
    if (!force && local && this.isFresh(local, ttlMs * SERVE_STALE_FOR_TTLS)) {
      return Promise.resolve(local);
    }
    return pending;
  }

  private isFresh(read: CachedRead<unknown>, ttlMs: number): boolean {
    return this.clock() - read.readAt < ttlMs;
  }

  private remember(key: string, read: CachedRead<unknown>) {
    // One entry per instance kind and per observee: the cap only guards against key churn.
    if (this.local.size >= MAX_LOCAL_ENTRIES && !this.local.has(key)) {
      this.local.delete(this.local.keys().next().value!);
    }
    this.local.set(key, read);
  }

  private async readThrough<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
    options: { force: boolean; waitMs: number },
  ): Promise<CachedRead<T>> {
    const shared = await this.lookup<T>(key);
    if (!options.force && shared.read && this.isFresh(shared.read, ttlMs)) {
      return shared.read;
    }
    // Without the shared cache no other replica's answer can reach this one: read.
    if (!shared.reachable || (await this.claim(key, ttlMs))) {
      return this.loadAndStore(key, ttlMs, load);
    }
    // Another replica holds the slot: it is reading this key, or read it moments ago.
    if (
      shared.read &&
      (options.force || this.isFresh(shared.read, ttlMs * SERVE_STALE_FOR_TTLS))
    ) {
      return shared.read;
    }
    return this.awaitOtherReplica(key, ttlMs, load, options.waitMs, shared);
  }

  /**
   * Waits until the replica holding the slot has put its read into the shared cache. Takes the
   * slot over when it ends without a read (that replica stopped), and reads anyway once `waitMs`
   * passed, so no answer waits on another process longer than one upstream call would take.
   */
  private async awaitOtherReplica<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
    waitMs: number,
    before: { read?: CachedRead<T> },
  ): Promise<CachedRead<T>> {
    const deadline = Date.now() + waitMs;
    let nextClaim = Date.now() + RECLAIM_MS;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const { read } = await this.lookup<T>(key);
      if (read && (!before.read || read.readAt > before.read.readAt)) {
        return read;
      }
      if (Date.now() >= nextClaim) {
        if (await this.claim(key, ttlMs)) break;
        nextClaim = Date.now() + RECLAIM_MS;
      }
    }
    return this.loadAndStore(key, ttlMs, load);
  }

  /** The shared cache's read of `key`, and whether the cache answered at all. */
  private async lookup<T>(
    key: string,
  ): Promise<{ reachable: boolean; read?: CachedRead<T> }> {
    const failed = Symbol('failed');
    const cached = await withTimeout(
      this.cache.get(key).catch(() => failed),
      failed,
    );
    // A cache that fails or does not answer in time is of no use for sharing this read.
    if (cached === failed) return { reachable: false };
    if (cached === undefined) return { reachable: true };
    return { reachable: true, read: cached as unknown as CachedRead<T> };
  }

  /** Whether this replica may read `key` upstream now; a slot store that fails says yes. */
  private async claim(key: string, ttlMs: number): Promise<boolean> {
    try {
      return await this.slots.claim(key, Math.ceil(ttlMs * SLOT_FRACTION));
    } catch {
      return true;
    }
  }

  private async loadAndStore<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
  ): Promise<CachedRead<T>> {
    let read: CachedRead<T>;
    try {
      const value = await load();
      read = { readAt: this.clock(), result: { ok: true, value } };
    } catch (error) {
      read = {
        readAt: this.clock(),
        result: { ok: false, error: toFailure(error) },
      };
    }
    // A cache outage must not turn into failed answers: the read is still returned.
    await withTimeout(
      this.cache
        .set(key, read as unknown as JsonValue, {
          ttl: ttlMs * KEEP_FOR_TTLS,
        })
        .catch(() => undefined),
    );
    return read;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms).unref?.());
}

/** Resolves to the promise's value, or to `fallback` once {@link CACHE_CALL_TIMEOUT_MS} passed. */
function withTimeout<T, F = undefined>(
  promise: Promise<T>,
  fallback?: F,
): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<F>(resolve => {
    timer = setTimeout(() => resolve(fallback as F), CACHE_CALL_TIMEOUT_MS);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function toFailure(error: unknown): ReadFailure {
  if (error instanceof ThanosRequestError) {
    return {
      message: error.message,
      kind: error.kind,
      ...(error.status !== undefined ? { status: error.status } : {}),
    };
  }
  // Other readers (the Kubernetes service proxy) throw errors carrying an HTTP status too.
  const status = (error as { status?: unknown } | null)?.status;
  return {
    message: (error as Error)?.message ?? String(error),
    ...(typeof status === 'number' ? { status } : {}),
  };
}
