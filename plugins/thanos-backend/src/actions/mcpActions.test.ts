import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { setupServer } from 'msw/node';
import request from 'supertest';
import {
  FAKE_OBSERVER_INSTANCES,
  observeeEntity,
  serveFakeObserver,
} from '../__testUtils__/fakeObserver';
import { thanosPlugin } from '../plugin';

// Each test boots a whole backend: a generous guard against a hang, not a timing check.
jest.setTimeout(30_000);

const server = setupServer();
// The backend's own HTTP calls (the actions service asking the thanos plugin) pass through.
beforeAll(() => server.listen({ onUnhandledFrame: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/**
 * The real backend with the MCP actions backend in front of the actions registry, as in the demo
 * (`backend.actions.pluginSources: ['thanos']`): MCP clients see the Thanos actions as tools.
 */
async function startBackend() {
  const observer = serveFakeObserver(server, ['paris', 'berlin']);
  observer.setCompactorHalted('paris', true);
  const { server: app } = await startTestBackend({
    features: [
      thanosPlugin,
      mcpActionsPlugin,
      actionsRegistryServiceFactory,
      actionsServiceFactory,
      catalogServiceMock.factory({
        entities: [observeeEntity('paris'), observeeEntity('berlin')],
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { actions: { pluginSources: ['thanos'] } },
          thanos: { instances: FAKE_OBSERVER_INSTANCES },
        },
      }),
    ],
  });
  return app;
}

/** One JSON-RPC call to the streamable HTTP MCP endpoint; the answer may come as one SSE event. */
async function mcp(
  app: Parameters<typeof request>[0],
  method: string,
  params: object = {},
) {
  const res = await request(app)
    .post('/api/mcp-actions/v1')
    .set('Authorization', mockCredentials.user.header())
    .set('Accept', 'application/json, text/event-stream')
    .send({ jsonrpc: '2.0', id: 1, method, params });
  expect(res.status).toBe(200);
  const text = res.text;
  const data = text.startsWith('{')
    ? text
    : text
        .split('\n')
        .filter(line => line.startsWith('data: '))
        .map(line => line.slice('data: '.length))
        .join('');
  return JSON.parse(data);
}

describe('the Thanos actions over MCP', () => {
  it('are listed as tools with their input schemas', async () => {
    const app = await startBackend();
    const { result } = await mcp(app, 'tools/list');
    const tools = Object.fromEntries(
      result.tools.map((tool: any) => [tool.name, tool]),
    );
    expect(Object.keys(tools).sort()).toEqual([
      'thanos.get-cluster-status',
      'thanos.list-fleet-problems',
    ]);
    expect(tools['thanos.get-cluster-status'].inputSchema).toMatchObject({
      type: 'object',
      properties: { entityRef: { type: 'string' } },
      required: ['entityRef'],
    });
    expect(tools['thanos.list-fleet-problems'].inputSchema).toMatchObject({
      type: 'object',
      properties: { instance: { type: 'string' } },
    });
    expect(tools['thanos.get-cluster-status'].annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
  });

  it('get-cluster-status answers why a cluster is red, with the findings and hints', async () => {
    const app = await startBackend();
    const { result } = await mcp(app, 'tools/call', {
      name: 'thanos.get-cluster-status',
      arguments: { entityRef: 'resource:default/paris' },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      entityRef: 'resource:default/paris',
      instance: 'observer',
      state: 'error',
      sidecar: { state: 'ok' },
      compactor: {
        state: 'error',
        findings: [
          {
            severity: 'error',
            title: 'Compactor halted',
            hint: expect.stringContaining('thanos tools bucket verify'),
          },
        ],
      },
      link: '/catalog/default/resource/paris/thanos',
    });
    expect(JSON.parse(result.content[0].text)).toEqual(
      result.structuredContent,
    );
  });

  it('list-fleet-problems lists only the clusters that are not ok', async () => {
    const app = await startBackend();
    const { result } = await mcp(app, 'tools/call', {
      name: 'thanos.list-fleet-problems',
      arguments: {},
    });
    expect(result.structuredContent).toEqual({
      instances: ['observer'],
      checked: 2,
      problems: [
        {
          entityRef: 'resource:default/paris',
          instance: 'observer',
          state: 'error',
          sidecar: { state: 'ok', summary: expect.any(String) },
          compactor: {
            state: 'error',
            summary: expect.stringContaining('Halted'),
          },
          link: '/catalog/default/resource/paris/thanos',
        },
      ],
    });
  });

  it('answers an unknown entity or instance with an error naming it', async () => {
    const app = await startBackend();
    const missing = await mcp(app, 'tools/call', {
      name: 'thanos.get-cluster-status',
      arguments: { entityRef: 'resource:default/nowhere' },
    });
    expect(JSON.stringify(missing)).toContain(
      'Entity resource:default/nowhere not found in the catalog',
    );
    const instance = await mcp(app, 'tools/call', {
      name: 'thanos.list-fleet-problems',
      arguments: { instance: 'backup' },
    });
    expect(JSON.stringify(instance)).toContain('Thanos instance \\"backup\\"');
  });
});
