import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClusterStatus,
  ThanosApiOperations,
  ThanosApiPaths,
  ThanosInstanceSummary,
  UnclaimedLabelSet,
} from '@thanos-backstage/plugin-thanos-common';
import type { ThanosApi } from './ThanosApi';

/** A route of the backend's OpenAPI document, with the parameters and answer it declares. */
type Route = keyof ThanosApiPaths;
type OperationOf<R extends Route> = ThanosApiPaths[R]['get'];
type ParametersOf<R extends Route> = OperationOf<R>['parameters'];
type AnswerOf<R extends Route> =
  OperationOf<R>['responses'][200]['content']['application/json'];

/**
 * {@link ThanosApi} over HTTP. Routes, parameters and answers are typed from the backend's OpenAPI
 * document (the generated `ThanosApiPaths` of the common package), so a route the backend does
 * not serve, or a parameter it does not take, does not compile. `fetchApi` adds the user's
 * Backstage token (every route of the backend requires an identity); `discoveryApi` finds where
 * the `thanos` backend plugin is served.
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
    const answer = await this.get(
      '/v1/entities/{namespace}/{kind}/{name}/status',
      {
        path: { namespace, kind, name },
      },
    );
    return asDescribed<ClusterStatus>(answer);
  }

  async getFleet(instance?: string): Promise<ClusterStatus[]> {
    const query: ThanosApiOperations['GetFleet']['parameters']['query'] =
      instance === undefined ? {} : { instance };
    return asDescribed<ClusterStatus[]>(await this.get('/v1/fleet', { query }));
  }

  async getUnclaimed(instance?: string): Promise<UnclaimedLabelSet[]> {
    const query: ThanosApiOperations['GetUnclaimed']['parameters']['query'] =
      instance === undefined ? {} : { instance };
    return await this.get('/v1/fleet/unclaimed', { query });
  }

  async getInstances(): Promise<ThanosInstanceSummary[]> {
    return asDescribed<ThanosInstanceSummary[]>(
      await this.get('/v1/instances', {}),
    );
  }

  private async get<R extends Route>(
    route: R,
    parameters: Pick<ParametersOf<R>, 'path' | 'query'>,
  ): Promise<AnswerOf<R>> {
    const baseUrl = await this.discoveryApi.getBaseUrl('thanos');
    const path = route.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(
        String((parameters.path as Record<string, string>)[name]),
      ),
    );
    const query = new URLSearchParams(
      Object.entries(parameters.query ?? {}).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    ).toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${query ? `?${query}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as AnswerOf<R>;
  }
}

/**
 * The document describes a status's evidence and inside view as open objects; the common
 * package's types say what is in them. The backend's tests check its answers against the
 * document, so this is the one place the two descriptions meet.
 */
function asDescribed<T>(answer: unknown): T {
  return answer as T;
}
