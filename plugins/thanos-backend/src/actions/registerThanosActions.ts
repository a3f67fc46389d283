import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { StatusReader } from './actionSchemas';
import { registerGetClusterStatusAction } from './getClusterStatusAction';
import { registerListFleetProblemsAction } from './listFleetProblemsAction';

/**
 * The plugin's read-only actions for assistants (MCP clients through
 * `@backstage/plugin-mcp-actions-backend`): `thanos:get-cluster-status` and
 * `thanos:list-fleet-problems`.
 */
export function registerThanosActions(
  registry: ActionsRegistryService,
  status: StatusReader,
): void {
  registerGetClusterStatusAction(registry, status);
  registerListFleetProblemsAction(registry, status);
}
