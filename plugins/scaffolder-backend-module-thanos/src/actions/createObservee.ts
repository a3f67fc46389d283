import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { loadObserveeContext } from '../observee/observeeContext';
import { renderObservee } from '../observee/renderObservee';
import {
  DEFAULT_COMPACTOR,
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_MODULE_VERSIONS,
  DEFAULT_NODE_GROUP,
  DEFAULT_PROMETHEUS,
  DEFAULT_VPC_CIDR,
  ObserveeRequest,
} from '../observee/request';
import { validateObserveeRequest } from '../observee/validate';
import { InfraRepo } from '../workspace/infraRepo';
import { writePullRequestFiles } from '../workspace/pullRequestFiles';
import { examples } from './createObservee.examples';
import {
  environmentInput,
  liveDirInput,
  observerInput,
  outputPathInput,
  ReceivedInput,
  repoPathInput,
  WORKSPACE_DEFAULTS,
} from './inputSchema';

export const CREATE_OBSERVEE_ACTION_ID = 'thanos:observee:create';

/**
 * `thanos:observee:create` (see the plugin README): renders the four Terragrunt units of a new
 * observee cluster, plus its value files, into `outputPath` for the pull request.
 * One declaration: the action's schema and a short handler; the rules live in
 * `observee/validate.ts` and the rendering in `observee/renderObservee.ts`.
 *
 * @public
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
        repoPath: repoPathInput,
        outputPath: outputPathInput(
          'Workspace folder that receives the new files at their repo-relative paths (the pull request source)',
        ),
        liveDir: liveDirInput,
        environment: environmentInput(
          'Environment folder, e.g. "thanos" (a DNS label)',
        ),
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
        observer: observerInput(
          'The observer cluster whose CA the observee trusts',
        ),
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
              `Prometheus settings; defaults ${DEFAULT_PROMETHEUS.replicas} replica, ${DEFAULT_PROMETHEUS.retention}, ${DEFAULT_PROMETHEUS.retentionSize}, ${DEFAULT_PROMETHEUS.storageClass}, ${DEFAULT_PROMETHEUS.storageSize}`,
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
              `Compactor retention per resolution; defaults ${DEFAULT_COMPACTOR.retentionRaw}, ${DEFAULT_COMPACTOR.retention5m}, ${DEFAULT_COMPACTOR.retention1h}`,
            ),
        kubernetesVersion: z =>
          z
            .string()
            .optional()
            .describe(
              `EKS Kubernetes version, default ${DEFAULT_KUBERNETES_VERSION}`,
            ),
        vpcCidr: z =>
          z
            .string()
            .optional()
            .describe(`VPC CIDR, /16 to /20, default ${DEFAULT_VPC_CIDR}`),
        nodeGroup: z =>
          z
            .object({
              instanceTypes: z.array(z.string()).optional(),
              min: z.number().int().optional(),
              max: z.number().int().optional(),
              desired: z.number().int().optional(),
            })
            .optional()
            .describe(
              `Default managed node group; defaults ${DEFAULT_NODE_GROUP.instanceTypes.join(
                ', ',
              )}, ${DEFAULT_NODE_GROUP.min}/${DEFAULT_NODE_GROUP.desired}/${
                DEFAULT_NODE_GROUP.max
              }`,
            ),
        moduleVersions: z =>
          z
            .object({
              vpc: z.string().optional(),
              eks: z.string().optional(),
              addons: z.string().optional(),
            })
            .optional()
            .describe(
              `Git refs of the modules; defaults vpc ${DEFAULT_MODULE_VERSIONS.vpc}, eks ${DEFAULT_MODULE_VERSIONS.eks}, terraform-kubernetes-addons ${DEFAULT_MODULE_VERSIONS.addons}`,
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

/** The input of `thanos:observee:create` as its handler can receive it: see {@link ReceivedInput}. */
export type ObserveeRequestInput = ReceivedInput<
  ReturnType<typeof createObserveeAction>,
  keyof typeof WORKSPACE_DEFAULTS
>;

function defined<T extends object>(value: Partial<T> | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(
      ([, v]) => v !== undefined && v !== null,
    ),
  ) as Partial<T>;
}

/** Fills every optional input with its default. */
export function withDefaults(input: ObserveeRequestInput): ObserveeRequest {
  return {
    repoPath: input.repoPath ?? WORKSPACE_DEFAULTS.repoPath,
    outputPath: input.outputPath ?? WORKSPACE_DEFAULTS.outputPath,
    liveDir: input.liveDir ?? WORKSPACE_DEFAULTS.liveDir,
    environment: input.environment,
    region: input.region,
    name: input.name,
    observer: input.observer,
    sidecarHost: input.sidecarHost || undefined,
    prometheus: { ...DEFAULT_PROMETHEUS, ...defined(input.prometheus) },
    compactor: { ...DEFAULT_COMPACTOR, ...defined(input.compactor) },
    kubernetesVersion: input.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    vpcCidr: input.vpcCidr ?? DEFAULT_VPC_CIDR,
    nodeGroup: { ...DEFAULT_NODE_GROUP, ...defined(input.nodeGroup) },
    moduleVersions: {
      ...DEFAULT_MODULE_VERSIONS,
      ...defined(input.moduleVersions),
    },
  };
}
