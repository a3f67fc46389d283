import type {
  AuthService,
  CacheService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { InsideViewReaderFactory } from '@thanos-backstage/plugin-thanos-node';
import { ThanosInstance } from '../client/ThanosInstance';
import { readThanosConfig } from '../config/readThanosConfig';
import { setUpInsideView } from '../kubernetes/insideViewSetup';
import { CoalescingCache } from './CoalescingCache';
import type { InstanceRefresh } from './InstanceRefresh';
import { ObserveeDirectory } from './ObserveeDirectory';
import { DatabaseReadSlots } from './ReadSlots';
import { ThanosFacts } from './ThanosFacts';
import { ThanosStatusService } from './ThanosStatusService';

/** The services the status service is built from: what the plugin's `init` receives. */
export interface ThanosStatusServiceDeps {
  config: RootConfigService;
  logger: LoggerService;
  cache: CacheService;
  database: DatabaseService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  auth: AuthService;
  /** Set through `thanosInsideViewExtensionPoint`; without it the built-in reader is used. */
  insideViewReaderFactory?: InsideViewReaderFactory;
}

/** What the plugin serves from: the answers, and the background refresh that keeps them fresh. */
export interface ThanosStatus {
  status: ThanosStatusService;
  /**
   * The scheduled refresh of each instance. `refresh.onRefreshed(listener)` runs code after each
   * refresh, on the one replica that runs it.
   */
  refresh: InstanceRefresh;
}

/**
 * Builds the status service from config: the Thanos instances, the inside view reader, the shared
 * cache with its time-to-live, and one scheduled refresh per instance.
 */
export async function createThanosStatusService(
  deps: ThanosStatusServiceDeps,
): Promise<ThanosStatus> {
  const { config, logger, catalog, auth } = deps;
  const thanosConfig = readThanosConfig(config);
  const instances = thanosConfig.instances.map(
    instance => new ThanosInstance(instance, { logger }),
  );
  if (instances.length === 0) {
    logger.warn(
      'No Thanos instances configured (thanos.instances); the thanos routes will answer with an error',
    );
  }
  const { reader, clusters } = await setUpInsideView({
    config,
    logger,
    factory: deps.insideViewReaderFactory,
  });

  const ttlMs = (instance: ThanosInstance) =>
    (thanosConfig.cacheTtlSeconds ?? instance.config.refreshIntervalSeconds) *
    1000;
  // Replicas sharing the plugin database take turns reading each upstream fact.
  const coalescing = new CoalescingCache(
    deps.cache,
    Date.now,
    await DatabaseReadSlots.create(deps.database),
  );
  const status = new ThanosStatusService({
    instances,
    facts: new ThanosFacts(coalescing, ttlMs, clusters),
    directory: new ObserveeDirectory({ catalog, auth }),
    catalog,
    logger,
    insideView: () => reader,
  });

  // One replica polls each instance (scope global); the others read its results from the shared
  // cache. A request that finds a fact missing or stale reads it only when it holds the fact's
  // read slot, so replicas never double the upstream reads.
  for (const instance of instances) {
    const { refreshIntervalSeconds, timeoutMs } = instance.config;
    await deps.scheduler.scheduleTask({
      id: `thanos-refresh-${instance.name}`,
      scope: 'global',
      frequency: { seconds: refreshIntervalSeconds },
      timeout: { milliseconds: timeoutMs * 3 },
      fn: async () => {
        await status.refresh.refreshInstance(instance.name);
      },
    });
  }
  return { status, refresh: status.refresh };
}
