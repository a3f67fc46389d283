import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterStatus,
  ThanosInstanceSummary,
  UnclaimedLabelSet,
  unclaimedLabelSets,
} from '@thanos-backstage/plugin-thanos-common';
import type { InsideViewReader } from '@thanos-backstage/plugin-thanos-node';
import type { ThanosInstance } from '../client/ThanosInstance';
import { readInsideViewFact } from './insideViewFact';
import { InstanceRefresh } from './InstanceRefresh';
import { JudgementMemo } from './JudgementMemo';
import { ObserveeFacts, judgeObservee } from './judgeObservee';
import { ObserveeDirectory } from './ObserveeDirectory';
import {
  ObserveeTarget,
  noInstancesConfigured,
  observeeTargetOf,
  observeeTargetsOf,
  resolveInstanceName,
} from './observeeTarget';
import { queryLabelsFor } from './promqlBatch';
import { ThanosFacts } from './ThanosFacts';
import { readTlsQuerierFact } from './tlsQuerierFact';

export interface ThanosStatusServiceOptions {
  instances: ThanosInstance[];
  facts: ThanosFacts;
  directory: ObserveeDirectory;
  catalog: CatalogService;
  logger: LoggerService;
  /**
   * The inside view reader the extension point's factory chose (by default the one built from
   * `kubernetes.clusterLocatorMethods`); undefined when there is none.
   */
  insideView: () => InsideViewReader | undefined;
  clock?: () => number;
}

/**
 * Answers "is this cluster's sidecar reachable and is its compactor healthy?" for catalog
 * entities (docs/architecture.md, "How a status is made"). Gathers the facts (shared and cached,
 * see {@link ThanosFacts}), has them judged by {@link judgeObservee} and reports every source it
 * could not read in `errors[]`: one failing source never fails the answer.
 */
export class ThanosStatusService {
  private readonly instances: Map<string, ThanosInstance>;
  private readonly clock: () => number;
  private readonly memo: JudgementMemo;
  /** The background refresh of each instance's facts; the scheduled task calls it. */
  readonly refresh: InstanceRefresh;

  constructor(private readonly options: ThanosStatusServiceOptions) {
    this.instances = new Map(options.instances.map(i => [i.name, i]));
    this.clock = options.clock ?? Date.now;
    this.memo = new JudgementMemo(this.clock);
    this.refresh = new InstanceRefresh({
      instances: this.instances,
      facts: options.facts,
      directory: options.directory,
      logger: options.logger,
    });
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
    const targets = await this.fleetTargets(instanceName, credentials);
    return Promise.all(targets.map(target => this.statusOf(target)));
  }

  /**
   * What the instance's Thanos Query serves that no catalog entity the caller can see claims: the
   * clusters Thanos knows and the catalog does not. Read from the shared central store list.
   */
  async unclaimedClusters(
    instanceName: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<UnclaimedLabelSet[]> {
    const name = this.requestedInstance(instanceName);
    const [central, targets] = await Promise.all([
      this.options.facts.centralStores(this.instances.get(name)!),
      this.fleetTargets(name, credentials),
    ]);
    if (!central.result.ok) {
      throw new ServiceUnavailableError(central.result.error.message);
    }
    return unclaimedLabelSets(
      central.result.value,
      targets.map(target => target.externalLabels),
    );
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

  /** See {@link InstanceRefresh.refreshInstance}. */
  refreshInstance(name: string): Promise<void> {
    return this.refresh.refreshInstance(name);
  }

  private requestedInstance(instanceName: string | undefined): string {
    return resolveInstanceName(
      instanceName,
      this.instanceNames,
      'the instance query parameter',
    );
  }

  private async fleetTargets(
    instanceName: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<ObserveeTarget[]> {
    const instance = this.requestedInstance(instanceName);
    const entities = await this.options.directory.entities(credentials);
    return observeeTargetsOf(
      entities,
      this.instanceNames,
      instance,
      this.options.logger,
    );
  }

  private async statusOf(target: ObserveeTarget): Promise<ClusterStatus> {
    const instance = this.instances.get(target.instance)!;
    const { facts } = this.options;
    // The shared batched query, or one of the entity's own when its matchers use other labels:
    // nothing an entity writes changes the query other entities are judged from.
    const query = queryLabelsFor(
      target.externalLabels,
      instance.groupingLabels,
    );

    // The central read decides whether the TLS querier is needed; it is shared and cached, so
    // waiting for it first costs a warm request nothing.
    const centralRead = facts.centralStores(instance);
    const [central, metrics, tlsQuerier, inside] = await Promise.all([
      centralRead,
      facts.metrics(instance, query.labels, { own: !query.shared }),
      centralRead.then(read =>
        readTlsQuerierFact(facts, instance, target, read),
      ),
      readInsideViewFact(facts, this.options.insideView(), instance, target),
    ]);
    const observee: ObserveeFacts = {
      instanceName: instance.name,
      target,
      central,
      metrics,
      tlsQuerier,
      inside,
    };

    // A warm request finds the judgement of these very facts.
    const key = JudgementMemo.keyOf(observee, query.labels);
    const memo = this.memo.lookup(key, facts.ttlOf(instance));
    if (memo) return memo;
    const status = judgeObservee(observee, this.clock());
    this.memo.remember(key, status);
    return status;
  }
}
