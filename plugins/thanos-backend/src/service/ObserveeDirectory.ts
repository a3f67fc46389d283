import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { THANOS_ANNOTATION_EXTERNAL_LABELS } from '@thanos-backstage/plugin-thanos-common';

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
 * fail (docs/thanos.md, "When an endpoint disappears"). What an entity's annotations say never shapes a query another
 * entity is judged from: the batched query's grouping labels come from config.
 */
export class ObserveeDirectory {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
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
}
