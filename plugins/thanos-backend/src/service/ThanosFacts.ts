import type { StoreEndpoint } from '@thanos-backstage/plugin-thanos-common';
import type { ThanosInstance } from '../client/ThanosInstance';
import type { ThanosBuildInfo } from '../client/ThanosQueryClient';
import { CachedRead, CoalescingCache } from './CoalescingCache';
import { BatchSeries, buildBatchQuery, splitBatchResult } from './promqlBatch';

/** The batched PromQL answer of one instance, as cached. */
export interface MetricsSnapshot {
  series: BatchSeries;
  /** The envelope's `warnings`, e.g. stores that failed during a partial response. */
  warnings: string[];
}

/** At most this many TLS queriers of one instance are read at the same time (fleet, cold cache). */
export const TLS_QUERIER_CONCURRENCY = 16;

/** Runs at most `size` tasks at once; the others wait in order. */
class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * The upstream facts of every instance, each read through the shared cache: per instance and
 * refresh interval one `/api/v1/stores`, one batched PromQL query and one build-info call; per
 * observee one read of its TLS querier. Entities and requests never add upstream calls.
 */
export class ThanosFacts {
  private readonly tlsLimits = new Map<string, ConcurrencyLimit>();

  constructor(
    private readonly cache: CoalescingCache,
    private readonly ttlMs: (instance: ThanosInstance) => number,
  ) {}

  centralStores(
    instance: ThanosInstance,
    options: { force?: boolean } = {},
  ): Promise<CachedRead<StoreEndpoint[]>> {
    return this.cache.read(
      `v1:stores:${instance.name}`,
      this.ttlMs(instance),
      () => instance.query.getStores(),
      options,
    );
  }

  metrics(
    instance: ThanosInstance,
    groupingLabels: string[],
    options: { force?: boolean } = {},
  ): Promise<CachedRead<MetricsSnapshot>> {
    return this.cache.read(
      `v1:metrics:${instance.name}:${groupingLabels.join(',')}`,
      this.ttlMs(instance),
      async () => {
        const { samples, warnings } = await instance.query.query(
          buildBatchQuery(groupingLabels),
        );
        return { series: splitBatchResult(samples), warnings };
      },
      options,
    );
  }

  /** The observee TLS querier's own `/api/v1/stores`. The key must already be a DNS label. */
  tlsQuerierStores(
    instance: ThanosInstance,
    observeeKey: string,
  ): Promise<CachedRead<StoreEndpoint[]>> {
    const client = instance.tlsQuerier(observeeKey);
    let limit = this.tlsLimits.get(instance.name);
    if (!limit) {
      limit = new ConcurrencyLimit(TLS_QUERIER_CONCURRENCY);
      this.tlsLimits.set(instance.name, limit);
    }
    const gate = limit;
    return this.cache.read(
      `v1:tls-querier:${instance.name}:${observeeKey}`,
      this.ttlMs(instance),
      () => gate.run(() => client.getStores()),
    );
  }

  buildInfo(instance: ThanosInstance): Promise<CachedRead<ThanosBuildInfo>> {
    return this.cache.read(
      `v1:buildinfo:${instance.name}`,
      this.ttlMs(instance),
      async () => ({ ...(await instance.query.buildInfo()) }),
    );
  }
}
