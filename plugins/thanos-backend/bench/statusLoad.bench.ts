/* eslint-disable no-console */
/**
 * Load benchmark of the Thanos status service (issue 5, "Done when"): 1000 observees behind one
 * Thanos instance, 200 concurrent entity requests on a cold and on a warm cache. Prints the
 * upstream calls per instance and the p50/p95 latency, through the service and through the HTTP
 * route. Not a test: it asserts nothing and its numbers depend on the machine.
 *
 * The Thanos instance is a local fake HTTP server on 127.0.0.1 (a test double, not Thanos) that
 * answers with the shapes of `/api/v1/stores` and `/api/v1/query` after a fixed delay and counts
 * the calls. Run with `yarn bench` in plugins/thanos-backend.
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AuthService,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ThanosInstance } from '../src/client/ThanosInstance';
import { CHECKS } from '../src/service/promqlBatch';
import { CoalescingCache } from '../src/service/CoalescingCache';
import { ObserveeDirectory } from '../src/service/ObserveeDirectory';
import { ThanosFacts } from '../src/service/ThanosFacts';
import { ThanosStatusService } from '../src/service/ThanosStatusService';
import thanosPlugin from '../src';

const OBSERVEES = 1000;
const CONCURRENT = 200;
const UPSTREAM_DELAY_MS = 20;

const clusters = Array.from({ length: OBSERVEES }, (_, i) => `observee-${i}`);

// ---------------------------------------------------------------------------------------------
// Fake Thanos (test double)

const calls = { stores: 0, query: 0, tlsQuerier: 0, other: 0 };

function storesBody(): string {
  const now = new Date().toISOString();
  const entries = clusters.map(
    (cluster, i) =>
      `{"name":"10.0.${Math.floor(i / 250)}.${
        i % 250
      }:10901","lastCheck":"${now}","lastError":null,"labelSets":[{"cluster":"${cluster}","prometheus":"monitoring/kube-prometheus-stack-prometheus"}],"minTime":${
        Date.now() - 86_400_000
      },"maxTime":9223372036854775807}`,
  );
  return `{"status":"success","data":{"query":[${entries.join(',')}]}}`;
}

function metricsBody(): string {
  const now = Date.now() / 1000;
  const values: Record<string, number> = {
    sidecarPrometheusUp: 1,
    sidecarShipperUploadFailures: 0,
    sidecarLastUpload: now - 3600,
    compactHalted: 0,
    compactUp: 1,
    compactLastRun: now - 3600,
    compactTodoCompactions: 0,
    compactTodoCompactionBlocks: 0,
    compactTodoDownsampleBlocks: 0,
    compactTodoDeletionBlocks: 0,
    compactCompactionFailurePercent: 0,
    compactBucketFailurePercent: 0,
    compactDownsampleFailures: 0,
    compactVersion: 1,
  };
  const result = clusters.flatMap(cluster =>
    Object.keys(CHECKS).map(check => ({
      metric: {
        __thanos_check: check,
        cluster,
        ...(check === 'compactVersion' ? { version: '0.42.4' } : {}),
      },
      value: [now, String(values[check])],
    })),
  );
  return JSON.stringify({
    status: 'success',
    data: { resultType: 'vector', result, analysis: {} },
  });
}

function tlsQuerierBody(key: string): string {
  return `{"status":"success","data":{"sidecar":[{"name":"thanos-sidecar.${key}.example.com:443","lastCheck":"${new Date().toISOString()}","lastError":null,"labelSets":[{"cluster":"${key}"}],"minTime":${
    Date.now() - 86_400_000
  },"maxTime":9223372036854775807}]}}`;
}

async function startFakeThanos(): Promise<{ url: string; close: () => void }> {
  const fake = http.createServer((req, res) => {
    const url = req.url ?? '';
    let body: string | undefined;
    if (url === '/api/v1/stores') {
      calls.stores++;
      body = storesBody();
    } else if (url.startsWith('/api/v1/query')) {
      calls.query++;
      body = metricsBody();
    } else if (/^\/tls\/[a-z0-9-]+\/api\/v1\/stores$/.test(url)) {
      calls.tlsQuerier++;
      body = tlsQuerierBody(url.split('/')[2]);
    } else {
      calls.other++;
    }
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(body ? 200 : 404, {
          'content-type': 'application/json',
        });
        res.end(body ?? '{"status":"error","error":"not found"}');
      }, UPSTREAM_DELAY_MS),
    );
  });
  await new Promise<void>(resolve => fake.listen(0, '127.0.0.1', resolve));
  const { port } = fake.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => fake.close() };
}

// ---------------------------------------------------------------------------------------------
// Measurement helpers

function entity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'thanos.io/external-labels': `cluster=${name}` },
    },
    spec: { type: 'kubernetes-cluster', owner: 'platform' },
  };
}

/**
 * The catalog test double with an index for `getEntityByRef`, as the real catalog has (a database
 * lookup by ref). `catalogServiceMock` rebuilds a map of all entities on every lookup, which at
 * 1000 entities costs more than the whole warm status answer and would hide what is measured.
 * Everything else is the mock's own behaviour.
 */
