include {
  path = "${find_in_parent_folders()}"
}

terraform {
  source = "github.com/terraform-aws-modules/terraform-aws-vpc//modules/vpc-endpoints?ref=v6.6.0"
}

locals {
  aws_region = yamldecode(file("${find_in_parent_folders("region_values.yaml")}"))["aws_region"]
  custom_tags = merge(
    yamldecode(file("${find_in_parent_folders("global_tags.yaml")}")),
    yamldecode(file("${find_in_parent_folders("env_tags.yaml")}"))
  )
}

dependency "vpc" {
  config_path = "../vpc"

  mock_outputs = {
    vpc_id                  = "vpc-00000000"
    intra_route_table_ids   = []
    private_route_table_ids = ["rtb-00000000"]
    public_route_table_ids  = ["rtb-00000001"]
  }
}

generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite"
  contents  = <<-EOF
    provider "aws" {
      region = "${local.aws_region}"
    }
  EOF
}

inputs = {
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
}
