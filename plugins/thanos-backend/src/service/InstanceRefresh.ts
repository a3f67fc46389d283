import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { StoreEndpoint } from '@thanos-backstage/plugin-thanos-common';
import type { ThanosInstance } from '../client/ThanosInstance';
import type { CachedRead } from './CoalescingCache';
import type { ObserveeDirectory } from './ObserveeDirectory';
import { showsHealthyDirectSidecar } from './observations';
import { observeeTargetsOf } from './observeeTarget';
import type { ThanosFacts } from './ThanosFacts';

/** Called after each refresh of an instance, with its name. */
export type RefreshListener = (instanceName: string) => Promise<void>;

/**
 * The background refresh of one instance's facts: run by the one replica that holds the scheduled
 * task, so that user requests find fresh facts and replicas do not each read them when they find
 * them stale at once. Listeners run after each refresh, on that same replica.
 */
export class InstanceRefresh {
  private readonly listeners: RefreshListener[] = [];

  constructor(
    private readonly options: {
      instances: Map<string, ThanosInstance>;
      facts: ThanosFacts;
      directory: ObserveeDirectory;
      logger: LoggerService;
    },
  ) {}

  /** Adds a listener that runs after every refresh of an instance (e.g. to act on new states). */
  onRefreshed(listener: RefreshListener): void {
    this.listeners.push(listener);
  }

  /** Reads (or joins reads of) the instance's stores and metrics, warming the cache. */
  async refreshInstance(name: string): Promise<void> {
    const instance = this.options.instances.get(name);
    if (!instance) return;
    const { facts } = this.options;
    const [central] = await Promise.all([
      facts.centralStores(instance, { force: true }),
      facts.metrics(instance, instance.groupingLabels, { force: true }),
    ]);
    await this.refreshTlsQueriers(instance, central);
    for (const listener of this.listeners) {
      // One listener's failure must not keep the next from seeing the refresh.
      await listener(name).catch(error =>
        this.options.logger.warn(
          `Thanos refresh of ${name}: a refresh listener failed: ${
            (error as Error).message
          }`,
        ),
      );
    }
  }

  /** The TLS querier reads the requests would make, for the entities of this instance. */
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
    const targets = observeeTargetsOf(
      entities,
      [...this.options.instances.keys()],
      instance.name,
      this.options.logger,
    );
    const keys = new Set(
      targets
        .filter(target => !showsHealthyDirectSidecar(central, target))
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
}
