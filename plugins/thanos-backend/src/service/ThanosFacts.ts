import type {
  KubernetesView,
  SourceError,
  StoreEndpoint,
} from '@thanos-backstage/plugin-thanos-common';
import { parseStoresText } from '../client/parseStores';
import { boundedEndpoint, boundedJson } from '../client/upstreamText';
import { ThanosInstance, assertObserveeKey } from '../client/ThanosInstance';
import type { ThanosBuildInfo } from '../client/ThanosQueryClient';
import type { KubernetesClusterRegistry } from '../kubernetes/KubernetesClusterRegistry';
import { readTlsQuerierStoresViaProxy } from '../kubernetes/tlsQuerierProxy';
import { CachedRead, CoalescingCache } from './CoalescingCache';
import type {
  InsideViewReader,
  InsideViewRequest,
} from '@thanos-backstage/plugin-thanos-node';
import { BatchSeries, buildBatchQuery, splitBatchResult } from './promqlBatch';

/** The batched PromQL answer of one instance, as cached. */
export interface MetricsSnapshot {
  series: BatchSeries;
  /** The envelope's `warnings`, e.g. stores that failed during a partial response. */
  warnings: string[];
}

/** The inside view of one observee as cached: the view (when anything was read) and what failed. */
export interface InsideViewSnapshot {
  view?: KubernetesView;
  errors: SourceError[];
}

/** A failed read of a TLS querier through the service proxy; the message names cluster and RBAC rule. */
class TlsQuerierProxyError extends Error {
  readonly status?: number;
  constructor(error: SourceError) {
    super(error.message);
    this.name = 'TlsQuerierProxyError';
    if (error.status !== undefined) this.status = error.status;
  }
}

/** At most this many TLS queriers of one instance are read at the same time (fleet, cold cache). */
export const TLS_QUERIER_CONCURRENCY = 16;
/**
 * At most this many entity-specific PromQL queries of one instance run at the same time, so many
 * entities with unusual label names cannot flood Thanos; each still has the instance's timeout.
 */
export const OWN_QUERY_CONCURRENCY = 4;

/**
 * How long a request waits for another replica's read of the same fact: one upstream call's
 * timeout and a second for the cache round trips, after which it reads itself.
 */
function waitMsOf(instance: ThanosInstance): number {
  return instance.config.timeoutMs + 1_000;
}

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

function limitOf(
  limits: Map<string, ConcurrencyLimit>,
  name: string,
  size: number,
): ConcurrencyLimit {
  let limit = limits.get(name);
  if (!limit) {
    limit = new ConcurrencyLimit(size);
    limits.set(name, limit);
  }
  return limit;
}

/**
 * The upstream facts of every instance, each read through the shared cache: per instance and
 * refresh interval one `/api/v1/stores`, one batched PromQL query and one build-info call; per
 * observee one read of its TLS querier. Entities and requests never add upstream calls.
 */
export class ThanosFacts {
  private readonly tlsLimits = new Map<string, ConcurrencyLimit>();
  private readonly ownQueryLimits = new Map<string, ConcurrencyLimit>();

  constructor(
    private readonly cache: CoalescingCache,
    private readonly ttlMs: (instance: ThanosInstance) => number,
    /** The configured Kubernetes clusters, for instances that read TLS queriers through them. */
    private readonly kubernetes?: KubernetesClusterRegistry,
  ) {}

  /** How long the facts of this instance stay fresh, in milliseconds. */
  ttlOf(instance: ThanosInstance): number {
    return this.ttlMs(instance);
  }

  centralStores(
    instance: ThanosInstance,
    options: { force?: boolean } = {},
  ): Promise<CachedRead<StoreEndpoint[]>> {
    return this.cache.read(
      `v1:stores:${instance.name}`,
      this.ttlMs(instance),
      () => instance.query.getStores(),
      { ...options, waitMs: waitMsOf(instance) },
    );
  }

