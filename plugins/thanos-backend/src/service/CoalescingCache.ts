import type { CacheService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import { ThanosRequestError } from '../client/ThanosRequestError';

const MAX_LOCAL_ENTRIES = 10_000;
/**
 * A cache-service call (Redis) that takes longer than this counts as a miss (get) or is dropped
 * (set): a hung cache connection must not hang the answers, which would otherwise all wait on
 * the same in-flight read.
 */
export const CACHE_CALL_TIMEOUT_MS = 500;
/** A read older than its TTL is still served, up to this many TTLs, while its refresh runs. */
const SERVE_STALE_FOR_TTLS = 2;

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

/**
 * Makes every upstream read shared: a fresh answer in the cache service (shared by all backend
 * replicas when it is Redis) is reused until its TTL passes, and concurrent callers asking for the
 * same key while it is being read wait for the same promise — so 200 requests on a cold cache
 * cost one upstream call. Failures are cached too, so a dead instance is asked once per TTL, not
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
  ) {}

  /**
   * The cached read for `key` when younger than `ttlMs`, otherwise a new one from `load`; `T`
   * must be plain JSON (it is stored in the cache service).
   * `force` skips the cache lookup (background refresh) but still joins a read in flight.
   */
  read<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
    options: { force?: boolean } = {},
  ): Promise<CachedRead<T>> {
    const force = options.force ?? false;
    const local = this.local.get(key);
    if (!force && local && this.isFresh(local, ttlMs)) {
      return Promise.resolve(local);
    }
    let pending = this.inFlight.get(key);
    if (!pending) {
      const promise = this.readThrough(key, ttlMs, load, force);
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
    force: boolean,
  ): Promise<CachedRead<T>> {
    if (!force) {
      const cached = (await withTimeout(
        this.cache.get(key).catch(() => undefined),
      )) as CachedRead<T> | undefined;
      if (cached && this.isFresh(cached, ttlMs)) return cached;
    }
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
        .set(key, read as unknown as JsonValue, { ttl: ttlMs })
        .catch(() => undefined),
    );
    return read;
  }
}

/** Resolves to the promise's value, or to undefined once {@link CACHE_CALL_TIMEOUT_MS} passed. */
function withTimeout<T>(promise: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>(resolve => {
    timer = setTimeout(() => resolve(undefined), CACHE_CALL_TIMEOUT_MS);
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
