import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ClusterStatus } from '@thanos-backstage/plugin-thanos-common';
import {
  InsideViewReader,
  InsideViewReaderFactory,
  thanosInsideViewExtensionPoint,
} from '@thanos-backstage/plugin-thanos-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { thanosPlugin } from './plugin';
import { BUILD_INFO, vectorBody } from './client/__fixtures__/query';
import {
  endpointEntry,
  storesBody,
  withInt64Sentinels,
} from './client/__fixtures__/stores';
import {
  compactorDeployment,
  crashLoopingCompactorPod,
  list,
} from './kubernetes/__fixtures__/compactor';
import {
  prometheusPod,
  thanosGatewayIngress,
} from './kubernetes/__fixtures__/sidecar';
import { thanosCaPartialMetadata } from './kubernetes/__fixtures__/apiServer';

/**
 * A backend module that depends on `@thanos-backstage/plugin-thanos-node` only, plugged into the
 * real plugin through `thanosInsideViewExtensionPoint`: one wraps the built-in Kubernetes reader,
 * one replaces it.
 */

// Each test boots a whole backend: a generous guard against a hang, not a timing check.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const OBSERVER = 'https://thanos-query.observer.example.com';
const OBSERVEE_API = 'https://observee.k8s.example.com';

const kubernetes = {
  clusterLocatorMethods: [
    {
      type: 'config',
      clusters: [
        {
          name: 'observee-eks',
          url: OBSERVEE_API,
          authProvider: 'serviceAccount',
          serviceAccountToken: 'k8s-reader-token',
          skipTLSVerify: true,
        },
      ],
    },
  ],
};

const observee: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'observee',
    namespace: 'default',
    annotations: {
      'thanos.io/external-labels': 'cluster=observee',
      'thanos.io/kubernetes-cluster': 'observee-eks',
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'platform' },
};

/** The observer's Thanos Query (msw): the observee behind its TLS querier, no metrics. */
function serveThanos() {
  server.use(
    http.get(`${OBSERVER}/api/v1/stores`, () =>
      HttpResponse.text(
        withInt64Sentinels(
          storesBody({
            query: [
              endpointEntry({
                name: '10.0.102.1:10901',
                labels: [{ cluster: 'observee' }],
              }),
            ],
          }),
        ),
        { headers: { 'content-type': 'application/json' } },
      ),
    ),
    http.post(`${OBSERVER}/api/v1/query`, () =>
      HttpResponse.text(vectorBody([]), {
        headers: { 'content-type': 'application/json' },
      }),
    ),
    http.get(`${OBSERVER}/api/v1/status/buildinfo`, () =>
      HttpResponse.text(BUILD_INFO, {
        headers: { 'content-type': 'application/json' },
      }),
    ),
  );
}

/** The observee's API server (msw), in the shapes the API server returns; counts its requests. */
function serveObserveeCluster() {
  const requests: string[] = [];
  const ns = `${OBSERVEE_API}/api/v1/namespaces/monitoring`;
  server.use(
    http.all(`${OBSERVEE_API}/*`, ({ request: req }) => {
      requests.push(new URL(req.url).pathname);
    }),
    http.get(
      `${OBSERVEE_API}/apis/apps/v1/namespaces/monitoring/deployments`,
      () =>
        HttpResponse.json(
          list('DeploymentList', 'apps/v1', [compactorDeployment()]),
        ),
    ),
    http.get(
      `${OBSERVEE_API}/apis/apps/v1/namespaces/monitoring/statefulsets`,
      () => HttpResponse.json(list('StatefulSetList', 'apps/v1', [])),
    ),
    http.get(`${ns}/pods`, ({ request: req }) => {
      const selector = new URL(req.url).searchParams.get('labelSelector');
      const items =
        selector === 'app.kubernetes.io/component=compactor'
          ? [crashLoopingCompactorPod]
          : [prometheusPod()];
      return HttpResponse.json(list('PodList', 'v1', items));
    }),
    http.get(
      `${OBSERVEE_API}/apis/networking.k8s.io/v1/namespaces/monitoring/ingresses`,
      () =>
        HttpResponse.json(
          list('IngressList', 'networking.k8s.io/v1', [thanosGatewayIngress()]),
        ),
    ),
    http.get(`${ns}/secrets/thanos-ca`, () =>
      HttpResponse.json(thanosCaPartialMetadata),
    ),
  );
  return { requests };
}

