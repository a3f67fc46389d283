import { registerMswTestHooks } from '@backstage/backend-test-utils';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { ThanosInstance } from './ThanosInstance';
import { TEST_SERVER_CERT, TEST_SERVER_KEY } from './__fixtures__/tls';
import { STORES_EMPTY } from './__fixtures__/stores';

// A real HTTPS server: the TLS settings only matter on a real handshake.
const server = setupServer(
  http.all(/^https:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
);
registerMswTestHooks(server);

let thanos: https.Server;
let queryUrl: string;

beforeAll(async () => {
  thanos = https.createServer(
    { cert: TEST_SERVER_CERT, key: TEST_SERVER_KEY },
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(STORES_EMPTY);
    },
  );
  await new Promise<void>(resolve => thanos.listen(0, '127.0.0.1', resolve));
  queryUrl = `https://127.0.0.1:${(thanos.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => thanos.close(resolve));
});

const instance = (tls?: { ca?: string; insecureSkipVerify: boolean }) =>
  new ThanosInstance({
    name: 'observer',
    queryUrl,
    timeoutMs: 5000,
    refreshIntervalSeconds: 30,
    ...(tls ? { tls } : {}),
  });

describe('ThanosInstance TLS settings', () => {
  it('trusts a server signed by the configured CA', async () => {
    await expect(
      instance({
        ca: TEST_SERVER_CERT,
        insecureSkipVerify: false,
      }).query.getStores(),
    ).resolves.toEqual([]);
  });

  it('refuses a server whose CA is not configured, saying why', async () => {
    await expect(instance().query.getStores()).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringMatching(
        /^observer \/api\/v1\/stores: TLS handshake failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\): set tls\.ca of this instance/,
      ),
    });
  });

  it('accepts any certificate with insecureSkipVerify', async () => {
    await expect(
      instance({ insecureSkipVerify: true }).query.getStores(),
    ).resolves.toEqual([]);
  });
});
