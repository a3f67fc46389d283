import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createTwoFilesPatch } from 'diff';
import { InfraRepo } from '../observee/infraRepo';
import { writePullRequestFiles } from '../observee/pullRequestFiles';
import { editObserverMaps } from '../observer/ObserverMapEditor';
import {
  observerUnitPath,
  validateObserverRegistration,
  withRegistrationDefaults,
} from '../observer/registration';
import { examples } from './registerObserver.examples';

export const REGISTER_OBSERVER_ACTION_ID = 'thanos:observer:register';

/**
 * `thanos:observer:register` (DESIGN §4): adds the observee to the observer's
 * `thanos-tls-querier` and `thanos-storegateway` maps, editing the observer's `eks-addons` unit in
 * place (see `observer/ObserverMapEditor.ts`), and writes the edited copy under `outputPath`.
 */
export function registerObserverAction() {
  return createTemplateAction({
    id: REGISTER_OBSERVER_ACTION_ID,
    description:
      "Registers a Thanos observee with the observer: adds one entry to inputs.thanos-tls-querier and one to inputs.thanos-storegateway of the observer's eks-addons/terragrunt.hcl, leaving every other byte of the file unchanged, and writes the edited file under outputPath.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoPath: z =>
          z
            .string()
            .default('.')
            .describe('Folder of the infra repo checked out in the workspace'),
        outputPath: z =>
          z
            .string()
            .default('pr')
            .describe(
              'Workspace folder that receives the edited observer file at its repo-relative path (the pull request source)',
            ),
        liveDir: z =>
          z
            .string()
            .default('terragrunt/live')
            .describe('Terragrunt live folder inside the repo'),
        environment: z =>
          z.string().describe('Environment folder, e.g. "thanos"'),
        observer: z =>
          z
            .object({
              region: z.string().describe('AWS region of the observer cluster'),
              name: z.string().describe('Short name of the observer cluster'),
            })
            .describe('The observer cluster whose eks-addons unit is edited'),
        observee: z =>
          z
            .object({
              key: z
                .string()
                .describe('Key of the observee in both maps (DNS label, ≤ 30)'),
              sidecarHost: z
                .string()
                .describe(
                  'Host of the observee sidecar ingress; the querier dials <host>:443',
                ),
              bucket: z.string().describe("The observee's Thanos S3 bucket"),
              region: z
                .string()
                .describe("AWS region of the observee's bucket"),
            })
            .describe(
              'The observee, usually the outputs of thanos:observee:create',
            ),
        ifExists: z =>
          z
            .enum(['fail', 'skip'])
            .default('fail')
            .describe(
              'When the key is already in both maps: fail (default), or skip and change nothing',
            ),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe(
              'Repo-relative paths written under outputPath (on a dry run: that would be written; empty when skipped)',
            ),
        diff: z =>
          z
            .string()
            .describe('Unified diff of the observer file (empty when skipped)'),
      },
    },
    async handler(ctx) {
      const input = withRegistrationDefaults(ctx.input);
      validateObserverRegistration(input);
      const unitPath = observerUnitPath(input);

      const repo = await InfraRepo.open(ctx.workspacePath, input.repoPath);
      const original = await repo.readFile(unitPath);
      if (!original) {
        throw new NotFoundError(
          `observer: ${unitPath} does not exist in the infra repo; check environment, observer.region and observer.name`,
        );
      }
      const result = await editObserverMaps({
        source: original.text,
        path: unitPath,
        observee: input.observee,
        ifExists: input.ifExists,
      });
      if (result.outcome === 'already-registered') {
        ctx.logger.info(
          `Observee "${input.observee.key}" is already registered in ${unitPath}; ifExists is skip, so the file is left unchanged`,
        );
        ctx.output('files', []);
        ctx.output('diff', '');
        return;
      }

      const diff = createTwoFilesPatch(
        `a/${unitPath}`,
        `b/${unitPath}`,
        original.text,
        result.text,
      );
      ctx.logger.info(
        `Registered observee "${input.observee.key}" in ${unitPath}:\n${diff}`,
      );
      const write = async () => {
        const outputDir = resolveSafeChildPath(
          ctx.workspacePath,
          input.outputPath,
        );
        await writePullRequestFiles(outputDir, [
          { path: unitPath, content: result.text },
        ]);
      };
      if (ctx.isDryRun) {
        // A dry run's workspace is a throwaway copy; the edited file written there is what the
        // template editor shows. Checkpoints belong to real task runs only.
        await write();
        ctx.logger.info(
          `Dry run: the edited ${unitPath} was written to the dry run workspace`,
        );
      } else {
        await ctx.checkpoint({
          key: `thanos-observer-register-${input.observee.key}`,
          fn: write,
        });
      }
      ctx.output('files', [unitPath]);
      ctx.output('diff', diff);
    },
  });
}
