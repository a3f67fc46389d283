import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterStatus,
  KubernetesView,
  SourceError,
  StoresRead,
  StoreEndpoint,
  ThanosInstanceSummary,
  judgeCompactor,
  judgeSidecar,
  matchesLabelSet,
} from '@thanos-backstage/plugin-thanos-common';
import {
  InvalidObserveeKeyError,
  ThanosInstance,
} from '../client/ThanosInstance';
import type { CachedRead } from './CoalescingCache';
import type { InsideViewReader } from './InsideViewReader';
import { expectedSidecarAddress, joinInsideView } from './joinInsideView';
import { ObserveeDirectory } from './ObserveeDirectory';
import {
  compactorObservation,
  partialResponseFinding,
  sidecarObservation,
  storesRead,
} from './observations';
import {
  ObserveeTarget,
  noInstancesConfigured,
  observeeTargetOf,
  resolveInstanceName,
} from './observeeTarget';
import { MetricsSnapshot, ThanosFacts } from './ThanosFacts';

/** Judgements kept for warm requests: one per entity, so this bounds only catalog churn. */
const MAX_JUDGEMENTS = 10_000;

interface Judgement {
  factsKey: string;
  judgedAt: number;
  status: ClusterStatus;
}

/** What the TLS querier read contributed; `fact` identifies it in the judgement memo. */
interface TlsQuerierFact {
  stores: StoresRead | null;
  readAt?: number;
  fact: number | 'not-configured' | 'direct' | 'invalid-key';
  errors: SourceError[];
}

interface InsideViewFact {
  view?: KubernetesView;
  errors: SourceError[];
  readAt?: number;
  fact: number | 'absent';
}

export interface ThanosStatusServiceOptions {
  instances: ThanosInstance[];
  facts: ThanosFacts;
  directory: ObserveeDirectory;
  catalog: CatalogService;
  logger: LoggerService;
  /**
   * The inside view reader: the one a module set through the extension point, else the one built
   * from `kubernetes.clusterLocatorMethods`; undefined when there is neither.
   */
  insideView: () => InsideViewReader | undefined;
  clock?: () => number;
}

/**
 * Answers "is this cluster's sidecar reachable and is its compactor healthy?" for catalog
 * entities (DESIGN §5). Gathers the facts (shared and cached, see {@link ThanosFacts}), hands them
 * to the pure rules of thanos-common and reports every source it could not read in `errors[]`:
 * one failing source never fails the answer.
 */
export class ThanosStatusService {
  private readonly instances: Map<string, ThanosInstance>;
  private readonly clock: () => number;
  private readonly judged = new Map<string, Judgement>();

  constructor(private readonly options: ThanosStatusServiceOptions) {
    this.instances = new Map(options.instances.map(i => [i.name, i]));
    this.clock = options.clock ?? Date.now;
  }

  get instanceNames(): string[] {
    return [...this.instances.keys()];
  }

