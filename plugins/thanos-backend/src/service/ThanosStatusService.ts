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
  ThanosInstanceSummary,
  judgeCompactor,
  judgeSidecar,
} from '@thanos-backstage/plugin-thanos-common';
import {
  InvalidObserveeKeyError,
  ThanosInstance,
} from '../client/ThanosInstance';
import type { CachedRead } from './CoalescingCache';
import type { InsideViewReader } from './InsideViewReader';
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
import { ThanosFacts } from './ThanosFacts';

export interface ThanosStatusServiceOptions {
  instances: ThanosInstance[];
  facts: ThanosFacts;
  directory: ObserveeDirectory;
  catalog: CatalogService;
  logger: LoggerService;
  /** Returns the inside view reader plugged in through the extension point, if any. */
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
    await Promise.all([
      this.options.facts.centralStores(instance, { force: true }),
      labels.length > 0
        ? this.options.facts.metrics(instance, labels, { force: true })
        : undefined,
    ]);
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
    const errors: SourceError[] = [];

    const [central, metrics, tlsQuerier, inside] = await Promise.all([
      facts.centralStores(instance),
      facts.metrics(instance, labels),
      this.readTlsQuerier(instance, target, errors),
      this.readInsideView(target),
    ]);
    errors.push(...failure(central, 'thanos-query', instance.name));
    errors.push(...failure(metrics, 'promql', instance.name));
    errors.push(...inside.errors);

    const now = this.clock();
    const sidecar = judgeSidecar(
      sidecarObservation({
        now,
        target,
        central,
        tlsQuerier: tlsQuerier.stores,
        metrics,
        view: inside.view,
      }),
    );
    const compactor = judgeCompactor(
      compactorObservation({ now, target, metrics, view: inside.view }),
    );
    if (metrics.result.ok) {
      const partial = partialResponseFinding(metrics.result.value.warnings);
      sidecar.findings.push(...partial);
      compactor.findings.push(...partial);
    }

    const readTimes = [central.readAt, metrics.readAt];
    if (tlsQuerier.readAt !== undefined) readTimes.push(tlsQuerier.readAt);
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

  private async readTlsQuerier(
    instance: ThanosInstance,
    target: ObserveeTarget,
    errors: SourceError[],
  ): Promise<{ stores: StoresRead | null; readAt?: number }> {
    if (!instance.hasTlsQuerierTemplate) return { stores: null };
    try {
      const read = await this.options.facts.tlsQuerierStores(
        instance,
        target.observeeKey,
      );
      errors.push(
        ...failure(
          read,
          'tls-querier',
          `${instance.name} TLS querier ${target.observeeKey}`,
        ),
      );
      return { stores: storesRead(read), readAt: read.readAt };
    } catch (error) {
      if (!(error instanceof InvalidObserveeKeyError)) throw error;
      errors.push({
        source: 'config',
        target: `${instance.name} TLS querier`,
        message: error.message,
      });
      return { stores: { ok: false, error: error.message } };
    }
  }

  private async readInsideView(
    target: ObserveeTarget,
  ): Promise<{ view?: KubernetesView; errors: SourceError[] }> {
    const reader = this.options.insideView();
    if (!reader || !target.kubernetesCluster) return { errors: [] };
    try {
      const { view, errors } = await reader.read({
        cluster: target.kubernetesCluster,
        observeeKey: target.observeeKey,
        externalLabels: target.externalLabels,
      });
      return { ...(view ? { view } : {}), errors };
    } catch (error) {
      return {
        errors: [
          {
            source: 'kubernetes',
            target: target.kubernetesCluster,
            message: (error as Error)?.message ?? String(error),
          },
        ],
      };
    }
  }
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
