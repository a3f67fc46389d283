import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { THANOS_ANNOTATION_EXTERNAL_LABELS } from '@thanos-backstage/plugin-thanos-common';
import { CoalescingCache } from './CoalescingCache';
import { observeeTargetOf } from './observeeTarget';

/**
 * `CATALOG_FILTER_EXISTS` of `@backstage/catalog-client` ("the key is present, any value"). It is
 * a registered symbol, so the same value is obtained here without depending on that package.
 */
const CATALOG_FILTER_EXISTS = Symbol.for(
  'CATALOG_FILTER_EXISTS_0e15b590c0b343a2bae3e787e84c2111',
);

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
];

/**
 * The observees the catalog knows of: the entities with a `thanos.io/external-labels` annotation.
 * The list of expected clusters comes from here, never from Thanos, which forgets endpoints that
 * fail (notes/thanos.md §1.4).
 */
export class ObserveeDirectory {
  private lastWarnedReadAt?: number;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      cache: CoalescingCache;
      instances: string[];
      ttlMs: number;
      logger: LoggerService;
    },
  ) {}

  /** Every entity with the annotation, read with the plugin's own credentials (background refresh). */
  async allEntities(): Promise<Entity[]> {
    return this.entities(await this.options.auth.getOwnServiceCredentials());
  }

  /** Entities with the annotation that the caller may see. */
  async entities(credentials: BackstageCredentials): Promise<Entity[]> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${THANOS_ANNOTATION_EXTERNAL_LABELS}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: FIELDS,
      },
      { credentials },
    );
    return items;
  }

  /**
   * The label names the batched query of an instance groups by, from every observee of that
   * instance. Read with the plugin's own credentials so that every user and the background
   * refresh build the same query (and share one cache entry). Empty when the catalog cannot be
   * read; the caller adds the requesting entity's own names.
   */
  async groupingLabels(instance: string): Promise<string[]> {
    const read = await this.options.cache.read(
      'v1:observee-labels',
      this.options.ttlMs,
      async () => {
        const credentials = await this.options.auth.getOwnServiceCredentials();
        const names = new Map<string, Set<string>>(
          this.options.instances.map(name => [name, new Set<string>()]),
        );
        for (const entity of await this.entities(credentials)) {
          try {
            const target = observeeTargetOf(entity, this.options.instances);
            for (const matcher of target.externalLabels) {
              names.get(target.instance)?.add(matcher.name);
            }
          } catch {
            // Entities with unusable annotations are reported on their own status page.
          }
        }
        const byInstance: Record<string, string[]> = {};
        for (const [name, labels] of names)
          byInstance[name] = [...labels].sort();
        return byInstance;
      },
    );
    if (!read.result.ok) {
      // The failed read is cached: say so once per read, not once per request.
      if (read.readAt === this.lastWarnedReadAt) return [];
      this.lastWarnedReadAt = read.readAt;
      this.options.logger.warn(
        `Could not list Thanos observees from the catalog: ${read.result.error.message}`,
      );
      return [];
    }
    return read.result.value[instance] ?? [];
  }
}
