import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { ThanosInstance } from './ThanosInstance';
import { ThanosRequestError } from './ThanosRequestError';
import { STORES_HEAD } from './__fixtures__/stores';
import {
  BAD_DATA_ERROR,
  BUILD_INFO,
  NGINX_502_PAGE,
  PARTIAL_RESPONSE_WARNING,
  vectorBody,
} from './__fixtures__/query';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'https://thanos-query.example.com';
const TOKEN = 'secret-token-value-123';
const json = (body: string, status = 200) =>
  new HttpResponse(body, {
    status,
    headers: { 'content-type': 'application/json' },
  });

function instance(overrides: object = {}) {
  return new ThanosInstance({
    name: 'observer',
    queryUrl: BASE,
    tlsQuerierUrlTemplate:
      'http://thanos-tls-querier-{key}-query.monitoring.svc:10902',
    auth: { type: 'bearer', token: TOKEN },
    timeoutMs: 200,
    refreshIntervalSeconds: 30,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ThanosRequestError> {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(ThanosRequestError);
  expect(error.message).not.toContain(TOKEN);
  return error;
}

describe('ThanosQueryClient', () => {
  it('reads the stores with the configured bearer token', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${BASE}/api/v1/stores`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return json(STORES_HEAD);
      }),
    );
    const endpoints = await instance().query.getStores();
    expect(endpoints).toHaveLength(4);
    expect(authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('sends PromQL as an encoded form with partial_response and returns the warnings', async () => {
    let form: URLSearchParams | undefined;
    server.use(
      http.post(`${BASE}/api/v1/query`, async ({ request }) => {
        form = new URLSearchParams(await request.text());
        return json(
          vectorBody(
            [{ metric: { cluster: 'a"b' }, value: '1' }],
            [PARTIAL_RESPONSE_WARNING],
          ),
        );
      }),
    );
    const query = 'max by (cluster) (thanos_compact_halted{cluster="a&b=c"})';
    const result = await instance().query.query(query);
    expect(form?.get('query')).toBe(query);
    expect(form?.get('partial_response')).toBe('true');
    expect(result).toEqual({
      samples: [{ labels: { cluster: 'a"b' }, value: 1 }],
      warnings: [PARTIAL_RESPONSE_WARNING],
    });
  });

  it('reads NaN values as null', async () => {
    server.use(
      http.post(`${BASE}/api/v1/query`, () =>
        json(vectorBody([{ metric: {}, value: 'NaN' }])),
      ),
    );
    const result = await instance().query.query('x');
    expect(result.samples[0].value).toBeNull();
  });

  it('reads the build info', async () => {
    server.use(
      http.get(`${BASE}/api/v1/status/buildinfo`, () => json(BUILD_INFO)),
    );
    expect(await instance().query.buildInfo()).toEqual({
      version: '0.42.4',
      revision: '45c4f39487e1653e606307d3952a6259fb96acae',
    });
  });

  it('explains an HTML error page from a proxy', async () => {
    server.use(
      http.get(
        `${BASE}/api/v1/stores`,
        () =>
          new HttpResponse(NGINX_502_PAGE, {
            status: 502,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    const error = await failure(instance().query.getStores());
    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
    expect(error.message).toBe(
      'observer /api/v1/stores: HTTP 502 with an HTML page titled "502 Bad Gateway" (a proxy or ingress answered instead of Thanos)',
    );
  });

  it('refuses a 200 HTML page (a login page or the UI)', async () => {
    server.use(
      http.get(
        `${BASE}/api/v1/stores`,
        () =>
          new HttpResponse('<!doctype html><title>Sign in</title>', {
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    const error = await failure(instance().query.getStores());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('HTML page titled "Sign in"');
  });

  it('reports truncated JSON', async () => {
    server.use(
      http.get(`${BASE}/api/v1/stores`, () => json(STORES_HEAD.slice(0, 100))),
    );
    const error = await failure(instance().query.getStores());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/^observer \/api\/v1\/stores: invalid JSON/);
  });

  it("passes on Thanos' own error text of a non-2xx answer", async () => {
    server.use(
      http.post(`${BASE}/api/v1/query`, () => json(BAD_DATA_ERROR, 400)),
    );
    const error = await failure(instance().query.query('sum('));
    expect(error).toMatchObject({ kind: 'http', status: 400 });
    expect(error.message).toContain(
      'HTTP 400: bad_data: invalid parameter "query"',
    );
  });

  it('reports a 5xx without a body', async () => {
    server.use(
      http.get(
        `${BASE}/api/v1/stores`,
        () => new HttpResponse(null, { status: 503 }),
      ),
    );
    const error = await failure(instance().query.getStores());
    expect(error).toMatchObject({ kind: 'http', status: 503 });
  });

  it('gives up after the timeout', async () => {
    server.use(
      http.get(`${BASE}/api/v1/stores`, async () => {
        await delay(2000);
        return json(STORES_HEAD);
      }),
    );
    const error = await failure(instance().query.getStores());
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(
      'observer /api/v1/stores: no answer within 200 ms',
    );
  });

  it('reports a network error', async () => {
    server.use(http.get(`${BASE}/api/v1/stores`, () => HttpResponse.error()));
    const error = await failure(instance().query.getStores());
    expect(error.kind).toBe('network');
  });

  it('refuses a body larger than the limit', async () => {
    const huge = `{"status":"success","data":{"sidecar":[${'{"name":"x"},'.repeat(
      800_000,
    )}{"name":"y"}]}}`;
    server.use(http.get(`${BASE}/api/v1/stores`, () => json(huge)));
    const error = await failure(instance().query.getStores());
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('response larger than 8388608 bytes');
  });

  it('never repeats the token, even when upstream echoes it', async () => {
    server.use(
      http.get(
        `${BASE}/api/v1/stores`,
        ({ request }) =>
          new HttpResponse(
            `denied for ${request.headers.get('authorization')}`,
            { status: 401 },
          ),
      ),
    );
    const error = await failure(instance().query.getStores());
    expect(error.message).toBe(
      'observer /api/v1/stores: HTTP 401: denied for Bearer [redacted]',
    );
  });

  it('reaches a TLS querier only through the URL template, with a DNS-label key', async () => {
    server.use(
      http.get(
        'http://thanos-tls-querier-observee-1-query.monitoring.svc:10902/api/v1/stores',
        () => json(STORES_HEAD),
      ),
    );
    const tls = instance().tlsQuerier('observee-1');
    expect(await tls.getStores()).toHaveLength(4);
    expect(() => instance().tlsQuerier('evil.example.com/x')).toThrow(
      /is not a DNS label/,
    );
    expect(() => instance().tlsQuerier('UPPER')).toThrow(/is not a DNS label/);
  });
});
