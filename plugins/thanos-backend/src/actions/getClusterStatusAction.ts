import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  HEALTH_STATES,
  HEALTH_STATE_MEANING,
  StatusReader,
  describedStatus,
} from './actionSchemas';

export const GET_CLUSTER_STATUS = 'get-cluster-status';

/**
 * `get-cluster-status`: why one cluster is red. The caller's credentials decide whether the
 * catalog shows them the entity, as on the status route. One declaration: the action's
 * description, schema and examples, and a short handler; the answer is shaped by `describedStatus`.
 */
export function registerGetClusterStatusAction(
  registry: ActionsRegistryService,
  status: StatusReader,
): void {
  registry.register({
    name: GET_CLUSTER_STATUS,
    title: 'Get the Thanos status of a cluster',
    description: `Explains whether one Kubernetes cluster's metrics reach Thanos and whether its Thanos compactor works, as the cluster's Thanos tab in Backstage shows it.

Use it to answer "why is cluster X red?", "is X visible to Thanos?", "is X's compactor halted?". The cluster is a Backstage catalog entity (usually a Resource of type kubernetes-cluster) with Thanos annotations; list-fleet-problems lists the ones that are not ok.

The answer has the overall state and, for the sidecar (the path from the central Thanos Query to the cluster's Prometheus sidecar) and the compactor, a state, a one-line summary and the findings: each with a title (what is wrong) and a hint (what to do, often with the kubectl command or config to change). Quote the hints rather than inventing fixes. unreadSources lists sources that could not be read (the state is then less certain). Read-only.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'The cluster\'s catalog entity reference, "kind:namespace/name", e.g. "resource:default/pio-thanos-observee-paris". A bare name means kind resource in namespace default.',
            ),
        }),
      output: z => {
        const healthState = () =>
          z.enum(HEALTH_STATES).describe(HEALTH_STATE_MEANING);
        const part = (what: string) =>
          z.object({
            state: healthState(),
            summary: z.string().describe(`One line on the ${what}.`),
            findings: z
              .array(
                z.object({
                  severity: z.enum(['info', 'warning', 'error']),
                  title: z.string().describe('What was found, in one line.'),
                  hint: z.string().describe('What to do about it.'),
                }),
              )
              .describe('Most severe first.'),
          });
        return z.object({
          entityRef: z.string(),
          instance: z
            .string()
            .describe(
              'The Thanos instance (observer) the cluster is seen from.',
            ),
          state: healthState().describe(
            'The overall state: the worse of sidecar and compactor.',
          ),
          checkedAt: z
            .string()
            .describe(
              'When the oldest fact behind the answer was read (RFC 3339).',
            ),
          sidecar: part('path from Thanos Query to the sidecar'),
          compactor: part('compactor'),
          unreadSources: z.array(
            z.object({
              source: z.string(),
              target: z.string(),
              message: z.string(),
            }),
          ),
          link: z
            .string()
            .describe("Path of the cluster's Thanos tab in Backstage."),
        });
      },
    },
    examples: [
      {
        title: 'Why is a cluster red?',
        input: { entityRef: 'resource:default/pio-thanos-observee-paris' },
      },
    ],
    action: async ({ input, credentials }) => {
      let ref;
      try {
        ref = parseEntityRef(input.entityRef, {
          defaultKind: 'resource',
          defaultNamespace: 'default',
        });
      } catch (error) {
        throw new InputError(
          `entityRef "${
            input.entityRef
          }" is not an entity reference like "resource:default/my-cluster": ${
            (error as Error).message
          }`,
        );
      }
      return {
        output: describedStatus(await status.entityStatus(ref, credentials)),
      };
    },
  });
}
