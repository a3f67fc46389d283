import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClusterStatus,
  ThanosInstanceSummary,
} from '@thanos-backstage/plugin-thanos-common';
import type { ThanosApi } from './ThanosApi';

/**
 * {@link ThanosApi} over HTTP. `fetchApi` adds the user's Backstage token (every route of the
 * backend requires an identity); `discoveryApi` finds where the `thanos` backend plugin is served.
 *
 * @public
 */
export class ThanosClient implements ThanosApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityStatus(entityRef: CompoundEntityRef): Promise<ClusterStatus> {
    const { namespace, kind, name } = entityRef;
    const path = ['entities', namespace, kind, name]
      .map(encodeURIComponent)
      .join('/');
    return this.get<ClusterStatus>(`/v1/${path}/status`);
  }

  async getFleet(instance?: string): Promise<ClusterStatus[]> {
    const query =
      instance === undefined ? '' : `?${new URLSearchParams({ instance })}`;
    return this.get<ClusterStatus[]>(`/v1/fleet${query}`);
  }

  async getInstances(): Promise<ThanosInstanceSummary[]> {
    return this.get<ThanosInstanceSummary[]>('/v1/instances');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('thanos');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
