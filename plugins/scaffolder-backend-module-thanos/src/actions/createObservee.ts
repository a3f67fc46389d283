import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InfraRepo } from '../observee/infraRepo';
import { loadObserveeContext } from '../observee/observeeContext';
import { writePullRequestFiles } from '../observee/pullRequestFiles';
import { renderObservee } from '../observee/renderObservee';
import { withDefaults } from '../observee/request';
import { validateObserveeRequest } from '../observee/validate';
import { examples } from './createObservee.examples';

export const CREATE_OBSERVEE_ACTION_ID = 'thanos:observee:create';

/**
 * `thanos:observee:create` (DESIGN §4): renders the four Terragrunt units of a new observee
 * cluster, plus its value files, into `outputPath` for the pull request.
 */
export function createObserveeAction() {
  return createTemplateAction({
    id: CREATE_OBSERVEE_ACTION_ID,
    description:
      'Generates the Terragrunt units (vpc, vpc-endpoints, eks, eks-addons) of a new Thanos observee cluster in a teks-style infra repo, and writes them as new files under outputPath.',
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
              'Workspace folder that receives the new files at their repo-relative paths (the pull request source)',
            ),
        liveDir: z =>
          z
            .string()
            .default('terragrunt/live')
            .describe('Terragrunt live folder inside the repo'),
        environment: z =>
          z
            .string()
            .describe('Environment folder, e.g. "thanos" (a DNS label)'),
        region: z =>
          z
            .string()
            .describe('AWS region of the new cluster, e.g. "eu-west-3"'),
        name: z =>
          z
            .string()
            .describe(
              'Short cluster name (DNS label); also the key in the observer maps',
            ),
        observer: z =>
          z
            .object({
              region: z.string().describe('AWS region of the observer cluster'),
              name: z.string().describe('Short name of the observer cluster'),
            })
            .describe('The observer cluster whose CA the observee trusts'),
        sidecarHost: z =>
          z
            .string()
            .optional()
            .describe(
              'Public host of the Thanos sidecar ingress; default thanos-sidecar.<name>.<Env>.<Project>.<default_domain_name>',
            ),
        prometheus: z =>
          z
            .object({
              replicas: z.number().int().optional(),
              retention: z.string().optional().describe('e.g. "2d"'),
              retentionSize: z.string().optional().describe('e.g. "6GB"'),
              storageClass: z.string().optional().describe('e.g. "ebs-sc"'),
              storageSize: z.string().optional().describe('e.g. "10Gi"'),
            })
            .optional()
            .describe(
              'Prometheus settings; defaults 1 replica, 2d, 6GB, ebs-sc, 10Gi',
            ),
        compactor: z =>
          z
            .object({
              retentionRaw: z.string().optional(),
              retention5m: z.string().optional(),
              retention1h: z.string().optional(),
            })
            .optional()
            .describe(
              'Compactor retention per resolution; defaults 30d, 90d, 1y',
            ),
        kubernetesVersion: z =>
          z
            .string()
            .optional()
            .describe('EKS Kubernetes version, default 1.34'),
        vpcCidr: z =>
          z
            .string()
            .optional()
            .describe('VPC CIDR, /16 to /20, default 10.0.0.0/16'),
        nodeGroup: z =>
          z
            .object({
              instanceTypes: z.array(z.string()).optional(),
              min: z.number().int().optional(),
              max: z.number().int().optional(),
              desired: z.number().int().optional(),
            })
            .optional()
            .describe('Default managed node group; defaults m5a.large, 1/3/5'),
        moduleVersions: z =>
          z
            .object({
              vpc: z.string().optional(),
              eks: z.string().optional(),
              addons: z.string().optional(),
            })
            .optional()
            .describe(
              'Git refs of the modules; defaults vpc v6.6.0, eks v21.19.0, terraform-kubernetes-addons v20.3.0',
            ),
      },
      output: {
        clusterName: z =>
          z.string().describe('Full EKS cluster name <prefix>-<Env>-<name>'),
        sidecarHost: z =>
          z.string().describe('Host of the sidecar ingress (port 443)'),
        bucket: z => z.string().describe('S3 bucket of the Thanos blocks'),
        observeeKey: z =>
          z.string().describe('Key of this cluster in the observer maps'),
        files: z =>
          z.array(z.string()).describe('Repo-relative paths of the new files'),
      },
    },
    async handler(ctx) {
      const req = withDefaults(ctx.input);
      validateObserveeRequest(req);

      const repo = await InfraRepo.open(ctx.workspacePath, req.repoPath);
      const { env, regionIsNew } = await loadObserveeContext(repo, req);
      const { names, files } = await renderObservee(req, env, { regionIsNew });
      for (const file of files) {
        ctx.logger.info(`Rendered ${file.path}`);
      }

      // Also on a dry run: its workspace is a throwaway copy, and the files written there are
      // what the template editor lists. The only side effect is this local write.
      const outputDir = resolveSafeChildPath(ctx.workspacePath, req.outputPath);
      await writePullRequestFiles(outputDir, files);
      ctx.logger.info(
        `Wrote ${files.length} files for ${names.clusterName} under ${
          req.outputPath
        }${ctx.isDryRun ? ' (dry run workspace)' : ''}`,
      );

      ctx.output('clusterName', names.clusterName);
      ctx.output('sidecarHost', names.sidecarHost);
      ctx.output('bucket', names.bucket);
      ctx.output('observeeKey', names.observeeKey);
      ctx.output(
        'files',
        files.map(f => f.path),
      );
    },
  });
}