  /**
   * The batched PromQL answer grouped by `groupingLabels`: the instance's configured labels (the
   * query every entity shares), or, with `own`, an entity's own label names, read under
   * {@link OWN_QUERY_CONCURRENCY}. Either way the query text depends on label names alone.
   */
  metrics(
    instance: ThanosInstance,
    groupingLabels: string[],
    options: { force?: boolean; own?: boolean } = {},
  ): Promise<CachedRead<MetricsSnapshot>> {
    const load = async () => {
      const { samples, warnings } = await instance.query.query(
        buildBatchQuery(groupingLabels),
      );
      return { series: splitBatchResult(samples), warnings };
    };
    const gate = options.own
      ? limitOf(this.ownQueryLimits, instance.name, OWN_QUERY_CONCURRENCY)
      : undefined;
    return this.cache.read(
      `v1:metrics:${instance.name}:${groupingLabels.join(',')}`,
      this.ttlMs(instance),
      gate ? () => gate.run(load) : load,
      { force: options.force, waitMs: waitMsOf(instance) },
    );
  }

  /**
   * The observee TLS querier's own `/api/v1/stores`, through the instance's URL template or the
   * observer cluster's service proxy. Throws `InvalidObserveeKeyError` for a key that is not a
   * DNS label, before anything is called: the key only ever fills one label of a configured name.
   */
  tlsQuerierStores(
    instance: ThanosInstance,
    observeeKey: string,
    options: { force?: boolean } = {},
  ): Promise<CachedRead<StoreEndpoint[]>> {
    assertObserveeKey(observeeKey);
    const gate = limitOf(
      this.tlsLimits,
      instance.name,
      TLS_QUERIER_CONCURRENCY,
    );
    return this.cache.read(
      `v1:tls-querier:${instance.name}:${observeeKey}`,
      this.ttlMs(instance),
      () => gate.run(() => this.loadTlsQuerierStores(instance, observeeKey)),
      { ...options, waitMs: waitMsOf(instance) },
    );
  }

  /**
   * The Kubernetes inside view of one observee, shared like every other fact: one read of its
   * cluster per refresh interval, however many requests ask.
   */
  insideView(
    instance: ThanosInstance,
    reader: InsideViewReader,
    request: InsideViewRequest,
  ): Promise<CachedRead<InsideViewSnapshot>> {
    return this.cache.read(
      `v1:inside-view:${request.cluster}:${
        request.observeeKey
      }:${JSON.stringify(request.externalLabels)}`,
      this.ttlMs(instance),
      async () => {
        const { view, errors } = await reader.read(request);
        return boundedJson({ ...(view ? { view } : {}), errors });
      },
      { waitMs: waitMsOf(instance) },
    );
  }

  private async loadTlsQuerierStores(
    instance: ThanosInstance,
    observeeKey: string,
  ): Promise<StoreEndpoint[]> {
    const route = instance.config.tlsQuerierKubernetes;
    if (!route) return instance.tlsQuerier(observeeKey).getStores();
    if (!this.kubernetes) {
      // readThanosConfig checks the cluster is configured, so this is a wiring mistake.
      throw new Error(
        `instance ${instance.name} reads TLS queriers through Kubernetes cluster ${route.cluster}, but no Kubernetes clusters are configured`,
      );
    }
    const read = await readTlsQuerierStoresViaProxy(
      this.kubernetes.get(route.cluster),
      observeeKey,
      {
        namespace: route.namespace,
        serviceTemplate: route.serviceTemplate,
        port: route.port,
        timeoutMs: instance.config.timeoutMs,
      },
    );
    if (!read.ok) throw new TlsQuerierProxyError(read.error);
    return parseStoresText(read.text).map(endpoint =>
      boundedEndpoint(endpoint, instance.query.redactor),
    );
  }

  buildInfo(instance: ThanosInstance): Promise<CachedRead<ThanosBuildInfo>> {
    return this.cache.read(
      `v1:buildinfo:${instance.name}`,
      this.ttlMs(instance),
      async () => ({ ...(await instance.query.buildInfo()) }),
      { waitMs: waitMsOf(instance) },
    );
  }
}
