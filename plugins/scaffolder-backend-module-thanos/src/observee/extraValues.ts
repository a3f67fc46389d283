import { stringify } from 'yaml';
import { CompactorSettings, PrometheusSettings } from './request';

/**
 * Helm values passed as `extra_values` to terraform-kubernetes-addons, built as objects and
 * serialised by the `yaml` library. Every string is double-quoted: Helm reads values as YAML 1.1,
 * where a plain `on` would be a boolean; and no scalar is folded or written as a block, so each
 * value stays on its own line inside the heredoc (all our keys are plain identifiers, so only
 * quoted values can hold such characters).
 */
export function toHelmYaml(values: object): string {
  const text = stringify(values, {
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    lineWidth: 0,
    minContentWidth: 0,
    doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
  });
  // The library leaves these line breaks raw inside double quotes; YAML has escapes for them.
  return text
    .replace(/\u2028/g, '\\L')
    .replace(/\u2029/g, '\\P')
    .replace(/\u0085/g, '\\N');
}

/**
 * kube-prometheus-stack values of an observee (docs/infra-repo.md): Grafana off, the sidecar
 * exposed through an nginx gRPC ingress that demands a client certificate signed by the observer CA
 * (`monitoring/thanos-ca`, written by the module from `trusted_ca_content`), Prometheus sized.
 */
export function kubePrometheusStackValues(opts: {
  sidecarHost: string;
  prometheus: PrometheusSettings;
}) {
  const { sidecarHost: host, prometheus: p } = opts;
  return {
    grafana: { enabled: false },
    prometheus: {
      thanosIngress: {
        enabled: true,
        ingressClassName: 'nginx',
        annotations: {
          'cert-manager.io/cluster-issuer': 'letsencrypt',
          'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
          'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC',
          'nginx.ingress.kubernetes.io/auth-tls-verify-client': 'on',
          'nginx.ingress.kubernetes.io/auth-tls-secret': 'monitoring/thanos-ca',
        },
        hosts: [host],
        paths: ['/'],
        tls: [{ secretName: host, hosts: [host] }],
      },
      prometheusSpec: {
        replicas: p.replicas,
        retention: p.retention,
        retentionSize: p.retentionSize,
        ruleSelectorNilUsesHelmValues: false,
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        storageSpec: {
          volumeClaimTemplate: {
            spec: {
              storageClassName: p.storageClass,
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: p.storageSize } },
            },
          },
        },
      },
    },
  };
}

/** Bitnami thanos chart values of an observee: only the compactor runs, on its own bucket. */
export function thanosValues(compactor: CompactorSettings) {
  return {
    compactor: {
      enabled: true,
      retentionResolutionRaw: compactor.retentionRaw,
      retentionResolution5m: compactor.retention5m,
      retentionResolution1h: compactor.retention1h,
    },
    query: { enabled: false },
    queryFrontend: { enabled: false },
    storegateway: { enabled: false },
  };
}
