import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ClusterStatus } from '@thanos-backstage/plugin-thanos-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ThanosInstance } from '../client/ThanosInstance';
import { vectorBody } from '../client/__fixtures__/query';
import { CoalescingCache } from './CoalescingCache';
import type { InsideViewReader } from '@thanos-backstage/plugin-thanos-node';
import { ObserveeDirectory } from './ObserveeDirectory';
import { CHECK_LABEL } from './promqlBatch';
import { ThanosFacts } from './ThanosFacts';
import { ThanosStatusService } from './ThanosStatusService';

/**
 * One entity's annotations never change another entity's query or answer. The Thanos double
 * (msw) answers `/api/v1/stores` in the v0.16+ shape and `/api/v1/query` like Prometheus would:
 * series grouped `by (cluster)`, and HTTP 422 for any other grouping (as a real Prometheus does
 * for a grouping it cannot evaluate, e.g. `by (cluster, inf)`).
 */

const server = setupServer();
registerMswTestHooks(server);

const QUERY = 'https://thanos-query.example.com';
const CLUSTERS = ['observee', 'other'];

function entity(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'kubernetes-cluster', owner: 'platform' },
  };
}

const bystanders = CLUSTERS.map(cluster =>
  entity(cluster, { 'thanos.io/external-labels': `cluster=${cluster}` }),
);
const hostile = [
  entity('catastrophic-regex', {
    'thanos.io/external-labels': 'cluster=~"(.*){13}X"',
  }),
  entity('own-labels', {
    'thanos.io/external-labels': 'cluster=observee,env=prod',
  }),
  entity('forbidden-cluster', {
    'thanos.io/external-labels': 'cluster=observee',
    'thanos.io/kubernetes-cluster': 'prod-payments',
  }),
];

function serveThanos() {
  const queries: string[] = [];
  const now = Date.now();
  server.use(
    http.get(`${QUERY}/api/v1/stores`, () =>
      HttpResponse.json({
        status: 'success',
        data: {
          query: CLUSTERS.map((cluster, i) => ({
            name: `10.0.102.${i + 1}:10901`,
            lastCheck: new Date(now).toISOString(),
            lastError: null,
            labelSets: [{ cluster }],
            minTime: now - 86_400_000,
            maxTime: now,
          })),
        },
      }),
    ),
    http.post(`${QUERY}/api/v1/query`, async ({ request }) => {
      const query = new URLSearchParams(await request.text()).get('query')!;
      queries.push(query);
      if (!/^label_replace\(\w+ by \(cluster\) \(/.test(query)) {
        return HttpResponse.json(
          {
            status: 'error',
            errorType: 'bad_data',
            error: 'unexpected identifier in grouping opts',
          },
          { status: 422 },
        );
      }
      const checks = [...query.matchAll(/"__thanos_check", "(\w+)"/g)].map(
        m => m[1],
      );
      const value: Record<string, string> = {
        compactHalted: '0',
        compactUp: '1',
        sidecarPrometheusUp: '1',
        // Healthy for the whole window: a compactor and a sidecar up at each of its 5 steps.
        alert_ThanosCompactIsDown: '5',
        alert_ThanosSidecarIsDown: '5',
      };
      return new HttpResponse(
        vectorBody(
          CLUSTERS.flatMap(cluster =>
            checks
              .filter(check => check in value)
              .map(check => ({
                metric: { cluster, [CHECK_LABEL]: check },
                value: value[check],
              })),
          ),
        ),
        { headers: { 'content-type': 'application/json' } },
      );
    }),
  );
  return queries;
}

function statusService(entities: Entity[], reader: InsideViewReader) {
  const catalog = catalogServiceMock({ entities });
  const instance = new ThanosInstance({
    name: 'observer',
    queryUrl: QUERY,
    timeoutMs: 2000,
    refreshIntervalSeconds: 30,
    groupingLabels: ['cluster'],
    kubernetesClusters: ['observee-eks'],
  });
  const cache = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
    'thanos',
  );
  return new ThanosStatusService({
    instances: [instance],
    facts: new ThanosFacts(new CoalescingCache(cache), () => 30_000),
    directory: new ObserveeDirectory({
      catalog,
      auth: mockServices.auth(),
    }),
    catalog,
    logger: mockServices.logger.mock(),
    insideView: () => reader,
  });
}

const statusOf = (service: ThanosStatusService, name: string) =>
  service.entityStatus(
    { kind: 'resource', namespace: 'default', name },
    mockCredentials.user(),
  );

/** What a user of the cluster sees, without the read time. */
const verdict = (status: ClusterStatus) => ({
  sidecar: status.sidecar.state,
  compactor: status.compactor.state,
  findings: [...status.sidecar.findings, ...status.compactor.findings].map(
    f => f.id,
  ),
  errors: status.errors,
});

describe('hostile annotations', () => {
  const reads: string[] = [];
  const reader: InsideViewReader = {
    async read(request) {
      reads.push(request.cluster);
      return { view: undefined, errors: [] };
    },
  };

  it('change neither the shared query nor any other entity’s answer', async () => {
    serveThanos();
    const without = statusService(bystanders, reader);
    const expected = await Promise.all(
      CLUSTERS.map(async name => verdict(await statusOf(without, name))),
    );
    expect(expected.map(v => v.compactor)).toEqual(['ok', 'ok']);

    const queries = serveThanos();
    const withHostile = statusService([...bystanders, ...hostile], reader);
    for (const name of ['catastrophic-regex', 'own-labels']) {
      await statusOf(withHostile, name);
    }
    const actual = await Promise.all(
      CLUSTERS.map(async name => verdict(await statusOf(withHostile, name))),
    );
    expect(actual).toEqual(expected);
    // The shared query groups by the configured label only; the entity with other labels has
    // one of its own, and nothing an annotation holds is pasted into PromQL.
    expect(queries.filter(q => q.includes('by (cluster) ('))).toHaveLength(1);
    expect(queries.filter(q => q.includes('by (cluster, env) ('))).toHaveLength(
      1,
    );
    expect(queries.join(' ')).not.toMatch(/prod|observee|\(\.\*\)/);
  });

  it('lets a failing query of its own fail only that entity', async () => {
    serveThanos();
    const service = statusService([...bystanders, ...hostile], reader);
    const own = await statusOf(service, 'own-labels');
    expect(own.errors).toEqual([
      expect.objectContaining({
        source: 'promql',
        status: 422,
        message: expect.stringContaining('Thanos refused the request'),
      }),
    ]);
    for (const name of CLUSTERS) {
      expect((await statusOf(service, name)).errors).toEqual([]);
    }
  });

  it('reads no Kubernetes cluster its instance does not list, and names none', async () => {
    serveThanos();
    reads.length = 0;
    const service = statusService([...bystanders, ...hostile], reader);
    const status = await statusOf(service, 'forbidden-cluster');
    expect(reads).toEqual([]);
    expect(status.kubernetes).toBeUndefined();
    expect(status.errors).toEqual([
      expect.objectContaining({
        source: 'config',
        message: expect.stringContaining(
          'names cluster "prod-payments", which Thanos instance observer may not read',
        ),
      }),
    ]);
    expect(JSON.stringify(status)).not.toContain('observee-eks');
  });
});
