import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DecommissionRequest,
  planDecommission,
  validateDecommission,
} from '../observee/decommission';
import { InfraRepo } from '../workspace/infraRepo';
import {
  environmentInput,
  fillDefaults,
  liveDirInput,
  ReceivedInput,
  repoPathInput,
  WORKSPACE_DEFAULTS,
} from './inputSchema';
import { examples } from './decommissionObservee.examples';

export const DECOMMISSION_OBSERVEE_ACTION_ID = 'thanos:observee:decommission';

const DECOMMISSION_DEFAULTS = {
  repoPath: WORKSPACE_DEFAULTS.repoPath,
  liveDir: WORKSPACE_DEFAULTS.liveDir,
};

/**
 * `thanos:observee:decommission` (see the plugin README): lists every file of an observee
 * cluster's folder for a pull request that deletes them. Writes nothing.
 *
 * @public
 */
export function decommissionObserveeAction() {
  return createTemplateAction({
    id: DECOMMISSION_OBSERVEE_ACTION_ID,
    description:
      "Lists every file of a Thanos observee cluster's folder <liveDir>/<environment>/<region>/clusters/<name>/ for deletion (publish:github:pull-request filesToDelete, or GitLab's commitAction: delete). Writes nothing; refuses the observer and clusters that do not exist.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoPath: repoPathInput,
        liveDir: liveDirInput,
        environment: environmentInput(),
        region: z => z.string().describe('AWS region folder of the cluster'),
        name: z =>
          z.string().describe('Short name of the cluster (its folder)'),
      },
      output: {
        filesToDelete: z =>
          z
            .array(z.string())
            .describe(
              "Repo-relative paths of every file in the cluster's folder, catalog-info.yaml included",
            ),
        clusterName: z =>
          z.string().describe('Full cluster name, <prefix>-<env>-<name>'),
        observeeKey: z =>
          z.string().describe('Key of the observee in the observer maps'),
      },
    },
    async handler(ctx) {
      const input = withDecommissionDefaults(ctx.input);
      validateDecommission(input);
      const repo = await InfraRepo.open(ctx.workspacePath, input.repoPath);
      const plan = await planDecommission(repo, input);
      ctx.logger.info(
        `Cluster ${plan.clusterName}: ${
          plan.filesToDelete.length
        } files to delete:\n${plan.filesToDelete.join('\n')}`,
      );
      ctx.output('filesToDelete', plan.filesToDelete);
      ctx.output('clusterName', plan.clusterName);
      ctx.output('observeeKey', plan.observeeKey);
    },
  });
}

/** The input of `thanos:observee:decommission` as its handler can receive it: see {@link ReceivedInput}. */
export type DecommissionRequestInput = ReceivedInput<
  ReturnType<typeof decommissionObserveeAction>,
  keyof typeof DECOMMISSION_DEFAULTS
>;

/** Applies the documented defaults (the scaffolder's schema check does not fill them in). */
export function withDecommissionDefaults(
  input: DecommissionRequestInput,
): DecommissionRequest {
  return fillDefaults(input, DECOMMISSION_DEFAULTS);
}