function indexedCatalog(entities: Entity[]): CatalogService {
  const mock = catalogServiceMock({ entities });
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const getEntityByRef: CatalogService['getEntityByRef'] = async ref =>
    byRef.get(
      stringifyEntityRef(typeof ref === 'string' ? parseEntityRef(ref) : ref),
    );
  return new Proxy(mock, {
    get(target, property) {
      if (property === 'getEntityByRef') return getEntityByRef;
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const CATALOG_DOUBLE = process.env.BENCH_CATALOG ?? 'indexed';

function catalogDouble(entities: Entity[]): CatalogService {
  return CATALOG_DOUBLE === 'mock'
    ? catalogServiceMock({ entities })
    : indexedCatalog(entities);
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

function report(label: string, latencies: number[], before: typeof calls) {
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(44)} n=${String(latencies.length).padEnd(
      4,
    )} p50=${percentile(sorted, 50).toFixed(2)} ms  p95=${percentile(
      sorted,
      95,
    ).toFixed(2)} ms  upstream: stores=${calls.stores - before.stores} query=${
      calls.query - before.query
    } tlsQuerier=${calls.tlsQuerier - before.tlsQuerier}`,
  );
}

async function timed(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

async function concurrently(
  label: string,
  names: string[],
  request: (name: string) => Promise<unknown>,
) {
  const before = { ...calls };
  const latencies = await Promise.all(
    names.map(name => timed(() => request(name))),
  );
  report(label, latencies, before);
}

async function sequentially(
  label: string,
  names: string[],
  request: (name: string) => Promise<unknown>,
) {
  const before = { ...calls };
  const latencies: number[] = [];
  for (const name of names) latencies.push(await timed(() => request(name)));
  report(label, latencies, before);
}

// ---------------------------------------------------------------------------------------------

async function benchService(url: string) {
  const config = new ConfigReader({});
  const cache = CacheManager.fromConfig(config).forPlugin('thanos');
  const catalog = catalogDouble(clusters.map(entity));
  const instance = new ThanosInstance({
    name: 'observer',
    queryUrl: url,
    tlsQuerierUrlTemplate: `${url}/tls/{key}`,
    timeoutMs: 10_000,
    refreshIntervalSeconds: 30,
    groupingLabels: ['cluster'],
  });
  const coalescing = new CoalescingCache(cache);
  const auth = {
    getOwnServiceCredentials: async () => mockCredentials.service(),
  } as unknown as AuthService;
  const logger = mockServices.rootLogger({ level: 'none' });
  const service = new ThanosStatusService({
    instances: [instance],
    facts: new ThanosFacts(coalescing, () => 30_000),
    directory: new ObserveeDirectory({ catalog, auth }),
    catalog,
    logger,
    insideView: () => undefined,
  });
  const request = (name: string) =>
    service.entityStatus(
      { kind: 'resource', namespace: 'default', name },
      mockCredentials.user(),
    );
  const names = clusters.slice(0, CONCURRENT);

  console.log(
    `\nThrough ThanosStatusService (${OBSERVEES} observees, ${CONCURRENT} requests, upstream delay ${UPSTREAM_DELAY_MS} ms)`,
  );
  await concurrently('cold cache, 200 concurrent', names, request);
  await concurrently('warm cache, 200 concurrent', names, request);
  await sequentially('warm cache, 200 sequential', names, request);
}

async function benchHttpRoute(url: string) {
  const backend = await startTestBackend({
    features: [
      thanosPlugin,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalogDouble(clusters.map(entity)),
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          thanos: {
            instances: [
              {
                name: 'observer',
                queryUrl: url,
                tlsQuerierUrlTemplate: `${url}/tls/{key}`,
              },
            ],
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const request = async (name: string) => {
    const res = await fetch(
      `http://127.0.0.1:${port}/api/thanos/v1/entities/default/resource/${name}/status`,
      { headers: { authorization: mockCredentials.user.header() } },
    );
    if (res.status !== 200)
      throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    await res.json();
  };
  const names = clusters.slice(OBSERVEES - CONCURRENT);

  console.log(
    '\nThrough the HTTP route GET /api/thanos/v1/entities/…/status (startTestBackend)',
  );
  await concurrently('cold cache, 200 concurrent', names, request);
  await concurrently('warm cache, 200 concurrent', names, request);
  await sequentially('warm cache, 200 sequential', names, request);
  await backend.stop();
}

async function main() {
  const fake = await startFakeThanos();
  console.log(
    `Catalog double: ${
      CATALOG_DOUBLE === 'mock'
        ? 'catalogServiceMock (rebuilds a map of all entities per lookup)'
        : 'catalogServiceMock with an indexed getEntityByRef (BENCH_CATALOG=mock for the plain mock)'
    }`,
  );
  try {
    await benchService(fake.url);
    await benchHttpRoute(fake.url);
    console.log(
      `\nUpstream calls in total: stores=${calls.stores} query=${calls.query} tlsQuerier=${calls.tlsQuerier} (one instance; tlsQuerier calls are one per observee and refresh)`,
    );
  } finally {
    fake.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
