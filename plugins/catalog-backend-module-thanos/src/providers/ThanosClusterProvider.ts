import {
  LoggerService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { readLiveFolderClusters } from '@thanos-backstage/plugin-thanos-node';
import { clusterEntity, locationOf } from './clusterEntity';
import { readProviderConfigs, ThanosProviderConfig } from './config';
import { LiveFolderReader, liveFolderReaderFor } from './liveFolderReader';

/**
 * Emits one catalog Resource per cluster folder of an infra repo's Terragrunt live folder, read on
 * the configured schedule; each run replaces everything the provider emitted before.
 *
 * @public
 */
export class ThanosClusterProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  static fromConfig(
    config: Config,
    deps: {
      logger: LoggerService;
      scheduler: SchedulerService;
      urlReader: UrlReaderService;
    },
  ): ThanosClusterProvider[] {
    return readProviderConfigs(config).map(
      c =>
        new ThanosClusterProvider(
          c,
          liveFolderReaderFor(c.target, deps.urlReader),
          deps.logger.child({ provider: `thanos:${c.id}` }),
          deps.scheduler,
        ),
    );
  }

  private constructor(
    private readonly config: ThanosProviderConfig,
    private readonly reader: LiveFolderReader,
    private readonly logger: LoggerService,
    private readonly scheduler: SchedulerService,
  ) {}

  getProviderName(): string {
    return `thanos-cluster-provider:${this.config.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.scheduler.scheduleTask({
      id: `${this.getProviderName()}:refresh`,
      ...this.config.schedule,
      fn: () => this.refresh(),
    });
  }

  /** Reads the live folder once and replaces the provider's entities. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const files = await this.reader.read().catch(error => {
      throw new Error(
        `Cannot read the live folder ${this.config.target}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    });
    const { clusters, problems } = await readLiveFolderClusters(files, {
      environments: this.config.environments,
    });
    for (const problem of problems) {
      this.logger.warn(
        `Skipped cluster folder ${locationOf(
          this.config.target,
          problem.folder,
        )}: ${problem.message}`,
      );
    }
    const emitted = clusters.filter(c => !c.hasCatalogInfo);
    const locationKey = this.getProviderName();
    await this.connection.applyMutation({
      type: 'full',
      entities: emitted.map(cluster => ({
        entity: clusterEntity(cluster, this.config),
        locationKey,
      })),
    });
    this.logger.info(
      `Read ${clusters.length + problems.length} cluster folders: emitted ${
        emitted.length
      }, left ${
        clusters.length - emitted.length
      } to their own catalog-info.yaml, skipped ${problems.length}`,
    );
  }
}
