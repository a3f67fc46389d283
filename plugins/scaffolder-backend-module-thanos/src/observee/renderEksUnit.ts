import { hclInteger, hclString, hclStringList } from '../hcl/encode';
import { NodeGroupSettings } from './request';
import {
  AWS_PROVIDER,
  INCLUDE_ROOT,
  LOCALS_CLUSTER_NAME,
  LOCAL_AWS_REGION,
  LOCAL_CUSTOM_TAGS,
  locals,
  terraformSource,
  unit,
} from './unitCommon';

/**
 * The `eks` unit, written against terraform-aws-modules/eks v21 input names (`name`,
 * `kubernetes_version`, `subnet_ids`, `eks_managed_node_groups` with `min_size`/`max_size`/
 * `desired_size`, `addons`), checked against `variables.tf` of v21.19.0. teks wrote v17 names
 * (`cluster_name`, `cluster_version`, `node_groups`) against a floating `master`.
 */

const EKS_REPO = 'github.com/terraform-aws-modules/terraform-aws-eks';

const KUBECONFIG_HOOK = `
  # v21 no longer writes a kubeconfig; the AWS CLI does, next to the unit.
  after_hook "kubeconfig" {
    commands = ["apply"]
    execute  = ["bash", "-c", "aws eks update-kubeconfig --name \${local.cluster_name} --region \${local.aws_region} --kubeconfig \${get_terragrunt_dir()}/kubeconfig"]
  }
`;

export function renderEksUnit(opts: {
  eksVersion: string;
  kubernetesVersion: string;
  nodeGroup: NodeGroupSettings;
}): string {
  const ng = opts.nodeGroup;
  return unit(
    INCLUDE_ROOT,
    terraformSource(`${EKS_REPO}?ref=${opts.eksVersion}`, KUBECONFIG_HOOK),
    locals(LOCAL_AWS_REGION, LOCAL_CUSTOM_TAGS, LOCALS_CLUSTER_NAME),
    `dependency "vpc" {
  config_path = "../vpc"

  mock_outputs = {
    vpc_id = "vpc-00000000"
    private_subnets = [
      "subnet-00000000",
      "subnet-00000001",
      "subnet-00000002",
    ]
  }
}`,
    AWS_PROVIDER,
    `inputs = {

  tags = merge(
    local.custom_tags
  )

  name               = local.cluster_name
  kubernetes_version = ${hclString(opts.kubernetesVersion)}
  vpc_id             = dependency.vpc.outputs.vpc_id
  subnet_ids         = dependency.vpc.outputs.private_subnets

  endpoint_public_access                   = true
  enable_cluster_creator_admin_permissions = true
  enable_irsa                              = true
  enabled_log_types                        = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  # The managed add-ons teks installed from eks/addons.tf, now inputs of the module.
  addons = {
    coredns = {}
    eks-pod-identity-agent = {
      before_compute = true
    }
    kube-proxy = {}
    vpc-cni = {
      before_compute = true
    }
  }

  eks_managed_node_groups = {
    "default-\${local.aws_region}" = {
      instance_types = ${hclStringList(ng.instanceTypes, '      ')}
      min_size       = ${hclInteger(ng.min)}
      max_size       = ${hclInteger(ng.max)}
      desired_size   = ${hclInteger(ng.desired)}
      capacity_type  = "ON_DEMAND"
      labels = {
        pool = "default"
      }
    }
  }
}`,
  );
}
