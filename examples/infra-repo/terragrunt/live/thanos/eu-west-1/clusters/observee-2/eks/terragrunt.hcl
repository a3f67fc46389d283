include {
  path = "${find_in_parent_folders()}"
}

terraform {
  source = "github.com/terraform-aws-modules/terraform-aws-eks?ref=v21.19.0"

  # v21 no longer writes a kubeconfig; the AWS CLI does, next to the unit.
  after_hook "kubeconfig" {
    commands = ["apply"]
    execute  = ["bash", "-c", "aws eks update-kubeconfig --name ${local.cluster_name} --region ${local.aws_region} --kubeconfig ${get_terragrunt_dir()}/kubeconfig"]
  }
}

locals {
  aws_region = yamldecode(file("${find_in_parent_folders("region_values.yaml")}"))["aws_region"]
  custom_tags = merge(
    yamldecode(file("${find_in_parent_folders("global_tags.yaml")}")),
    yamldecode(file("${find_in_parent_folders("env_tags.yaml")}"))
  )
  env          = local.custom_tags["Env"]
  prefix       = yamldecode(file("${find_in_parent_folders("global_values.yaml")}"))["prefix"]
  name         = yamldecode(file("${find_in_parent_folders("cluster_values.yaml")}"))["name"]
  cluster_name = "${local.prefix}-${local.env}-${local.name}"
}

dependency "vpc" {
  config_path = "../vpc"

  mock_outputs = {
    vpc_id = "vpc-00000000"
    private_subnets = [
      "subnet-00000000",
      "subnet-00000001",
      "subnet-00000002",
    ]
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

  tags = merge(
    local.custom_tags
  )

  name               = local.cluster_name
  kubernetes_version = "1.34"
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
    "default-${local.aws_region}" = {
      instance_types = [
        "m5a.large",
      ]
      min_size      = 1
      max_size      = 5
      desired_size  = 3
      capacity_type = "ON_DEMAND"
      labels = {
        pool = "default"
      }
    }
  }
}
