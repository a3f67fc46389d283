import type { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import {
  endpointEntry,
  storesBody,
  withInt64Sentinels,
} from '../client/__fixtures__/stores';
import { BUILD_INFO, vectorBody } from '../client/__fixtures__/query';

/**
 * One observer Thanos Query and its observees' TLS queriers served through msw, in the shapes of
 * the fixtures in src/client/__fixtures__: every cluster healthy unless its compactor is set
 * halted (`thanos_compact_halted` 1 through the alert's whole window, an error of the compactor).
 */
export const OBSERVER_URL = 'https://thanos-query.observer.example.com';
export const TLS_QUERIER_TEMPLATE =
  'http://thanos-tls-querier-{key}-query.monitoring.svc:10902';

export function observeeEntity(
  name: string,
  owner = 'group:default/platform',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'thanos.io/external-labels': `cluster=${name}`,
        'thanos.io/instance': 'observer',
        'thanos.io/observee-key': name,
      },
    },
    spec: { type: 'kubernetes-cluster', owner },
  };
}

const json = (body: string) =>
  new HttpResponse(body, { headers: { 'content-type': 'application/json' } });

export function serveFakeObserver(server: SetupServer, clusters: string[]) {
  const halted = new Set<string>();
  const now = () => Date.now() / 1000;
  server.use(
    http.get(`${OBSERVER_URL}/api/v1/stores`, () =>
      json(
        withInt64Sentinels(
          storesBody({
            query: clusters.map((cluster, index) =>
              endpointEntry({
                name: `10.0.102.${index + 1}:10901`,
                labels: [{ cluster, prometheus: 'monitoring/kps-prometheus' }],
              }),
            ),
          }),
        ),
      ),
    ),
    http.post(`${OBSERVER_URL}/api/v1/query`, () =>
      json(
        vectorBody(
          clusters.flatMap(cluster =>
            Object.entries({
              sidecarPrometheusUp: '1',
              sidecarShipperUploadFailures: '0',
              sidecarLastUpload: String(now() - 3600),
              compactHalted: halted.has(cluster) ? '1' : '0',
              compactUp: '1',
              compactLastRun: String(now() - 3600),
              compactTodoCompactions: '0',
              compactTodoCompactionBlocks: '0',
              compactTodoDownsampleBlocks: '0',
              compactTodoDeletionBlocks: '0',
              compactCompactionFailurePercent: '0',
              compactBucketFailurePercent: '0',
              compactDownsampleFailures: '0',
              // The mirrored alert fires when its condition held at every step of its window.
              alert_ThanosCompactHalted: halted.has(cluster) ? '5' : '0',
              alert_ThanosCompactIsDown: '5',
              alert_ThanosSidecarIsDown: '5',
            }).map(([check, value]) => ({
              metric: { __thanos_check: check, cluster },
              value,
            })),
          ),
        ),
      ),
    ),
    http.get(`${OBSERVER_URL}/api/v1/status/buildinfo`, () => json(BUILD_INFO)),
    http.get(
      /^http:\/\/thanos-tls-querier-([a-z0-9-]+)-query\.monitoring\.svc:10902\/api\/v1\/stores$/,
      ({ request }) => {
        const cluster = /tls-querier-([a-z0-9-]+)-query/.exec(request.url)![1];
        return json(
          withInt64Sentinels(
            storesBody({
              sidecar: [
                endpointEntry({
                  name: `thanos-sidecar.${cluster}.example.com:443`,
                  labels: [
                    { cluster, prometheus: 'monitoring/kps-prometheus' },
                  ],
                }),
              ],
            }),
          ),
        );
      },
    ),
  );
  return {
    setCompactorHalted(cluster: string, isHalted: boolean) {
      if (isHalted) halted.add(cluster);
      else halted.delete(cluster);
    },
  };
}

/** The `thanos.instances` config pointing at the fake observer. */
export const FAKE_OBSERVER_INSTANCES = [
  {
    name: 'observer',
    queryUrl: OBSERVER_URL,
    tlsQuerierUrlTemplate: TLS_QUERIER_TEMPLATE,
    timeoutMs: 1000,
  },
];
