import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import type { ThanosStatusService } from '../service/ThanosStatusService';
import { createRouter } from './createRouter';

/** The router alone, in front of a status service that records what it was asked. */
async function routerApp() {
  const asked: unknown[] = [];
  const status = {
    entityStatus: async (ref: unknown) => {
      asked.push(ref);
      return {};
    },
    fleetStatus: async (instance: unknown) => {
      asked.push(instance);
      return [];
    },
    instanceSummaries: async () => [],
  } as unknown as ThanosStatusService;
  const app = express();
  app.use(await createRouter({ httpAuth: mockServices.httpAuth(), status }));
  app.use(mockErrorHandler());
  return { app, asked };
}

describe('createRouter', () => {
  it('hands the entity reference and the instance to the status service', async () => {
    const { app, asked } = await routerApp();
    await request(app).get('/v1/entities/default/resource/a-b/status');
    await request(app).get('/v1/fleet?instance=observer');
    await request(app).get('/v1/fleet');
    expect(asked).toEqual([
      { namespace: 'default', kind: 'resource', name: 'a-b' },
      'observer',
      undefined,
    ]);
  });

  it('refuses an instance parameter the spec does not allow, naming it', async () => {
    const { app, asked } = await routerApp();
    for (const query of ['instance=', 'instance=a&instance=b']) {
      const res = await request(app).get(`/v1/fleet?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/instance/);
    }
    expect(asked).toEqual([]);
  });

  it('answers 404 for a route the spec does not describe', async () => {
    const { app } = await routerApp();
    const res = await request(app).get('/v1/nothing-here');
    expect(res.status).toBe(404);
  });
});
