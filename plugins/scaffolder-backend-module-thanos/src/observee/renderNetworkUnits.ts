import { hclString, hclStringList } from '../hcl/encode';
import { subnetLayout } from './subnets';
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
 * The `vpc` and `vpc-endpoints` units, written against terraform-aws-modules/vpc v6 (inputs
 * checked against `variables.tf` and `modules/vpc-endpoints/main.tf` of v6.6.0). Shape: teks
 * `terragrunt/live/thanos/<region>/clusters/<name>/vpc{,-endpoints}/terragrunt.hcl`.
 */

const VPC_REPO = 'github.com/terraform-aws-modules/terraform-aws-vpc';

export function renderVpcUnit(opts: {
  vpcVersion: string;
  vpcCidr: string;
}): string {
  const subnets = subnetLayout(opts.vpcCidr);
  return unit(
    INCLUDE_ROOT,
    terraformSource(`${VPC_REPO}?ref=${opts.vpcVersion}`),
    locals(LOCAL_AWS_REGION, LOCAL_CUSTOM_TAGS, LOCALS_CLUSTER_NAME),
    AWS_PROVIDER,
    `inputs = {

  tags = merge(
    {
      "kubernetes.io/cluster/\${local.cluster_name}" = "shared",
    },
    local.custom_tags
  )

  name = "vpc-eks-\${local.cluster_name}"
  cidr = ${hclString(opts.vpcCidr)}
  azs = [
    "\${local.aws_region}a",
    "\${local.aws_region}b",
    "\${local.aws_region}c",
  ]
  private_subnets = ${hclStringList(subnets.private, '  ')}
  public_subnets  = ${hclStringList(subnets.public, '  ')}

  enable_ipv6                                    = true
  public_subnet_assign_ipv6_address_on_creation  = true
  private_subnet_assign_ipv6_address_on_creation = true
  public_subnet_ipv6_prefixes                    = [0, 1, 2]
  private_subnet_ipv6_prefixes                   = [3, 4, 5]

  enable_nat_gateway   = true
  single_nat_gateway   = true
  enable_dns_hostnames = true
  enable_dns_support   = true

  public_subnet_tags = {
    "kubernetes.io/cluster/\${local.cluster_name}" = "shared"
    "kubernetes.io/role/elb"                      = "1"
  }

  private_subnet_tags = {
    "kubernetes.io/cluster/\${local.cluster_name}" = "shared"
    "kubernetes.io/role/internal-elb"             = "1"
  }
}`,
  );
}

export function renderVpcEndpointsUnit(opts: { vpcVersion: string }): string {
  return unit(
    INCLUDE_ROOT,
    terraformSource(
      `${VPC_REPO}//modules/vpc-endpoints?ref=${opts.vpcVersion}`,
    ),
    locals(LOCAL_AWS_REGION, LOCAL_CUSTOM_TAGS),
    `dependency "vpc" {
  config_path = "../vpc"

  mock_outputs = {
    vpc_id                  = "vpc-00000000"
    intra_route_table_ids   = []
    private_route_table_ids = ["rtb-00000000"]
    public_route_table_ids  = ["rtb-00000001"]
  }
}`,
    AWS_PROVIDER,
    `inputs = {
  vpc_id = dependency.vpc.outputs.vpc_id

  # Keeps the Thanos sidecar and compactor traffic to S3 inside AWS.
  endpoints = {
    s3 = {
      service      = "s3"
      service_type = "Gateway"
      route_table_ids = flatten([
        dependency.vpc.outputs.intra_route_table_ids,
        dependency.vpc.outputs.private_route_table_ids,
        dependency.vpc.outputs.public_route_table_ids,
      ])
      tags = {
        Name = "s3-vpc-endpoint"
      }
    }
  }

  tags = merge(
    local.custom_tags
  )
}`,
  );
}
