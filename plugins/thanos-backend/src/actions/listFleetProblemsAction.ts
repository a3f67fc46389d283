import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ClusterStatus,
  HealthState,
  overallState,
} from '@thanos-backstage/plugin-thanos-common';
import { thanosTabPath } from '../notifications/ownerNotificationPayload';
import {
  HEALTH_STATES,
  HEALTH_STATE_MEANING,
  StatusReader,
} from './actionSchemas';

export const LIST_FLEET_PROBLEMS = 'list-fleet-problems';

const ORDER: Record<HealthState, number> = {
  error: 0,
  warning: 1,
  unknown: 2,
  ok: 3,
};

/**
 * `list-fleet-problems`: every cluster the caller may see whose state is not ok, worst first. The
 * caller's credentials decide what the catalog shows them, as on the fleet route.
 */
export function registerListFleetProblemsAction(
  registry: ActionsRegistryService,
  status: StatusReader,
): void {
  registry.register({
    name: LIST_FLEET_PROBLEMS,
    title: 'List the clusters Thanos has problems with',
    description: `Lists every Kubernetes cluster in the Backstage catalog whose Thanos state is not ok: clusters whose metrics do not reach Thanos (sidecar unreachable, TLS or certificate failures, stale data) and clusters whose Thanos compactor is halted, crashing or failing. Clusters that are ok are left out; checked says how many were looked at.

Use it to answer "which clusters are not visible to Thanos?", "what is broken in the fleet?", or to find the entityRef to pass to get-cluster-status, which gives the findings and what to do about each. Errors come first, then warnings, then clusters that could not be judged. Read-only.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          instance: z
            .string()
            .optional()
            .describe(
              'Only the clusters seen from this Thanos instance (observer), by its configured name. Leave it out to list the clusters of every instance.',
            ),
        }),
      output: z => {
        const healthState = () =>
          z.enum(HEALTH_STATES).describe(HEALTH_STATE_MEANING);
        const part = (what: string) =>
          z.object({
            state: healthState(),
            summary: z.string().describe(`One line on the ${what}.`),
          });
        return z.object({
          instances: z
            .array(z.string())
            .describe('The Thanos instances whose clusters were checked.'),
          checked: z
            .number()
            .describe('How many clusters were checked, ok ones included.'),
          problems: z.array(
            z.object({
              entityRef: z
                .string()
                .describe('Pass it to get-cluster-status for the findings.'),
              instance: z.string(),
              state: healthState().describe(
                'The overall state: the worse of sidecar and compactor.',
              ),
              sidecar: part('path from Thanos Query to the sidecar'),
              compactor: part('compactor'),
              link: z
                .string()
                .describe("Path of the cluster's Thanos tab in Backstage."),
            }),
          ),
        });
      },
    },
    examples: [
      { title: 'Which clusters are not visible to Thanos?', input: {} },
      { title: 'Problems of one observer', input: { instance: 'observer' } },
    ],
    action: async ({ input, credentials }) => {
      const instances =
        input.instance === undefined ? status.instanceNames : [input.instance];
      const fleets = await Promise.all(
        instances.map(name => status.fleetStatus(name, credentials)),
      );
      const all = fleets.flat();
      const problems = all
        .map(s => ({ status: s, state: overallState(s) }))
        .filter(({ state }) => state !== 'ok')
        .sort(
          (a, b) =>
            ORDER[a.state] - ORDER[b.state] ||
            a.status.entityRef.localeCompare(b.status.entityRef),
        )
        .map(({ status: s, state }) => problemOf(s, state));
      return { output: { instances, checked: all.length, problems } };
    },
  });
}

function problemOf(status: ClusterStatus, state: HealthState) {
  return {
    entityRef: status.entityRef,
    instance: status.instance,
    state,
    sidecar: { state: status.sidecar.state, summary: status.sidecar.summary },
    compactor: {
      state: status.compactor.state,
      summary: status.compactor.summary,
    },
    link: thanosTabPath(status.entityRef),
  };
}
