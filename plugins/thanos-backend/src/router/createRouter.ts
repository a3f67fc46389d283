import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type express from 'express';
import { spec } from '../schema/openapi.generated';
import type { ThanosStatusService } from '../service/ThanosStatusService';

/**
 * Routes of the `thanos` plugin, mounted under `/api/thanos`, as `src/schema/openapi.yaml`
 * describes them: the router validates every request against that document (a bad parameter is
 * a 400 naming it) and types each handler from it. Every route needs a Backstage identity (user
 * or service); errors are `@backstage/errors` types, which the standard error middleware turns
 * into JSON with the matching status.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  status: ThanosStatusService;
}): Promise<express.Router> {
  const { httpAuth, status } = options;
  const router = createValidatedOpenApiRouter(spec);

  router.get('/v1/entities/:namespace/:kind/:name/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { namespace, kind, name } = req.params;
    res.json(
      asSpecified(
        await status.entityStatus({ namespace, kind, name }, credentials),
      ),
    );
  });

  router.get('/v1/fleet', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      asSpecified(await status.fleetStatus(req.query.instance, credentials)),
    );
  });

  router.get('/v1/fleet/unclaimed', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      asSpecified(
        await status.unclaimedClusters(req.query.instance, credentials),
      ),
    );
  });

  router.get('/v1/instances', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(asSpecified(await status.instanceSummaries()));
  });

  return router;
}

/**
 * An answer typed from thanos-common's interfaces, handed to the spec-typed response. The spec
 * describes the evidence and the inside view as open objects, and TypeScript does not let an
 * interface stand for an open object (it has no index signature), so the one conversion is here;
 * the router tests check the answers against the spec's schemas.
 */
function asSpecified<T>(value: T): any {
  return value;
}
