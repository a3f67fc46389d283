import { hclString } from '../hcl/encode';
import { hclHeredoc } from '../hcl/heredoc';
import {
  kubePrometheusStackValues,
  thanosValues,
  toHelmYaml,
} from './extraValues';
import { CompactorSettings, PrometheusSettings } from './request';
import {
  INCLUDE_ROOT,
  KUBERNETES_PROVIDERS,
  LOCALS_DOMAIN_SUFFIX,
  LOCAL_AWS_REGION,
  LOCAL_CUSTOM_TAGS,
  locals,
  terraformSource,
  unit,
} from './unitCommon';

/**
 * The observee's `eks-addons` unit: particuleio/terraform-kubernetes-addons `modules/aws` with the
 * addons of docs/infra-repo.md, input names checked against `modules/aws/*.tf` of v20.3.0. Shape:
 * teks `terragrunt/live/thanos/eu-west-3/clusters/observee/eks-addons/terragrunt.hcl`.
 */

const ADDONS_REPO =
  'github.com/particuleio/terraform-kubernetes-addons.git//modules/aws';

/** Where the observer's eks-addons unit is, seen from an observee's eks-addons unit. */
export function thanosCaConfigPath(observer: {
  region: string;
  name: string;
}): string {
  return `../../../../${observer.region}/clusters/${observer.name}/eks-addons`;
}

/** One template, hence long: the unit's HCL as written; Helm values come from `extraValues.ts`. */
export function renderEksAddonsUnit(opts: {
  addonsVersion: string;
  observer: { region: string; name: string };
  sidecarHost: string;
  acmeEmail: string;
  prometheus: PrometheusSettings;
  compactor: CompactorSettings;
}): string {
  const kpsValues = hclHeredoc(
    'EXTRA_VALUES',
    toHelmYaml(
      kubePrometheusStackValues({
        sidecarHost: opts.sidecarHost,
        prometheus: opts.prometheus,
      }),
    ),
    '      ',
  );
  const thanosExtraValues = hclHeredoc(
    'EXTRA_VALUES',
    toHelmYaml(thanosValues(opts.compactor)),
    '      ',
  );
  return unit(
    INCLUDE_ROOT,
    terraformSource(`${ADDONS_REPO}?ref=${opts.addonsVersion}`),
    `dependency "eks" {
  config_path = "../eks"

  mock_outputs = {
    cluster_name            = "cluster-name"
    cluster_oidc_issuer_url = "https://oidc.eks.eu-west-3.amazonaws.com/id/0000000000000000"
  }
}`,
    `dependency "vpc" {
  config_path = "../vpc"

  mock_outputs = {
    private_subnets_cidr_blocks = [
      "10.0.0.0/16",
      "192.168.0.0/24"
    ]
  }
}`,
    `# The observer's CA: the sidecar ingress accepts only clients holding a certificate it signed.
dependency "thanos-ca" {
  config_path = ${hclString(thanosCaConfigPath(opts.observer))}

  mock_outputs = {
    thanos_ca = "CA_CONTENT"
  }
}`,
    KUBERNETES_PROVIDERS,
    locals(LOCAL_AWS_REGION, LOCAL_CUSTOM_TAGS, LOCALS_DOMAIN_SUFFIX),
    `inputs = {

  # The EKS module v21 returns an empty cluster_id outside Outposts: the name is the id here.
  cluster-name = dependency.eks.outputs.cluster_name

  tags = merge(
    local.custom_tags
  )

  eks = {
    "cluster_oidc_issuer_url" = dependency.eks.outputs.cluster_oidc_issuer_url
  }

  aws-ebs-csi-driver = {
    enabled          = true
    is_default_class = true
  }

  aws-load-balancer-controller = {
    enabled = true
  }

  cert-manager = {
    enabled                   = true
    acme_email                = ${hclString(opts.acmeEmail)}
    acme_http01_enabled       = true
    acme_http01_ingress_class = "nginx"
    acme_dns01_enabled        = true
    allowed_cidrs             = dependency.vpc.outputs.private_subnets_cidr_blocks
  }

  cluster-autoscaler = {
    enabled = true
  }

  external-dns = {
    external-dns = {
      enabled = true
    },
  }

  ingress-nginx = {
    enabled       = true
    use_nlb_ip    = true
    allowed_cidrs = dependency.vpc.outputs.private_subnets_cidr_blocks
  }

  kube-prometheus-stack = {
    enabled                     = true
    allowed_cidrs               = dependency.vpc.outputs.private_subnets_cidr_blocks
    thanos_sidecar_enabled      = true
    thanos_bucket_force_destroy = true
    extra_values                = ${kpsValues}
  }

  metrics-server = {
    enabled       = true
    allowed_cidrs = dependency.vpc.outputs.private_subnets_cidr_blocks
  }

  thanos = {
    enabled              = true
    bucket_force_destroy = true
    trusted_ca_content   = dependency.thanos-ca.outputs.thanos_ca
    extra_values         = ${thanosExtraValues}
  }
}`,
  );
}
