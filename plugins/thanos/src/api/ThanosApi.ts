import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ClusterStatus,
  ThanosInstanceSummary,
  UnclaimedLabelSet,
} from '@thanos-backstage/plugin-thanos-common';

/**
 * Reads Thanos status from the `thanos` backend plugin (docs/architecture.md, "Routes").
 *
 * @public
 */
export interface ThanosApi {
  /** Sidecar reachability and compactor status of one catalog entity's cluster. */
  getEntityStatus(entityRef: CompoundEntityRef): Promise<ClusterStatus>;
  /** Every observee an instance knows of; the backend's default instance when omitted. */
  getFleet(instance?: string): Promise<ClusterStatus[]>;
  /** The configured Thanos instances and whether they answer. */
  getInstances(): Promise<ThanosInstanceSummary[]>;
  /**
   * What an instance's Thanos Query serves that no catalog entity claims. Optional, so that an
   * implementation written before it keeps compiling; the fleet page then shows no drift line.
   */
  getUnclaimed?(instance?: string): Promise<UnclaimedLabelSet[]>;
}

/**
 * The one reference to {@link ThanosApi}, for both frontend systems: core-plugin-api 1.13 re-exports
 * the `ApiRef` type of frontend-plugin-api and its own `createApiRef` delegates here, so legacy
 * `createApiFactory`/`useApi` accept this ref too.
 *
 * @public
 */
export const thanosApiRef = createApiRef<ThanosApi>().with({
  id: 'plugin.thanos.service',
  pluginId: 'thanos',
});
