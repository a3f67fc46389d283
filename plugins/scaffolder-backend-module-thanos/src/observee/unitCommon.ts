import { hclString } from '../hcl/encode';

/**
 * The parts every unit of the infra repo shares (docs/infra-repo.md, "What every unit shares"): the
 * include of the root, locals read from the value files with `find_in_parent_folders`, and the
 * generated provider. They hold no user input apart from the module source, which is encoded.
 */

export const INCLUDE_ROOT = `include {
  path = "\${find_in_parent_folders()}"
}`;

export function terraformSource(source: string, extra = ''): string {
  return `terraform {
  source = ${hclString(source)}
${extra}}`;
}

const yamlValue = (file: string, key: string) =>
  `yamldecode(file("\${find_in_parent_folders("${file}")}"))["${key}"]`;

export const LOCAL_AWS_REGION = `aws_region = ${yamlValue(
  'region_values.yaml',
  'aws_region',
)}`;

export const LOCAL_CUSTOM_TAGS = `custom_tags = merge(
    yamldecode(file("\${find_in_parent_folders("global_tags.yaml")}")),
    yamldecode(file("\${find_in_parent_folders("env_tags.yaml")}"))
  )`;

/**
 * The full cluster name, `<prefix>-<Env>-<name>`, with Env from the merged tags: the same value the
 * action reports as `clusterName`.
 */
export const LOCALS_CLUSTER_NAME = `env          = local.custom_tags["Env"]
  prefix       = ${yamlValue('global_values.yaml', 'prefix')}
  name         = ${yamlValue('cluster_values.yaml', 'name')}
  cluster_name = "\${local.prefix}-\${local.env}-\${local.name}"`;

export const LOCALS_DOMAIN_SUFFIX = `default_domain_name   = ${yamlValue(
  'global_values.yaml',
  'default_domain_name',
)}
  default_domain_suffix = "\${local.custom_tags["Env"]}.\${local.custom_tags["Project"]}.\${local.default_domain_name}"`;

export function locals(...entries: string[]): string {
  return `locals {
  ${entries.join('\n  ')}
}`;
}

/**
 * A `generate "provider"` block that writes `provider.tf` with the given providers (and data
 * sources), every unit's provider file starting with the AWS provider in the unit's region.
 */
function generateProvider(extraProviders = ''): string {
  return `generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite"
  contents  = <<-EOF
    provider "aws" {
      region = "\${local.aws_region}"
    }
${extraProviders}  EOF
}`;
}

export const AWS_PROVIDER = generateProvider();

/** aws + the three Kubernetes providers the addons module needs, on helm provider v3 syntax. */
export const KUBERNETES_PROVIDERS = generateProvider(`    provider "kubectl" {
      host                   = data.aws_eks_cluster.cluster.endpoint
      cluster_ca_certificate = base64decode(data.aws_eks_cluster.cluster.certificate_authority.0.data)
      token                  = data.aws_eks_cluster_auth.cluster.token
      load_config_file       = false
    }
    provider "kubernetes" {
      host                   = data.aws_eks_cluster.cluster.endpoint
      cluster_ca_certificate = base64decode(data.aws_eks_cluster.cluster.certificate_authority.0.data)
      token                  = data.aws_eks_cluster_auth.cluster.token
    }
    provider "helm" {
      kubernetes = {
        host                   = data.aws_eks_cluster.cluster.endpoint
        cluster_ca_certificate = base64decode(data.aws_eks_cluster.cluster.certificate_authority.0.data)
        token                  = data.aws_eks_cluster_auth.cluster.token
      }
    }
    data "aws_eks_cluster" "cluster" {
      name = var.cluster-name
    }
    data "aws_eks_cluster_auth" "cluster" {
      name = var.cluster-name
    }
`);

/** Joins the top-level parts of a unit with one blank line between them. */
export function unit(...parts: string[]): string {
  return `${parts.join('\n\n')}\n`;
}