  async entityStatus(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<ClusterStatus> {
    if (this.instances.size === 0) throw noInstancesConfigured();
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `Entity ${ref.kind}:${ref.namespace}/${ref.name} not found in the catalog`,
      );
    }
    return this.statusOf(observeeTargetOf(entity, this.instanceNames));
  }

  /** Every observee of one instance that the caller may see in the catalog. */
  async fleetStatus(
    instanceName: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<ClusterStatus[]> {
    const instance = resolveInstanceName(
      instanceName,
      this.instanceNames,
      'the instance query parameter',
    );
    const entities = await this.options.directory.entities(credentials);
    const targets = entities
      .map(entity => this.usableTarget(entity))
      .filter(
        (target): target is ObserveeTarget => target?.instance === instance,
      );
    return Promise.all(targets.map(target => this.statusOf(target)));
  }

  async instanceSummaries(): Promise<ThanosInstanceSummary[]> {
    if (this.instances.size === 0) throw noInstancesConfigured();
    return Promise.all(
      [...this.instances.values()].map(async instance => {
        const read = await this.options.facts.buildInfo(instance);
        return {
          name: instance.name,
          reachable: read.result.ok,
          version: read.result.ok ? read.result.value.version : null,
          checkedAt: new Date(read.readAt).toISOString(),
          ...(read.result.ok ? {} : { error: read.result.error.message }),
        };
      }),
    );
  }

  /**
   * Reads (or joins reads of) the instance's stores and metrics, warming the cache. Used by the
   * scheduled background refresh so that user requests find fresh facts.
   */
  async refreshInstance(name: string): Promise<void> {
    const instance = this.instances.get(name);
    if (!instance) return;
    const labels = await this.options.directory.groupingLabels(name);
    const [central] = await Promise.all([
      this.options.facts.centralStores(instance, { force: true }),
      labels.length > 0
        ? this.options.facts.metrics(instance, labels, { force: true })
        : undefined,
    ]);
    await this.refreshTlsQueriers(instance, central);
  }

  /**
   * The TLS querier reads the requests would make, made here by the one replica that runs the
   * scheduled refresh, so that replicas do not each read them when they find them stale at once.
   */
  private async refreshTlsQueriers(
    instance: ThanosInstance,
    central: CachedRead<StoreEndpoint[]>,
  ): Promise<void> {
    if (!instance.hasTlsQuerier) return;
    let entities: Entity[];
    try {
      entities = await this.options.directory.allEntities();
    } catch (error) {
      this.options.logger.warn(
        `Thanos refresh of ${instance.name}: could not list catalog entities: ${
          (error as Error).message
        }`,
      );
      return;
    }
    const keys = new Set(
      entities
        .map(entity => this.usableTarget(entity))
        .filter(
          (target): target is ObserveeTarget =>
            target?.instance === instance.name &&
            !showsHealthyDirectSidecar(central, target),
        )
        .map(target => target.observeeKey),
    );
    await Promise.all(
      [...keys].map(key =>
        this.options.facts
          .tlsQuerierStores(instance, key, { force: true })
          .catch(() => undefined),
      ),
    );
  }

  private usableTarget(entity: Entity): ObserveeTarget | undefined {
    try {
      return observeeTargetOf(entity, this.instanceNames);
    } catch (error) {
      this.options.logger.debug(
        `Skipping entity in the Thanos fleet: ${(error as Error).message}`,
      );
      return undefined;
    }
  }

  private async statusOf(target: ObserveeTarget): Promise<ClusterStatus> {
    const instance = this.instances.get(target.instance)!;
    const { facts } = this.options;
    const labels = mergeLabels(
      await this.options.directory.groupingLabels(instance.name),
      target.externalLabels.map(matcher => matcher.name),
    );

    // The central read decides whether the TLS querier is needed; it is shared and cached, so
    // waiting for it first costs a warm request nothing.
    const centralRead = facts.centralStores(instance);
    const [central, metrics, tlsQuerier, inside] = await Promise.all([
      centralRead,
      facts.metrics(instance, labels),
      centralRead.then(read => this.readTlsQuerier(instance, target, read)),
      this.readInsideView(instance, target),
    ]);

    // A warm request finds the judgement of these very facts: a lookup instead of judging again.
    const targetKey = JSON.stringify([
      target.entityRef,
      target.instance,
      target.observeeKey,
      target.externalLabels,
      target.kubernetesCluster ?? null,
    ]);
    const factsKey = JSON.stringify([
      labels,
      central.readAt,
      metrics.readAt,
      tlsQuerier.fact,
      inside.fact,
    ]);
    const memo = this.judged.get(targetKey);
    if (
      memo &&
      memo.factsKey === factsKey &&
      this.clock() - memo.judgedAt < facts.ttlOf(instance)
    ) {
      return memo.status;
    }

    const status = this.judge({
      instance,
      target,
      central,
      metrics,
      tlsQuerier,
      inside,
    });
    this.remember(targetKey, { factsKey, judgedAt: this.clock(), status });
    return status;
  }

  private judge(input: {
    instance: ThanosInstance;
    target: ObserveeTarget;
    central: CachedRead<StoreEndpoint[]>;
    metrics: CachedRead<MetricsSnapshot>;
    tlsQuerier: TlsQuerierFact;
    inside: InsideViewFact;
  }): ClusterStatus {
    const { instance, target, central, metrics, tlsQuerier, inside } = input;
    const errors: SourceError[] = [
      ...tlsQuerier.errors,
      ...failure(central, 'thanos-query', instance.name),
      ...failure(metrics, 'promql', instance.name),
      ...inside.errors,
    ];

    const now = this.clock();
    const expectedAddress = expectedSidecarAddress(
      tlsQuerier.stores?.ok ? tlsQuerier.stores.endpoints : null,
    );
    let sidecar = judgeSidecar({
      ...sidecarObservation({
        now,
        target,
        central,
        tlsQuerier: tlsQuerier.stores,
        metrics,
        view: inside.view,
      }),
      ...(expectedAddress ? { expectedSidecarAddress: expectedAddress } : {}),
    });
    let compactor = judgeCompactor(
      compactorObservation({ now, target, metrics, view: inside.view }),
    );
    if (inside.view) {
      ({ sidecar, compactor } = joinInsideView({
        sidecar,
        compactor,
        view: inside.view,
        errors: inside.errors,
      }));
    }
    if (metrics.result.ok) {
      const partial = partialResponseFinding(metrics.result.value.warnings);
      sidecar.findings.push(...partial);
      compactor.findings.push(...partial);
    }

    const readTimes = [central.readAt, metrics.readAt];
    if (tlsQuerier.readAt !== undefined) readTimes.push(tlsQuerier.readAt);
    if (inside.readAt !== undefined) readTimes.push(inside.readAt);
    return {
      entityRef: target.entityRef,
      instance: instance.name,
      observeeKey: target.observeeKey,
      externalLabels: target.externalLabels,
      // The oldest fact the answer rests on: cached facts make it older than the request.
      checkedAt: new Date(Math.min(...readTimes)).toISOString(),
      sidecar,
      compactor,
      ...(inside.view ? { kubernetes: inside.view } : {}),
      errors,
    };
  }

  private remember(targetKey: string, judgement: Judgement) {
    // One entry per entity; the cap only guards against entities churning in the catalog.
    if (this.judged.size >= MAX_JUDGEMENTS && !this.judged.has(targetKey)) {
      this.judged.delete(this.judged.keys().next().value!);
    }
    this.judged.set(targetKey, judgement);
  }

  /**
   * The observee's TLS querier, read only when it can tell something: not when no route to it is
   * configured, and not when the central query shows a healthy `sidecar` entry with the cluster's
   * labels (a sidecar it dials directly, like the observer's own, has no TLS querier).
   */
  private async readTlsQuerier(
    instance: ThanosInstance,
    target: ObserveeTarget,
    central: CachedRead<StoreEndpoint[]>,
  ): Promise<TlsQuerierFact> {
    if (!instance.hasTlsQuerier) {
      return { stores: null, errors: [], fact: 'not-configured' };
    }
    if (showsHealthyDirectSidecar(central, target)) {
      return { stores: null, errors: [], fact: 'direct' };
    }
    try {
      const read = await this.options.facts.tlsQuerierStores(
        instance,
        target.observeeKey,
      );
      return {
        stores: storesRead(read),
        readAt: read.readAt,
        fact: read.readAt,
        errors: failure(
          read,
          'tls-querier',
          `${instance.name} TLS querier ${target.observeeKey}`,
        ),
      };
    } catch (error) {
      if (!(error instanceof InvalidObserveeKeyError)) throw error;
      return {
        stores: { ok: false, error: error.message },
        fact: 'invalid-key',
        errors: [
          {
            source: 'config',
            target: `${instance.name} TLS querier`,
            message: error.message,
          },
        ],
      };
    }
  }

  private async readInsideView(
    instance: ThanosInstance,
    target: ObserveeTarget,
  ): Promise<InsideViewFact> {
    const reader = this.options.insideView();
    if (!reader || !target.kubernetesCluster) {
      return { errors: [], fact: 'absent' };
    }
    const read = await this.options.facts.insideView(instance, reader, {
      cluster: target.kubernetesCluster,
      observeeKey: target.observeeKey,
      externalLabels: target.externalLabels,
    });
    if (!read.result.ok) {
      return {
        readAt: read.readAt,
        fact: read.readAt,
        errors: [
          {
            source: 'kubernetes',
            target: target.kubernetesCluster,
            message: read.result.error.message,
          },
        ],
      };
    }
    const { view, errors } = read.result.value;
    return {
      ...(view ? { view } : {}),
      errors,
      readAt: read.readAt,
      fact: read.readAt,
    };
  }
}

function showsHealthyDirectSidecar(
  central: CachedRead<StoreEndpoint[]>,
  target: ObserveeTarget,
): boolean {
  return (
    central.result.ok &&
    central.result.value.some(
      endpoint =>
        endpoint.type === 'sidecar' &&
        endpoint.lastError === null &&
        endpoint.labelSets.some(labelSet =>
          matchesLabelSet(target.externalLabels, labelSet),
        ),
    )
  );
}

function failure(
  read: CachedRead<unknown>,
  source: SourceError['source'],
  target: string,
): SourceError[] {
  if (read.result.ok) return [];
  const { message, status } = read.result.error;
  return [{ source, target, message, ...(status ? { status } : {}) }];
}

function mergeLabels(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
