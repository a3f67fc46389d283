import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse, delay, passthrough } from 'msw';
import net from 'node:net';
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

function instance(overrides: object = {}, logger?: LoggerService) {
  return new ThanosInstance(
    {
      name: 'observer',
      queryUrl: BASE,
      tlsQuerierUrlTemplate:
        'http://thanos-tls-querier-{key}-query.monitoring.svc:10902',
      auth: { type: 'bearer', token: TOKEN },
      timeoutMs: 200,
      refreshIntervalSeconds: 30,
      ...overrides,
    },
    { logger },
  );
}

/** Everything the mock logger was given, as one text. */
function logged(logger: ReturnType<typeof mockServices.logger.mock>): string {
  return JSON.stringify(
    [logger.warn, logger.info, logger.error, logger.debug].flatMap(
      fn => (fn as jest.Mock).mock.calls,
    ),
  );
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

  it('keeps NaN, +Inf and -Inf as values, spelled as the API spells them', async () => {
    server.use(
      http.post(`${BASE}/api/v1/query`, () =>
        json(
          vectorBody([
            { metric: { v: 'nan' }, value: 'NaN' },
            { metric: { v: 'inf' }, value: '+Inf' },
            { metric: { v: 'minus' }, value: '-Inf' },
            { metric: { v: 'junk' }, value: 'not a number' },
          ]),
        ),
      ),
    );
    const result = await instance().query.query('x');
    // A failure ratio is +Inf when every operation fails: that is an answer, not missing data.
    expect(result.samples.map(s => s.value)).toEqual([
      'NaN',
      '+Inf',
      '-Inf',
      null,
    ]);
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
      'observer /api/v1/stores: HTTP 502 with an HTML page (a proxy or ingress answered instead of Thanos)',
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
    expect(error.message).toBe(
      'observer /api/v1/stores: expected JSON but got an HTML page (is the URL pointing at the Thanos UI or a login page?)',
    );
  });

  it('reports truncated JSON', async () => {
    server.use(
      http.get(`${BASE}/api/v1/stores`, () => json(STORES_HEAD.slice(0, 100))),
    );
    const error = await failure(instance().query.getStores());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe(
      'observer /api/v1/stores: the answer is not valid JSON (cut off, or not Thanos?)',
    );
  });

  it("names Thanos' error type of a non-2xx answer and logs its text", async () => {
    server.use(
      http.post(`${BASE}/api/v1/query`, () => json(BAD_DATA_ERROR, 400)),
    );
    const logger = mockServices.logger.mock();
    const error = await failure(instance({}, logger).query.query('sum('));
    expect(error).toMatchObject({ kind: 'http', status: 400 });
    expect(error.message).toBe(
      "observer /api/v1/query: HTTP 400: Thanos refused the request (bad_data); the backend log has Thanos' error text",
    );
    expect(logged(logger)).toContain('invalid parameter');
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
      'observer /api/v1/stores: no answer within 200 ms; raise timeoutMs or check the load of Thanos Query',
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

  const echoes = [
    TOKEN,
    TOKEN.toUpperCase(),
    encodeURIComponent(`Bearer ${TOKEN}`),
    Buffer.from(TOKEN).toString('base64'),
  ];
  const leaks = (text: string) =>
    [TOKEN, ...echoes].filter(form =>
      text.toLowerCase().includes(form.toLowerCase()),
    );

  it('shows a fixed text for an error body, and logs the body without the token in any form', async () => {
    server.use(
      http.get(
        `${BASE}/api/v1/stores`,
        () =>
          new HttpResponse(
            `internal error at 10.1.2.3:9090: ${echoes.join(' | ')}`,
            { status: 500 },
          ),
      ),
    );
    const logger = mockServices.logger.mock();
    const error = await failure(instance({}, logger).query.getStores());
    expect(error.message).toBe(
      "observer /api/v1/stores: HTTP 500: Thanos failed to answer; Thanos Query's log and the backend log have the details",
    );
    expect(logged(logger)).toContain('10.1.2.3:9090');
    expect(leaks(logged(logger))).toEqual([]);
  });

  it('scrubs the token from store entries and warnings, whatever its case or encoding', async () => {
    server.use(
      http.get(`${BASE}/api/v1/stores`, () =>
        json(
          JSON.stringify({
            status: 'success',
            data: {
              query: [
                {
                  name: '10.0.0.1:10901',
                  lastCheck: '2024-01-01T00:00:00Z',
                  lastError: `rpc error: ${echoes.join(' ')}`,
                  labelSets: [{ cluster: 'x'.repeat(5000) }],
                },
              ],
            },
          }),
        ),
      ),
      http.post(`${BASE}/api/v1/query`, () =>
        json(vectorBody([], [`store failed: ${echoes.join(' ')}`])),
      ),
    );
    const [endpoint] = await instance().query.getStores();
    expect(endpoint.lastError).toContain('[redacted]');
    expect(leaks(endpoint.lastError!)).toEqual([]);
    expect(endpoint.labelSets[0].cluster).toHaveLength(1024);
    const { warnings } = await instance().query.query('x');
    expect(leaks(warnings.join(' '))).toEqual([]);
  });

  it('says "connection refused" without the address', async () => {
    // A port that was free a moment ago: nothing listens there any more.
    const probe = net.createServer();
    await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise(resolve => probe.close(resolve));
    const closed = `http://127.0.0.1:${port}`;
    server.use(http.get(`${closed}/api/v1/stores`, () => passthrough()));
    const error = await failure(
      instance({ queryUrl: closed }).query.getStores(),
    );
    expect(error.kind).toBe('network');
    expect(error.message).toBe(
      'observer /api/v1/stores: connection refused (ECONNREFUSED): nothing accepts connections at the configured address; check the URL of this instance and that Thanos Query runs',
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
