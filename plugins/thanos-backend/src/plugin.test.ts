import {
  mockCredentials,
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
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { specProblems } from './__testUtils__/specSchemas';
import { thanosPlugin } from './plugin';
import { thanosInsideViewExtensionPoint } from '@thanos-backstage/plugin-thanos-node';
import {
  STORES_HEAD,
  STORES_V0_13,
  STORES_V0_15,
  STORES_V0_22,
  TLS_QUERIER_INGRESS_503,
  TLS_UNKNOWN_AUTHORITY_ERROR,
  endpointEntry,
  storesBody,
  withInt64Sentinels,
} from './client/__fixtures__/stores';
import {
  secretsForbiddenStatus,
  serviceProxyForbiddenStatus,
  thanosCaPartialMetadata,
  tlsQuerierStores,
} from './kubernetes/__fixtures__/apiServer';
import {
  compactorDeployment,
  crashLoopingCompactorPod,
  list,
} from './kubernetes/__fixtures__/compactor';
import {
  SIDECAR_HOST,
  prometheusPod,
  thanosGatewayIngress,
} from './kubernetes/__fixtures__/sidecar';
import {
  BUILD_INFO,
  NGINX_502_PAGE,
  PARTIAL_RESPONSE_WARNING,
  vectorBody,
} from './client/__fixtures__/query';

// Each test boots a whole backend: a generous guard against a hang, not a timing check.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const OBSERVER = 'https://thanos-query.observer.example.com';
const BACKUP = 'https://thanos-query.backup.example.com';
const TLS_QUERIER = (key: string) =>
  `http://thanos-tls-querier-${key}-query.monitoring.svc:10902`;
const TOKEN = 'observer-bearer-token-9f8e7d';

function clusterEntity(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'thanos.io/external-labels': `cluster=${name}`,
        ...annotations,
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'platform' },
  };
}

const json = (body: string, status = 200) =>
  new HttpResponse(body, {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** Healthy central view: the observee's TLS querier and the observer's own sidecar. */
function healthyCentral(clusters: string[]) {
  return withInt64Sentinels(
    storesBody({
      query: clusters.map((cluster, index) =>
        endpointEntry({
          name: `10.0.102.${index + 1}:10901`,
          labels: [{ cluster, prometheus: 'monitoring/kps-prometheus' }],
        }),
      ),
    }),
  );
}

function healthyTlsQuerier(cluster: string) {
  return withInt64Sentinels(
    storesBody({
      sidecar: [
        endpointEntry({
          name: `thanos-sidecar.${cluster}.example.com:443`,
          labels: [{ cluster, prometheus: 'monitoring/kps-prometheus' }],
        }),
      ],
    }),
  );
}

/** The batched query's answer for healthy clusters, overridable per check and cluster. */
function metricsBody(
  clusters: string[],
  overrides: Record<string, Record<string, string>> = {},
  warnings?: string[],
) {
  const now = Date.now() / 1000;
  const healthy: Record<string, string> = {
    sidecarPrometheusUp: '1',
    sidecarShipperUploadFailures: '0',
    sidecarLastUpload: String(now - 3600),
    compactHalted: '0',
    compactUp: '1',
    compactLastRun: String(now - 3600),
    compactTodoCompactions: '0',
    compactTodoCompactionBlocks: '0',
    compactTodoDownsampleBlocks: '0',
    compactTodoDeletionBlocks: '0',
    compactCompactionFailurePercent: '0',
    compactBucketFailurePercent: '0',
    compactDownsampleFailures: '0',
    // A compactor and a sidecar target up at each of the 5 steps of the alerts' windows.
    alert_ThanosCompactIsDown: '5',
    alert_ThanosSidecarIsDown: '5',
  };
  return vectorBody(
    clusters.flatMap(cluster =>
      Object.entries({ ...healthy, ...overrides[cluster] }).map(
        ([check, value]) => ({
          metric: { __thanos_check: check, cluster },
          value,
        }),
      ),
    ),
    warnings,
  );
}

interface FakeThanos {
  stores?: () => Response | Promise<Response>;
  query?: () => Response | Promise<Response>;
  buildInfo?: () => Response;
  tlsQuerier?: (key: string) => Response | Promise<Response>;
}

/** Serves one Thanos instance through msw and counts the calls per path. */
function serveThanos(baseUrl: string, fake: FakeThanos) {
  const calls = { stores: 0, query: 0, buildInfo: 0, tlsQuerier: 0 };
  const queries: string[] = [];
  server.use(
    http.get(`${baseUrl}/api/v1/stores`, () => {
      calls.stores++;
      return fake.stores ? fake.stores() : json(healthyCentral([]));
    }),
    http.post(`${baseUrl}/api/v1/query`, async ({ request: req }) => {
      calls.query++;
      queries.push(new URLSearchParams(await req.text()).get('query') ?? '');
      return fake.query ? fake.query() : json(metricsBody([]));
    }),
    http.get(`${baseUrl}/api/v1/status/buildinfo`, () => {
      calls.buildInfo++;
      return fake.buildInfo ? fake.buildInfo() : json(BUILD_INFO);
    }),
    http.get(
      /^http:\/\/thanos-tls-querier-([a-z0-9-]+)-query\.monitoring\.svc:10902\/api\/v1\/stores$/,
      ({ request: req }) => {
        calls.tlsQuerier++;
        const key = /tls-querier-([a-z0-9-]+)-query/.exec(req.url)![1];
        return fake.tlsQuerier
          ? fake.tlsQuerier(key)
          : json(healthyTlsQuerier(key));
      },
    ),
  );
  return { calls, queries };
}

async function startBackend(options: {
  entities: Entity[];
  instances?: object[];
  warm?: boolean;
  modules?: BackendFeature[];
  /** More root config, e.g. `kubernetes`; `thanos` here adds to the instances. */
  config?: { thanos?: object; [key: string]: unknown };
}) {
  const { server: httpServer } = await startTestBackend({
    features: [
      thanosPlugin,
      ...(options.modules ?? []),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootLogger.factory({ level: 'debug' }),
      mockServices.scheduler.factory({
        skipTaskRunOnStartup: !options.warm,
      }),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          thanos: {
            ...options.config?.thanos,
            instances: options.instances ?? [
              {
                name: 'observer',
                queryUrl: OBSERVER,
                tlsQuerierUrlTemplate: `${TLS_QUERIER('{key}')}`,
                auth: { bearerToken: TOKEN },
                timeoutMs: 300,
                kubernetesClusters: ['observee-eks'],
              },
            ],
          },
        },
      }),
    ],
  });
  return { app: httpServer };
}

