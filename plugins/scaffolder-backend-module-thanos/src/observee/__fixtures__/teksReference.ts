import { deriveEnvironmentValues } from '@thanos-backstage/plugin-thanos-node';

/**
 * Facts of the hand-written reference observee: particuleio/teks at commit
 * c1f419466c300243623b30d4ebbc7a335aed81db, `terragrunt/live/thanos/` (value files and
 * `eu-west-3/clusters/observee/*`), as described in docs/infra-repo.md. Only the values
 * the generator must reproduce are kept, in the shapes HashiCorp's parser and the `yaml` library
 * return for them.
 */

/** `global_values.yaml`, `global_tags.yaml`, `thanos/env_tags.yaml` of the reference. */
export const TEKS_VALUE_FILES = {
  'terragrunt/live/global_values.yaml':
    '---\ndefault_domain_name: clusterfrak-dynamics.io\nprefix: pio\nproject: teks\ntf_state_bucket_region: eu-west-3\n',
  'terragrunt/live/global_tags.yaml':
    '---\nOwner: particuleio\nTerraform: "0.14"\nProject: teks-tg\n',
  'terragrunt/live/thanos/env_tags.yaml': '---\nEnv: thanos\n',
  'terragrunt/live/thanos/eu-west-1/region_values.yaml':
    '---\naws_region: eu-west-1\n',
  'terragrunt/live/thanos/eu-west-1/clusters/observer/cluster_values.yaml':
    'name: observer\n',
};

/** What the reference units compute for the observee (vpc/eks locals, eks-addons locals). */
export const TEKS_OBSERVEE = {
  clusterName: 'pio-thanos-observee',
  bucket: 'thanos-store-pio-thanos-observee',
  domainSuffix: 'thanos.teks-tg.clusterfrak-dynamics.io',
  /**
   * The reference host: the same for every cluster of the env (the collision the generator avoids).
   */
  sidecarHost: 'thanos-sidecar.thanos.teks-tg.clusterfrak-dynamics.io',
  thanosCaConfigPath: '../../../../eu-west-1/clusters/observer/eks-addons',
  vpc: {
    cidr: '10.0.0.0/16',
    private_subnets: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
    public_subnets: ['10.0.101.0/24', '10.0.102.0/24', '10.0.103.0/24'],
  },
  /** eks-addons `kube-prometheus-stack.extra_values` of the observee, host left out. */
  thanosIngressAnnotations: {
    'cert-manager.io/cluster-issuer': 'letsencrypt',
    'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC',
    'nginx.ingress.kubernetes.io/auth-tls-verify-client': 'on',
    'nginx.ingress.kubernetes.io/auth-tls-secret': 'monitoring/thanos-ca',
  },
  prometheusSpec: {
    replicas: 1,
    retention: '2d',
    retentionSize: '6GB',
    ruleSelectorNilUsesHelmValues: false,
    serviceMonitorSelectorNilUsesHelmValues: false,
    podMonitorSelectorNilUsesHelmValues: false,
    storageSpec: {
      volumeClaimTemplate: {
        spec: {
          storageClassName: 'ebs-sc',
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '10Gi' } },
        },
      },
    },
  },
  /** eks-addons `thanos.extra_values`: the observee runs only the compactor. */
  thanosComponentsOff: ['query', 'queryFrontend', 'storegateway'],
  compactorRetention5m: '90d',
  /** The reference's floating refs (the generator pins versions instead). */
  moduleRefs: { vpc: 'v3.2.0', eks: 'master', addons: 'main' },
};

/** The environment values of the reference's `thanos` environment, derived from its value files. */
export function teksEnvironment() {
  const file = (p: keyof typeof TEKS_VALUE_FILES) => ({
    path: p,
    text: TEKS_VALUE_FILES[p],
  });
  return deriveEnvironmentValues({
    globalValues: file('terragrunt/live/global_values.yaml'),
    globalTags: file('terragrunt/live/global_tags.yaml'),
    envTags: file('terragrunt/live/thanos/env_tags.yaml'),
  });
}
