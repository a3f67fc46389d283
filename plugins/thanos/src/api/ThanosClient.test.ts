import { ResponseError } from '@backstage/errors';
import { ThanosClient } from './ThanosClient';
import { healthyStatus } from '../__fixtures__/clusterStatus';

const BASE_URL = 'http://localhost:7007/api/thanos';

/** A fetch that answers every call with one JSON body and status, and records the URLs. */
function fakeFetch(body: unknown, status = 200) {
  const urls: string[] = [];
  const fetchApi = {
    fetch: jest.fn(async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  };
  const discoveryApi = {
    getBaseUrl: jest.fn(async (pluginId: string) =>
      pluginId === 'thanos' ? BASE_URL : 'http://wrong',
    ),
  };
  return {
    client: new ThanosClient({ fetchApi, discoveryApi }),
    urls,
  };
}

describe('ThanosClient', () => {
  it('reads an entity status from the entity route of the thanos backend', async () => {
    const { client, urls } = fakeFetch(healthyStatus);
    const status = await client.getEntityStatus({
      namespace: 'default',
      kind: 'Resource',
      name: 'pio-thanos-observee',
    });
    expect(status).toEqual(healthyStatus);
    expect(urls).toEqual([
      `${BASE_URL}/v1/entities/default/Resource/pio-thanos-observee/status`,
    ]);
  });

  it('encodes every part of the entity reference', async () => {
    const { client, urls } = fakeFetch(healthyStatus);
    await client.getEntityStatus({
      namespace: 'team a',
      kind: 'Resource',
      name: 'a/b?c#d',
    });
    expect(urls).toEqual([
      `${BASE_URL}/v1/entities/team%20a/Resource/a%2Fb%3Fc%23d/status`,
    ]);
  });

  it('reads the fleet of a named instance, with the name encoded', async () => {
    const { client, urls } = fakeFetch([healthyStatus]);
    await expect(client.getFleet('eu west&1')).resolves.toEqual([
      healthyStatus,
    ]);
    expect(urls).toEqual([`${BASE_URL}/v1/fleet?instance=eu+west%261`]);
  });

  it("reads the backend's default fleet when no instance is given", async () => {
    const { client, urls } = fakeFetch([]);
    await client.getFleet();
    expect(urls).toEqual([`${BASE_URL}/v1/fleet`]);
  });

  it('lists the configured instances', async () => {
    const instances = [
      {
        name: 'observer',
        reachable: true,
        version: '0.42.4',
        checkedAt: '2026-11-24T10:00:00.000Z',
      },
    ];
    const { client, urls } = fakeFetch(instances);
    await expect(client.getInstances()).resolves.toEqual(instances);
    expect(urls).toEqual([`${BASE_URL}/v1/instances`]);
  });

  it("turns a backend error into a ResponseError carrying the backend's message", async () => {
    const { client } = fakeFetch(
      {
        error: {
          name: 'NotFoundError',
          message:
            'Thanos instance "nope" not found; available instances: observer',
        },
        request: { method: 'GET', url: '/v1/fleet?instance=nope' },
        response: { statusCode: 404 },
      },
      404,
    );
    const error = await client.getFleet('nope').catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe(
      'Thanos instance "nope" not found; available instances: observer',
    );
  });

  it('still fails clearly when the error body is not JSON', async () => {
    const fetchApi = {
      fetch: async () =>
        new Response('<html>Bad Gateway</html>', { status: 502 }),
    };
    const client = new ThanosClient({
      fetchApi,
      discoveryApi: { getBaseUrl: async () => BASE_URL },
    });
    const error = await client.getInstances().catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(502);
  });
});