const statusOf = async (
  app: Parameters<typeof request>[0],
  name: string,
): Promise<ClusterStatus> => {
  const res = await request(app).get(
    `/api/thanos/v1/entities/default/resource/${name}/status`,
  );
  expect(res.status).toBe(200);
  expect(specProblems(res.body, 'ClusterStatus')).toEqual([]);
  return res.body;
};

/** Everything the backend logs (at debug level), to check that no secret ends up there. */
const logs: string[] = [];
beforeAll(() => {
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logs.push(
        `${level}: ${args
          .map(arg => JSON.stringify(arg) ?? String(arg))
          .join(' ')}`,
      );
    });
  }
});
afterAll(() => jest.restoreAllMocks());

describe('thanos backend plugin', () => {
  it('requires a Backstage identity', async () => {
    serveThanos(OBSERVER, {});
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
    });
    for (const path of [
      '/api/thanos/v1/entities/default/resource/observee/status',
      '/api/thanos/v1/fleet',
      '/api/thanos/v1/instances',
    ]) {
      const res = await request(app)
        .get(path)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
  });

  it('reports a healthy cluster, and never shows the token', async () => {
    serveThanos(OBSERVER, {
      stores: () => json(healthyCentral(['observee'])),
      query: () => json(metricsBody(['observee'])),
    });
    logs.length = 0;
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
      warm: true,
    });
    const res = await request(app).get(
      '/api/thanos/v1/entities/default/resource/observee/status',
    );
    expect(res.status).toBe(200);
    const status: ClusterStatus = res.body;
    expect(status).toMatchObject({
      entityRef: 'resource:default/observee',
      instance: 'observer',
      observeeKey: 'observee',
      externalLabels: [{ name: 'cluster', op: '=', value: 'observee' }],
      errors: [],
    });
    expect(status.sidecar.state).toBe('ok');
    expect(status.compactor.state).toBe('ok');
    expect(status.sidecar.evidence.tlsQuerierEndpoints).toHaveLength(1);
    expect(status.compactor.evidence).toMatchObject({
      halted: false,
      instancesUp: 1,
    });
    expect(Date.parse(status.checkedAt)).toBeLessThanOrEqual(Date.now());
    expect(status.kubernetes).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('keeps the int64 sentinels out of the numbers (live sidecar = no upper limit)', async () => {
    serveThanos(OBSERVER, {
      stores: () => json(STORES_HEAD),
      query: () => json(metricsBody(['observee'])),
    });
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
    });
    const status = await statusOf(app, 'observee');
    expect(status.sidecar.evidence.centralEndpoints).toContainEqual(
      expect.objectContaining({
        name: '10.0.102.57:10901',
        minTime: 1795341600009,
        maxTime: null,
      }),
    );
  });

  it.each([
    ['v0.13', STORES_V0_13],
    ['v0.15', STORES_V0_15],
    ['v0.22', STORES_V0_22],
    ['HEAD', STORES_HEAD],
  ])('reads the %s /api/v1/stores shape', async (_version, body) => {
    serveThanos(OBSERVER, {
      stores: () => json(body),
      query: () => json(metricsBody(['observee'])),
    });
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
    });
    const status = await statusOf(app, 'observee');
    expect(status.errors).toEqual([]);
    expect(status.sidecar.evidence.centralEndpoints).toContainEqual(
      expect.objectContaining({
        name: '10.0.102.57:10901',
        type: 'query',
        lastError: null,
        labelSets: [
          expect.objectContaining({
            cluster: 'observee',
            prometheus: 'monitoring/kube-prometheus-stack-prometheus',
          }),
        ],
        maxTime: null,
      }),
    );
  });

  it('shows a sidecar the central query dials directly failing its TLS handshake', async () => {
    serveThanos(OBSERVER, {
      stores: () =>
        json(
          withInt64Sentinels(
            storesBody({
              sidecar: [
                endpointEntry({
                  name: 'thanos-sidecar.observee.example.com:443',
                  labels: [{ cluster: 'observee' }],
                  lastError: TLS_UNKNOWN_AUTHORITY_ERROR,
                }),
              ],
            }),
          ),
        ),
      query: () => json(metricsBody([])),
    });
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
    });
    const status = await statusOf(app, 'observee');
    expect(status.sidecar.state).toBe('error');
    expect(JSON.stringify(status.sidecar.findings)).toContain(
      'certificate signed by unknown authority',
    );
  });

  it('pins the failing hop when the labels vanished and the TLS querier reports the sidecar error', async () => {
    serveThanos(OBSERVER, {
      stores: () =>
        json(
          withInt64Sentinels(
            storesBody({
              query: [
                endpointEntry({
                  name: '10.0.102.58:10901',
                  labels: [],
                  minTime: 'min-int64',
                }),
              ],
            }),
          ),
        ),
      query: () => json(metricsBody([])),
      tlsQuerier: () => json(TLS_QUERIER_INGRESS_503),
    });
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
    });
    const status = await statusOf(app, 'observee');
    expect(status.sidecar.state).toBe('error');
    const sidecarHop = status.sidecar.evidence.hops.find(
      h => h.id === 'sidecar',
    );
    expect(sidecarHop?.state).toBe('error');
    expect(JSON.stringify(status.sidecar.findings)).toContain(
      '503 (Service Unavailable)',
    );
    expect(status.errors).toEqual([]);
  });

  it('reports a TLS querier that cannot be read, without failing the answer', async () => {
    serveThanos(OBSERVER, {
      stores: () => json(healthyCentral([])),
      query: () => json(metricsBody([])),
      tlsQuerier: () => HttpResponse.error(),
    });
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
    });
    const status = await statusOf(app, 'observee');
    expect(status.sidecar.state).toBe('error');
    expect(status.sidecar.findings.map(f => f.id)).toContain(
      'sidecar.tls-querier-unreachable',
    );
    expect(status.errors).toEqual([
      expect.objectContaining({
        source: 'tls-querier',
        target: 'observer TLS querier observee',
      }),
    ]);
  });

  it('reports an observee key that cannot be put into the TLS querier URL', async () => {
    serveThanos(OBSERVER, {
      stores: () => json(healthyCentral(['observee'])),
      query: () => json(metricsBody(['observee'])),
    });
    const { app } = await startBackend({
      entities: [
        clusterEntity('observee', {
          'thanos.io/observee-key': 'evil.example.com/x',
        }),
      ],
    });
    const status = await statusOf(app, 'observee');
    expect(status.errors).toEqual([
      expect.objectContaining({
        source: 'config',
        message: expect.stringContaining('is not a DNS label'),
      }),
    ]);
    expect(status.sidecar.state).toBe('ok');
  });

  it('shows a halted compactor', async () => {
    serveThanos(OBSERVER, {
      stores: () => json(healthyCentral(['observee'])),
      query: () =>
        json(
          metricsBody(['observee'], {
            observee: { compactHalted: '1', alert_ThanosCompactHalted: '5' },
          }),
        ),
    });
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
    });
    const status = await statusOf(app, 'observee');
    expect(status.compactor.state).toBe('error');
    expect(status.compactor.findings[0]).toMatchObject({
      id: 'compactor.halted',
      alert: 'ThanosCompactHalted',
    });
    expect(status.sidecar.state).toBe('ok');
  });

  it('surfaces a partial PromQL answer as a finding', async () => {
    serveThanos(OBSERVER, {
      stores: () => json(healthyCentral(['observee'])),
      query: () =>
        json(metricsBody(['observee'], {}, [PARTIAL_RESPONSE_WARNING])),
    });
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
    });
    const status = await statusOf(app, 'observee');
    const finding = status.compactor.findings.find(
      f => f.id === 'promql.partial-response',
    );
    expect(finding?.detail).toContain('receive series from Addr');
  });

  it.each([
    [
      'an HTML error page',
      () =>
        new HttpResponse(NGINX_502_PAGE, {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
      'HTTP 502 with an HTML page (a proxy or ingress answered instead of Thanos)',
    ],
    [
      'invalid JSON',
      () => json('{"status":"success","data":{'),
      'the answer is not valid JSON',
    ],
    [
      'a 5xx',
      () =>
        json('{"status":"error","errorType":"internal","error":"boom"}', 500),
      "HTTP 500: Thanos failed to answer (internal); Thanos Query's log and the backend log have the details",
    ],
    [
      'a timeout',
      async () => {
        await delay(3000);
        return json(healthyCentral([]));
      },
      'no answer within 300 ms',
    ],
  ])(
    'answers with the error of %s in errors[]',
    async (_name, respond, message) => {
      serveThanos(OBSERVER, { stores: respond, query: respond });
      const { app } = await startBackend({
        entities: [clusterEntity('observee')],
      });
      const status = await statusOf(app, 'observee');
      expect(status.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            source: 'thanos-query',
            target: 'observer',
            message: expect.stringContaining(message),
          }),
          expect.objectContaining({
            source: 'promql',
            target: 'observer',
            message: expect.stringContaining(message),
          }),
        ]),
      );
      expect(status.errors[0].message).toMatch(/^observer \/api\/v1\/stores: /);
      expect(status.compactor.state).toBe('unknown');
      expect(status.sidecar.findings.map(f => f.id)).toContain(
        'sidecar.central-unreadable',
      );
    },
  );

  it('answers for one instance while another is down', async () => {
    serveThanos(OBSERVER, {
      stores: () => json(healthyCentral(['up-cluster'])),
      query: () => json(metricsBody(['up-cluster'])),
    });
    serveThanos(BACKUP, {
      stores: () => HttpResponse.error(),
      query: () => HttpResponse.error(),
      buildInfo: () => HttpResponse.error(),
    });
    const { app } = await startBackend({
      entities: [
        clusterEntity('up-cluster', { 'thanos.io/instance': 'observer' }),
        clusterEntity('down-cluster', { 'thanos.io/instance': 'backup' }),
      ],
      instances: [
        { name: 'observer', queryUrl: OBSERVER },
        { name: 'backup', queryUrl: BACKUP },
      ],
    });
    const up = await statusOf(app, 'up-cluster');
    expect(up.errors).toEqual([]);
    expect(up.sidecar.state).toBe('ok');
    const down = await statusOf(app, 'down-cluster');
    expect(down.instance).toBe('backup');
    expect(down.errors.map(e => [e.source, e.target])).toEqual([
      ['thanos-query', 'backup'],
      ['promql', 'backup'],
    ]);
    expect(down.sidecar.state).toBe('unknown');

    const instances = await request(app).get('/api/thanos/v1/instances');
    expect(instances.status).toBe(200);
    expect(
      specProblems(instances.body, 'InstanceSummary', { array: true }),
    ).toEqual([]);
    expect(instances.body).toEqual([
      expect.objectContaining({
        name: 'observer',
        reachable: true,
        version: '0.42.4',
      }),
      expect.objectContaining({
        name: 'backup',
        reachable: false,
        version: null,
        error: expect.stringContaining('backup /api/v1/status/buildinfo'),
      }),
    ]);
    expect(JSON.stringify(instances.body)).not.toContain('example.com');
  });

  it('answers 404 for an unknown entity', async () => {
    serveThanos(OBSERVER, {});
    const { app } = await startBackend({ entities: [] });
    const res = await request(app).get(
      '/api/thanos/v1/entities/default/resource/nope/status',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('answers 400 naming the annotation when it is missing or invalid', async () => {
    serveThanos(OBSERVER, {});
    const plain = clusterEntity('plain');
    delete plain.metadata.annotations!['thanos.io/external-labels'];
    const { app } = await startBackend({
      entities: [
        plain,
        clusterEntity('bad', { 'thanos.io/external-labels': 'cluster' }),
      ],
    });
    const missing = await request(app).get(
      '/api/thanos/v1/entities/default/resource/plain/status',
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('thanos.io/external-labels');
    const bad = await request(app).get(
      '/api/thanos/v1/entities/default/resource/bad/status',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'Invalid thanos.io/external-labels annotation "cluster"',
    );
  });

  it('answers 400 listing the available instances for an unknown one', async () => {
    serveThanos(OBSERVER, {});
    const { app } = await startBackend({
      entities: [
        clusterEntity('observee', { 'thanos.io/instance': 'elsewhere' }),
      ],
    });
    const res = await request(app).get(
      '/api/thanos/v1/entities/default/resource/observee/status',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'Thanos instance "elsewhere" (the thanos.io/instance annotation of resource:default/observee) is not configured; available: observer',
    );
    const fleet = await request(app).get(
      '/api/thanos/v1/fleet?instance=elsewhere',
    );
    expect(fleet.status).toBe(400);
    expect(specProblems(fleet.body, 'Error')).toEqual([]);
    expect(fleet.body.error.message).toContain('available: observer');
  });

  it('lists the fleet of an instance from the catalog, missing clusters included', async () => {
    serveThanos(OBSERVER, {
      stores: () => json(healthyCentral(['a'])),
      query: () => json(metricsBody(['a'])),
    });
    serveThanos(BACKUP, {});
    const { app } = await startBackend({
      entities: [
        clusterEntity('a', { 'thanos.io/instance': 'observer' }),
        clusterEntity('b', { 'thanos.io/instance': 'observer' }),
        clusterEntity('c', { 'thanos.io/instance': 'backup' }),
      ],
      instances: [
        { name: 'observer', queryUrl: OBSERVER },
        { name: 'backup', queryUrl: BACKUP },
      ],
    });
    const noInstance = await request(app).get('/api/thanos/v1/fleet');
    expect(noInstance.status).toBe(400);
    expect(noInstance.body.error.message).toContain(
      'name one of: observer, backup',
    );

    const res = await request(app).get(
      '/api/thanos/v1/fleet?instance=observer',
    );
    expect(res.status).toBe(200);
    expect(specProblems(res.body, 'ClusterStatus', { array: true })).toEqual(
      [],
    );
    const fleet: ClusterStatus[] = res.body;
    expect(fleet.map(s => [s.entityRef, s.sidecar.state])).toEqual([
      ['resource:default/a', 'ok'],
      ['resource:default/b', 'error'],
    ]);
  });

  it('lists the label sets Thanos serves that no entity claims', async () => {
    serveThanos(OBSERVER, {
      stores: () => json(healthyCentral(['a', 'oslo'])),
      query: () => json(metricsBody(['a'])),
    });
    const { app } = await startBackend({
      entities: [clusterEntity('a')],
    });
    const res = await request(app).get('/api/thanos/v1/fleet/unclaimed');
    expect(res.status).toBe(200);
    expect(
      specProblems(res.body, 'UnclaimedLabelSet', { array: true }),
    ).toEqual([]);
    expect(res.body).toEqual([
      {
        labels: { cluster: 'oslo', prometheus: 'monitoring/kps-prometheus' },
        types: ['query'],
      },
    ]);
    const unknown = await request(app).get(
      '/api/thanos/v1/fleet/unclaimed?instance=nope',
    );
    expect(unknown.status).toBe(400);
  });

  it('answers a clear error when no instances are configured', async () => {
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
      instances: [],
    });
    for (const path of [
      '/api/thanos/v1/entities/default/resource/observee/status',
      '/api/thanos/v1/fleet',
      '/api/thanos/v1/instances',
    ]) {
      const res = await request(app).get(path);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain(
        'No Thanos instances configured',
      );
    }
  });

  it('costs one stores call and one query for 200 concurrent requests on a cold cache', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `cluster-${i}`);
    const { calls, queries } = serveThanos(OBSERVER, {
      stores: async () => {
        await delay(50);
        return json(healthyCentral(names));
      },
      query: async () => {
        await delay(50);
        return json(metricsBody(names));
      },
    });
    const { app } = await startBackend({
      entities: names.map(name => clusterEntity(name)),
      instances: [{ name: 'observer', queryUrl: OBSERVER }],
    });
    const statuses = await Promise.all(names.map(name => statusOf(app, name)));
    expect(statuses.every(s => s.sidecar.state === 'ok')).toBe(true);
    expect(calls).toMatchObject({ stores: 1, query: 1 });
    expect(queries[0]).toContain('by (cluster)');

    await Promise.all(names.slice(0, 50).map(name => statusOf(app, name)));
    expect(calls).toMatchObject({ stores: 1, query: 1 });
  });

  it('adds the Kubernetes inside view when a module provides a reader', async () => {
    serveThanos(OBSERVER, {
      stores: () => json(healthyCentral(['observee', 'other'])),
      query: () => json(metricsBody(['observee', 'other'])),
    });
    const requests: unknown[] = [];
    const pod = {
      name: 'thanos-compactor-0',
      namespace: 'monitoring',
      ready: false,
      phase: 'Running',
      restarts: 7,
      waitingReason: 'CrashLoopBackOff',
    };
    const insideView = createBackendModule({
      pluginId: 'thanos',
      moduleId: 'test-inside-view',
      register(env) {
        env.registerInit({
          deps: { thanos: thanosInsideViewExtensionPoint },
          async init({ thanos }) {
            thanos.setInsideViewReader({
              async read(req) {
                requests.push(req);
                return {
                  view: {
                    cluster: req.cluster,
                    compactor: {
                      workloads: [
                        {
                          kind: 'StatefulSet',
                          name: 'thanos-compactor',
                          namespace: 'monitoring',
                          replicas: 1,
                          readyReplicas: 0,
                          bucket: 'thanos-store-observee',
                          args: ['compact', '--retention.resolution-raw=30d'],
                        },
                      ],
                      pods: [pod],
                    },
                    sidecar: null,
                    ingress: null,
                  },
                  errors: [
                    {
                      source: 'kubernetes',
                      target: req.cluster,
                      message: 'ingresses is forbidden',
                      status: 403,
                    },
                  ],
                };
              },
            });
          },
        });
      },
    });
    const { app } = await startBackend({
      entities: [
        clusterEntity('observee', {
          'thanos.io/kubernetes-cluster': 'observee-eks',
        }),
        clusterEntity('other'),
      ],
      modules: [insideView],
    });
    const status = await statusOf(app, 'observee');
    expect(requests).toEqual([
      {
        cluster: 'observee-eks',
        observeeKey: 'observee',
        externalLabels: [{ name: 'cluster', op: '=', value: 'observee' }],
      },
    ]);
    expect(status.kubernetes?.cluster).toBe('observee-eks');
    expect(status.compactor.evidence.pods).toEqual([pod]);
    expect(status.compactor.evidence.retention).toEqual({
      raw: '30d',
      fiveMinutes: null,
      oneHour: null,
    });
    expect(status.errors).toEqual([
      expect.objectContaining({ source: 'kubernetes', status: 403 }),
    ]);

    // Without the annotation the inside view is simply absent.
    const other = await statusOf(app, 'other');
    expect(other.kubernetes).toBeUndefined();
    expect(requests).toHaveLength(1);
  });

  it('warms the cache in the background so requests make no upstream call', async () => {
    const { calls } = serveThanos(OBSERVER, {
      stores: () => json(healthyCentral(['observee'])),
      query: () => json(metricsBody(['observee'])),
    });
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
      instances: [{ name: 'observer', queryUrl: OBSERVER }],
      warm: true,
    });
    expect(calls).toMatchObject({ stores: 1, query: 1 });
    await statusOf(app, 'observee');
    expect(calls).toMatchObject({ stores: 1, query: 1 });
  });

  it('warms the TLS querier reads too, so replicas do not each make them on a request', async () => {
    // The central query no longer lists the cluster: requests need its TLS querier.
    const { calls } = serveThanos(OBSERVER, {
      stores: () => json(healthyCentral([])),
      query: () => json(metricsBody(['observee'])),
    });
    const { app } = await startBackend({
      entities: [clusterEntity('observee')],
      warm: true,
    });
    expect(calls).toMatchObject({ stores: 1, query: 1, tlsQuerier: 1 });
    const status = await statusOf(app, 'observee');
    expect(status.sidecar.evidence.tlsQuerierEndpoints).not.toBeNull();
    expect(calls).toMatchObject({ stores: 1, query: 1, tlsQuerier: 1 });
  });

  describe('with the Kubernetes inside view and the TLS querier through Kubernetes', () => {
    const OBSERVEE_API = 'https://observee.k8s.example.com';
    const OBSERVER_API = 'https://observer.k8s.example.com';
    const K8S_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.k8s-reader-secret';
    const kubernetes = {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'observee-eks',
              url: OBSERVEE_API,
              authProvider: 'serviceAccount',
              serviceAccountToken: K8S_TOKEN,
              skipTLSVerify: true,
            },
            {
              name: 'observer-eks',
              url: OBSERVER_API,
              authProvider: 'serviceAccount',
              serviceAccountToken: K8S_TOKEN,
              skipTLSVerify: true,
            },
          ],
        },
      ],
    };

    /** The observee's API server (msw), serving the objects in the shapes the API server returns. */
    function serveObserveeCluster(
      state: { compactorPods?: unknown[]; secretStatus?: number } = {},
    ) {
      const authorization: string[] = [];
      const ns = `${OBSERVEE_API}/api/v1/namespaces/monitoring`;
      const seen = (req: Request) =>
        authorization.push(req.headers.get('authorization') ?? '');
      server.use(
        http.get(
          `${OBSERVEE_API}/apis/apps/v1/namespaces/monitoring/deployments`,
          ({ request: req }) => {
            seen(req);
            return HttpResponse.json(
              list('DeploymentList', 'apps/v1', [compactorDeployment()]),
            );
          },
        ),
        http.get(
          `${OBSERVEE_API}/apis/apps/v1/namespaces/monitoring/statefulsets`,
          () => HttpResponse.json(list('StatefulSetList', 'apps/v1', [])),
        ),
        http.get(`${ns}/pods`, ({ request: req }) => {
          const selector = new URL(req.url).searchParams.get('labelSelector');
          const items =
            selector === 'app.kubernetes.io/component=compactor'
              ? state.compactorPods ?? [crashLoopingCompactorPod]
              : [prometheusPod()];
          return HttpResponse.json(list('PodList', 'v1', items));
        }),
        http.get(
          `${OBSERVEE_API}/apis/networking.k8s.io/v1/namespaces/monitoring/ingresses`,
          () =>
            HttpResponse.json(
              list('IngressList', 'networking.k8s.io/v1', [
                thanosGatewayIngress(),
              ]),
            ),
        ),
        http.get(`${ns}/secrets/thanos-ca`, () =>
          state.secretStatus === 403
            ? HttpResponse.json(secretsForbiddenStatus, { status: 403 })
            : HttpResponse.json(thanosCaPartialMetadata),
        ),
      );
      return { authorization };
    }

    /** The observer's API server proxying to the TLS querier Services (msw). */
    function serveObserverProxy(
      answer: (key: string) => Response = () =>
        json(JSON.stringify(tlsQuerierStores)),
    ) {
      const calls: string[] = [];
      const authorization: string[] = [];
      server.use(
        http.get(
          /^https:\/\/observer\.k8s\.example\.com\/api\/v1\/namespaces\/monitoring\/services\/http:thanos-tls-querier-([a-z0-9-]+)-query:10902\/proxy\/api\/v1\/stores$/,
          ({ request: req }) => {
            const key = /tls-querier-([a-z0-9-]+)-query/.exec(req.url)![1];
            calls.push(key);
            authorization.push(req.headers.get('authorization') ?? '');
            return answer(key);
          },
        ),
      );
      return { calls, authorization };
    }

    const observeeWithCluster = clusterEntity('observee', {
      'thanos.io/kubernetes-cluster': 'observee-eks',
    });

    it('reads the inside view configured in kubernetes.clusterLocatorMethods and joins its findings', async () => {
      // The observer's stores entry names a host the observee's ingress does not serve.
      serveThanos(OBSERVER, {
        stores: () => json(healthyCentral(['observee'])),
        query: () => json(metricsBody(['observee'])),
        tlsQuerier: () =>
          json(
            withInt64Sentinels(
              storesBody({
                sidecar: [
                  endpointEntry({
                    name: 'thanos-sidecar.observee.eu-west-3.example.com:443',
                    labels: [{ cluster: 'observee' }],
                  }),
                ],
              }),
            ),
          ),
      });
      const cluster = serveObserveeCluster();
      logs.length = 0;
      const { app } = await startBackend({
        entities: [observeeWithCluster],
        config: { kubernetes },
      });
      const res = await request(app).get(
        '/api/thanos/v1/entities/default/resource/observee/status',
      );
      expect(res.status).toBe(200);
      const status: ClusterStatus = res.body;

      expect(status.kubernetes?.cluster).toBe('observee-eks');
      expect(status.kubernetes?.ingress?.hosts).toEqual([SIDECAR_HOST]);
      expect(status.errors).toEqual([]);

      // Joined: the stores entry's host against the ingress host, on the sidecar.
      expect(status.sidecar.findings.map(f => f.id)).toContain(
        'sidecar.ingress-host-mismatch',
      );
      // Thanos proves the path works right now, so the mismatch is a warning about the next
      // nginx reload, not an error that would contradict the live data.
      expect(status.sidecar.state).toBe('warning');
      expect(status.sidecar.summary).toContain(
        "sidecar ingress host differs from the observer's stores entry",
      );
      expect(
        status.sidecar.findings.find(
          f => f.id === 'sidecar.ingress-host-mismatch',
        )?.detail,
      ).toContain('Yet the observer reaches the sidecar right now');

      // The compactor's crash-loop, once, in the inside view's words (halted reads 0).
      const crash = status.compactor.findings.filter(
        f => f.id === 'compactor.pod-crashlooping',
      );
      expect(crash).toHaveLength(1);
      expect(crash[0].title).toContain('while thanos_compact_halted reads 0');
      expect(status.compactor.state).toBe('error');
      expect(status.compactor.summary).toBe(crash[0].title);

      expect(cluster.authorization[0]).toBe(`Bearer ${K8S_TOKEN}`);
      expect(JSON.stringify(res.body)).not.toContain(K8S_TOKEN);
      expect(logs.join('\n')).not.toContain(K8S_TOKEN);
    });

    it('shows everything else when the client-CA Secret may not be read (403)', async () => {
      serveThanos(OBSERVER, {
        stores: () => json(healthyCentral(['observee'])),
        query: () => json(metricsBody(['observee'])),
      });
      serveObserveeCluster({ compactorPods: [], secretStatus: 403 });
      const { app } = await startBackend({
        entities: [observeeWithCluster],
        config: { kubernetes },
      });
      const status = await statusOf(app, 'observee');
      expect(status.errors).toEqual([
        expect.objectContaining({ source: 'kubernetes', status: 403 }),
      ]);
      expect(status.kubernetes?.ingress?.clientCaSecretExists).toBeNull();
      const forbidden = status.sidecar.findings.find(
        f => f.id === 'kubernetes.forbidden',
      );
      expect(forbidden?.hint).toContain('secrets');
      expect(status.sidecar.state).toBe('warning');
      expect(status.compactor.state).toBe('ok');
    });

    it('has no inside view and warns about nothing without kubernetes config', async () => {
      serveThanos(OBSERVER, {
        stores: () => json(healthyCentral(['observee'])),
        query: () => json(metricsBody(['observee'])),
      });
      logs.length = 0;
      const { app } = await startBackend({ entities: [observeeWithCluster] });
      const status = await statusOf(app, 'observee');
      expect(status.kubernetes).toBeUndefined();
      expect(status.errors).toEqual([]);
      expect(
        logs.filter(
          line => line.startsWith('warn:') && line.includes('plugin=thanos'),
        ),
      ).toEqual([]);
    });

    it.each([
      [
        {
          kubernetes: {
            clusterLocatorMethods: [
              { type: 'config', clusters: [{ name: 'observee-eks' }] },
            ],
          },
        },
        undefined,
        'kubernetes.clusterLocatorMethods[0].clusters[0].url is required',
      ],
      [
        { kubernetes },
        [
          {
            name: 'observer',
            queryUrl: OBSERVER,
            tlsQuerierKubernetes: { cluster: 'elsewhere' },
          },
        ],
        'thanos.instances[0].tlsQuerierKubernetes.cluster "elsewhere" is not a cluster of kubernetes.clusterLocatorMethods',
      ],
      [
        { kubernetes },
        [
          {
            name: 'observer',
            queryUrl: OBSERVER,
            tlsQuerierUrlTemplate: TLS_QUERIER('{key}'),
            tlsQuerierKubernetes: { cluster: 'observer-eks' },
            kubernetesClusters: ['observee-eks'],
          },
        ],
        'give only one of thanos.instances[0].tlsQuerierUrlTemplate and thanos.instances[0].tlsQuerierKubernetes',
      ],
    ])(
      'fails the start-up naming the key of bad Kubernetes config (%#)',
      async (config, instances, message) => {
        await expect(
          startBackend({ entities: [], config, instances }),
        ).rejects.toThrow(message);
      },
    );

    it("reads each observee's TLS querier through the observer's service proxy, shared by concurrent requests", async () => {
      const thanos = serveThanos(OBSERVER, {
        stores: () => json(healthyCentral(['observee', 'other'])),
        query: () => json(metricsBody(['observee', 'other'])),
      });
      const proxy = serveObserverProxy();
      logs.length = 0;
      const { app } = await startBackend({
        entities: [clusterEntity('observee'), clusterEntity('other')],
        config: { kubernetes },
        instances: [
          {
            name: 'observer',
            queryUrl: OBSERVER,
            tlsQuerierKubernetes: { cluster: 'observer-eks' },
            kubernetesClusters: ['observee-eks'],
            timeoutMs: 2000,
          },
        ],
      });
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          request(app).get(
            `/api/thanos/v1/entities/default/resource/${
              i % 2 ? 'other' : 'observee'
            }/status`,
          ),
        ),
      );
      expect(responses.every(res => res.status === 200)).toBe(true);
      expect(proxy.calls.sort()).toEqual(['observee', 'other']);
      expect(thanos.calls.tlsQuerier).toBe(0);

      const status: ClusterStatus = responses[0].body;
      expect(status.errors).toEqual([]);
      expect(status.sidecar.evidence.tlsQuerierEndpoints).toEqual([
        expect.objectContaining({
          name: 'thanos-sidecar.observee.example.com:443',
          type: 'sidecar',
          // 9223372036854775807 survived the text hand-over as "no upper limit".
          maxTime: null,
          minTime: 1763366400000,
        }),
      ]);
      expect(proxy.authorization[0]).toBe(`Bearer ${K8S_TOKEN}`);
      const everything = JSON.stringify(responses.map(res => res.body));
      expect(everything).not.toContain(K8S_TOKEN);
      expect(everything).not.toContain(TOKEN);
      expect(logs.join('\n')).not.toContain(K8S_TOKEN);
    });

    it('reports a TLS querier the service proxy may not read, without failing the answer', async () => {
      serveThanos(OBSERVER, {
        stores: () => json(healthyCentral([])),
        query: () => json(metricsBody([])),
      });
      serveObserverProxy(() =>
        HttpResponse.json(serviceProxyForbiddenStatus, { status: 403 }),
      );
      const { app } = await startBackend({
        entities: [clusterEntity('observee')],
        config: { kubernetes },
        instances: [
          {
            name: 'observer',
            queryUrl: OBSERVER,
            tlsQuerierKubernetes: { cluster: 'observer-eks' },
            kubernetesClusters: ['observee-eks'],
          },
        ],
      });
      const status = await statusOf(app, 'observee');
      expect(status.errors).toEqual([
        expect.objectContaining({
          source: 'tls-querier',
          target: 'observer TLS querier observee',
          status: 403,
          message: expect.stringContaining('services/proxy'),
        }),
      ]);
      expect(status.sidecar.state).toBe('error');
    });
  });

  describe("the observer's own cluster (a sidecar the central query dials directly)", () => {
    const centralWithObserverSidecar = (lastError: string | null) =>
      json(
        withInt64Sentinels(
          storesBody({
            sidecar: [
              endpointEntry({
                name: '10.0.101.23:10901',
                labels: [{ cluster: 'observer' }],
                lastError,
              }),
            ],
            query: [
              endpointEntry({
                name: '10.0.102.1:10901',
                labels: [{ cluster: 'observee' }],
              }),
            ],
          }),
        ),
      );

    it('is not asked of a TLS querier it does not have', async () => {
      const { calls } = serveThanos(OBSERVER, {
        stores: () => centralWithObserverSidecar(null),
        query: () => json(metricsBody(['observer', 'observee'])),
        tlsQuerier: key =>
          key === 'observer'
            ? json('{"status":"error","error":"not found"}', 404)
            : json(healthyTlsQuerier(key)),
      });
      const { app } = await startBackend({
        entities: [clusterEntity('observer'), clusterEntity('observee')],
      });
      const observer = await statusOf(app, 'observer');
      expect(calls.tlsQuerier).toBe(0);
      expect(observer.errors).toEqual([]);
      expect(observer.sidecar.state).toBe('ok');
      expect(observer.sidecar.summary).toMatch(/^Reachable directly/);
      expect(observer.sidecar.evidence.tlsQuerierEndpoints).toBeNull();
      const tlsHop = observer.sidecar.evidence.hops.find(
        h => h.id === 'tls-querier',
      );
      expect(tlsHop).toMatchObject({ state: 'ok' });
      expect(tlsHop?.summary).toMatch(/^Not in the path/);

      // An observee behind its TLS querier still gets its TLS querier read.
      const observee = await statusOf(app, 'observee');
      expect(calls.tlsQuerier).toBe(1);
      expect(observee.sidecar.evidence.tlsQuerierEndpoints).toHaveLength(1);
    });

    it('asks the TLS querier when the direct sidecar entry is failing', async () => {
      const { calls } = serveThanos(OBSERVER, {
        stores: () => centralWithObserverSidecar(TLS_UNKNOWN_AUTHORITY_ERROR),
        query: () => json(metricsBody(['observer'])),
      });
      const { app } = await startBackend({
        entities: [clusterEntity('observer')],
      });
      const status = await statusOf(app, 'observer');
      expect(calls.tlsQuerier).toBe(1);
      expect(status.sidecar.state).toBe('error');
    });
  });

  it('judges again when new facts arrive, the inside view included', async () => {
    let stores = healthyCentral(['observee']);
    serveThanos(OBSERVER, {
      stores: () => json(stores),
      query: () => json(metricsBody(['observee'])),
    });
    let crashLooping = true;
    const insideView = createBackendModule({
      pluginId: 'thanos',
      moduleId: 'test-changing-inside-view',
      register(env) {
        env.registerInit({
          deps: { thanos: thanosInsideViewExtensionPoint },
          async init({ thanos }) {
            thanos.setInsideViewReader({
              async read(req) {
                return {
                  view: {
                    cluster: req.cluster,
                    compactor: {
                      workloads: [],
                      pods: [
                        {
                          name: 'thanos-compactor-0',
                          namespace: 'monitoring',
                          ready: !crashLooping,
                          phase: 'Running',
                          restarts: crashLooping ? 7 : 0,
                          ...(crashLooping
                            ? { waitingReason: 'CrashLoopBackOff' }
                            : {}),
                        },
                      ],
                    },
                    sidecar: null,
                    ingress: null,
                  },
                  errors: [],
                };
              },
            });
          },
        });
      },
    });
    const { app } = await startBackend({
      entities: [
        clusterEntity('observee', {
          'thanos.io/kubernetes-cluster': 'observee-eks',
        }),
      ],
      modules: [insideView],
      config: { thanos: { cacheTtlSeconds: 0.05 } },
    });

    const first = await statusOf(app, 'observee');
    expect(first.compactor.state).toBe('error');
    expect(first.sidecar.summary).toMatch(/^Reachable through/);

    stores = withInt64Sentinels(
      storesBody({
        query: [
          endpointEntry({
            name: '10.0.102.1:10901',
            labels: [{ cluster: 'observee' }],
            lastError: TLS_UNKNOWN_AUTHORITY_ERROR,
          }),
        ],
      }),
    );
    crashLooping = false;
    await new Promise(resolve => setTimeout(resolve, 120));

    const second = await statusOf(app, 'observee');
    // The TLS querier hop fails, so the compactor's metrics cannot arrive: its ready pod says it
    // runs, but not whether it is halted.
    expect(second.compactor.state).toBe('unknown');
    expect(second.compactor.summary).toMatch(
      /^Running \(Kubernetes: 1\/1 pod ready\)/,
    );
    expect(second.sidecar.state).toBe('error');
    expect(second.sidecar.summary).not.toMatch(/^Reachable/);
    expect(Date.parse(second.checkedAt)).toBeGreaterThan(
      Date.parse(first.checkedAt),
    );
  });
});
