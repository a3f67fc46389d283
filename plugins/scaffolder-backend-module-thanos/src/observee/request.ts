/**
 * What the user asks for when onboarding an observee (the inputs of `thanos:observee:create`), with
 * the defaults of the reference repo (teks `thanos` observee) filled in.
 */

export interface ModuleVersions {
  /** Git ref of terraform-aws-modules/terraform-aws-vpc (also its vpc-endpoints submodule). */
  vpc: string;
  /** Git ref of terraform-aws-modules/terraform-aws-eks. */
  eks: string;
  /** Git ref of particuleio/terraform-kubernetes-addons. */
  addons: string;
}

/**
 * Current releases; the units are written against these versions' input names (see README,
 * "Module versions").
 */
export const DEFAULT_MODULE_VERSIONS: ModuleVersions = {
  vpc: 'v6.6.0',
  eks: 'v21.19.0',
  addons: 'v20.3.0',
};

export interface PrometheusSettings {
  replicas: number;
  retention: string;
  retentionSize: string;
  storageClass: string;
  storageSize: string;
}

export interface CompactorSettings {
  retentionRaw: string;
  retention5m: string;
  retention1h: string;
}

export interface NodeGroupSettings {
  instanceTypes: string[];
  min: number;
  max: number;
  desired: number;
}

export interface ObserveeRequest {
  repoPath: string;
  outputPath: string;
  liveDir: string;
  environment: string;
  region: string;
  name: string;
  observer: { region: string; name: string };
  sidecarHost?: string;
  prometheus: PrometheusSettings;
  compactor: CompactorSettings;
  kubernetesVersion: string;
  vpcCidr: string;
  nodeGroup: NodeGroupSettings;
  moduleVersions: ModuleVersions;
}

export const DEFAULT_PROMETHEUS: PrometheusSettings = {
  replicas: 1,
  retention: '2d',
  retentionSize: '6GB',
  storageClass: 'ebs-sc',
  storageSize: '10Gi',
};

export const DEFAULT_COMPACTOR: CompactorSettings = {
  retentionRaw: '30d',
  retention5m: '90d',
  retention1h: '1y',
};

export const DEFAULT_NODE_GROUP: NodeGroupSettings = {
  instanceTypes: ['m5a.large'],
  min: 1,
  max: 5,
  desired: 3,
};

/** The newest Kubernetes version EKS offers in standard support when these defaults were set. */
export const DEFAULT_KUBERNETES_VERSION = '1.34';
export const DEFAULT_VPC_CIDR = '10.0.0.0/16';
