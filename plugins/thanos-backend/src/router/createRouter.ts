import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ThanosStatusService } from '../service/ThanosStatusService';

const entityParams = z.object({
  namespace: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1),
});

const fleetQuery = z.object({
  instance: z.string().min(1).optional(),
});

/**
 * Routes of the `thanos` plugin (DESIGN §5), mounted under `/api/thanos`. Every route needs a
 * Backstage identity (user or service); errors are `@backstage/errors` types, which the standard
 * error middleware turns into JSON with the matching status.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  status: ThanosStatusService;
}): Promise<express.Router> {
  const { httpAuth, status } = options;
  const router = Router();

  router.get('/v1/entities/:namespace/:kind/:name/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const params = entityParams.safeParse(req.params);
    if (!params.success) {
      throw new InputError('namespace, kind and name are required');
    }
    res.json(await status.entityStatus(params.data, credentials));
  });

  router.get('/v1/fleet', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = fleetQuery.safeParse(req.query);
    if (!query.success) {
      throw new InputError(
        'the instance query parameter must be a single instance name',
      );
    }
    res.json(await status.fleetStatus(query.data.instance, credentials));
  });

  router.get('/v1/instances', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await status.instanceSummaries());
  });

  return router;
}