/** A module of the thanos plugin that sets the inside view reader factory. */
function insideViewModule(factory: InsideViewReaderFactory): BackendFeature {
  return createBackendModule({
    pluginId: 'thanos',
    moduleId: 'test-inside-view',
    register(env) {
      env.registerInit({
        deps: { thanos: thanosInsideViewExtensionPoint },
        async init({ thanos }) {
          thanos.setInsideViewReaderFactory(factory);
        },
      });
    },
  });
}

async function statusWith(
  module: BackendFeature,
  config: object = { kubernetes },
): Promise<ClusterStatus> {
  const { server: app } = await startTestBackend({
    features: [
      thanosPlugin,
      module,
      catalogServiceMock.factory({ entities: [observee] }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          ...config,
          thanos: {
            instances: [
              {
                name: 'observer',
                queryUrl: OBSERVER,
                kubernetesClusters: ['observee-eks'],
              },
            ],
          },
        },
      }),
    ],
  });
  const res = await request(app).get(
    '/api/thanos/v1/entities/default/resource/observee/status',
  );
  expect(res.status).toBe(200);
  return res.body;
}

describe('thanosInsideViewExtensionPoint', () => {
  it('lets a module wrap the built-in Kubernetes reader', async () => {
    serveThanos();
    const cluster = serveObserveeCluster();
    const asked: string[] = [];
    const status = await statusWith(
      insideViewModule(async ({ getDefault }) => {
        const builtIn = await getDefault();
        if (!builtIn) throw new Error('expected the built-in reader');
        return {
          async read(req) {
            asked.push(req.cluster);
            const result = await builtIn.read(req);
            return {
              ...result,
              errors: [
                ...result.errors,
                {
                  source: 'kubernetes',
                  target: req.cluster,
                  message: 'the wrapping module was here',
                },
              ],
            };
          },
        };
      }),
    );

    expect(asked).toEqual(['observee-eks']);
    // What the built-in reader read from the cluster's API server...
    expect(cluster.requests.length).toBeGreaterThan(0);
    expect(status.kubernetes?.compactor?.pods?.[0].waitingReason).toBe(
      'CrashLoopBackOff',
    );
    expect(status.compactor.findings.map(f => f.id)).toContain(
      'compactor.pod-crashlooping',
    );
    // ...and what the module added to it.
    expect(status.errors).toContainEqual(
      expect.objectContaining({ message: 'the wrapping module was here' }),
    );
  });

  it('lets a module replace the built-in reader, which then reads nothing', async () => {
    serveThanos();
    const cluster = serveObserveeCluster();
    const replacement: InsideViewReader = {
      async read(req) {
        return {
          view: {
            cluster: req.cluster,
            compactor: { workloads: [], pods: [] },
            sidecar: null,
            ingress: null,
          },
          errors: [],
        };
      },
    };
    const status = await statusWith(insideViewModule(async () => replacement));

    expect(status.kubernetes).toEqual({
      cluster: 'observee-eks',
      compactor: { workloads: [], pods: [] },
      sidecar: null,
      ingress: null,
    });
    expect(cluster.requests).toEqual([]);
  });

  it('hands a module no default without kubernetes config', async () => {
    serveThanos();
    let builtIn: InsideViewReader | undefined | 'not asked' = 'not asked';
    const status = await statusWith(
      insideViewModule(async ({ getDefault }) => {
        builtIn = await getDefault();
        return builtIn;
      }),
      {},
    );
    expect(builtIn).toBeUndefined();
    expect(status.kubernetes).toBeUndefined();
  });
});
