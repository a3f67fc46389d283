import { ConfigReader } from '@backstage/config';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  noEndpointsStatus,
  serviceProxyForbiddenStatus,
  tlsQuerierStores,
} from './__fixtures__/apiServer';
import { KubernetesClusterRegistry } from './KubernetesClusterRegistry';
import { readTlsQuerierStoresViaProxy } from './tlsQuerierProxy';

/** The observer cluster's API server proxying to an observee's TLS querier (msw fake). */

const server = setupServer();
registerMswTestHooks(server);

const API = 'https://observer.k8s.example.com';
const PROXY_PATH =
  '/api/v1/namespaces/monitoring/services/http:thanos-tls-querier-observee-query:10902/proxy/api/v1/stores';

const observer = KubernetesClusterRegistry.fromConfig(
  new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'observer',
              url: API,
              authProvider: 'serviceAccount',
              serviceAccountToken: 'observer-token',
              skipTLSVerify: true,
            },
          ],
        },
      ],
    },
  }),
).get('observer');

describe('readTlsQuerierStoresViaProxy', () => {
  it("returns the TLS querier's /api/v1/stores as raw JSON text", async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${API}${PROXY_PATH}`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json(tlsQuerierStores);
      }),
    );

    const read = await readTlsQuerierStoresViaProxy(observer, 'observee');

    expect(read).toEqual({ ok: true, text: JSON.stringify(tlsQuerierStores) });
    expect(authorization).toBe('Bearer observer-token');
  });

  it('keeps int64 sentinels intact by handing over the text unparsed', async () => {
    server.use(
      http.get(
        `${API}${PROXY_PATH}`,
        () =>
          new HttpResponse(
            '{"status":"success","data":{"sidecar":[{"maxTime":9223372036854775807}]}}',
            {
              headers: { 'content-type': 'application/json' },
            },
          ),
      ),
    );

    const read = await readTlsQuerierStoresViaProxy(observer, 'observee');

    expect(read.ok && read.text).toContain('9223372036854775807');
  });

  it('explains a TLS querier without ready pods', async () => {
    server.use(
      http.get(`${API}${PROXY_PATH}`, () =>
        HttpResponse.json(noEndpointsStatus, { status: 503 }),
      ),
    );

    const read = await readTlsQuerierStoresViaProxy(observer, 'observee');

    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error).toEqual(
      expect.objectContaining({
        source: 'tls-querier',
        target: 'observer',
        status: 503,
      }),
    );
    expect(read.error.message).toContain(
      'no ready endpoint behind the service',
    );
    // The API server's own words stay in the log: they name services and hosts.
    expect(read.error.message).not.toContain(
      'no endpoints available for service',
    );
  });

  it('names the RBAC rule when the service proxy is forbidden', async () => {
    server.use(
      http.get(`${API}${PROXY_PATH}`, () =>
        HttpResponse.json(serviceProxyForbiddenStatus, { status: 403 }),
      ),
    );

    const read = await readTlsQuerierStoresViaProxy(observer, 'observee');

    expect(!read.ok && read.error.message).toContain(
      'RBAC: the service account cannot `get` `services/proxy` in namespace `monitoring`',
    );
    expect(!read.ok && read.error.message).toContain(
      'resourceNames: [http:thanos-tls-querier-observee-query:10902]',
    );
  });

  it('times out', async () => {
    server.use(
      http.get(`${API}${PROXY_PATH}`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );

    const read = await readTlsQuerierStoresViaProxy(observer, 'observee', {
      timeoutMs: 100,
    });

    expect(!read.ok && read.error.message).toContain(
      'did not answer within 100 ms',
    );
  });

  it('refuses an observee key that is not a DNS label instead of building a path from it', async () => {
    const read = await readTlsQuerierStoresViaProxy(observer, '../../secrets');

    expect(!read.ok && read.error.message).toContain('must be DNS labels');
  });

  it('reads the Service the configured template and port name, and names them in the RBAC rule', async () => {
    server.use(
      http.get(
        `${API}/api/v1/namespaces/observability/services/http:tls-querier-observee:9090/proxy/api/v1/stores`,
        () => HttpResponse.json(serviceProxyForbiddenStatus, { status: 403 }),
      ),
    );

    const read = await readTlsQuerierStoresViaProxy(observer, 'observee', {
      namespace: 'observability',
      serviceTemplate: 'tls-querier-{key}',
      port: 9090,
    });

    expect(!read.ok && read.error.message).toContain(
      'resourceNames: [http:tls-querier-observee:9090]',
    );
  });

  it('refuses a Service name that is not a DNS label', async () => {
    const read = await readTlsQuerierStoresViaProxy(observer, 'observee', {
      serviceTemplate: '{key}.evil/x',
    });

    expect(!read.ok && read.error.message).toContain('must be DNS labels');
  });
});
