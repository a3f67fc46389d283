/**
 * kube-prometheus-stack's Prometheus pod with the `thanos-sidecar` container that
 * prometheus-operator injects, and the chart's `thanosIngress` (`<release>-thanos-gateway`,
 * backend `<release>-thanos-discovery:10901`), as `kubectl get pod|ingress -n monitoring -o json`
 * returns them. Annotations are those terraform-kubernetes-addons sets
 * (docs/infra-repo.md, "The CA and mTLS chain"). Object fields follow the Kubernetes API reference
 * (core/v1 Pod, networking.k8s.io/v1 Ingress). Hosts, IPs and UIDs are illustrative.
 */

export const SIDECAR_HOST = 'thanos-sidecar.observee.example.com';

export function prometheusPod(
  sidecar: {
    ready?: boolean;
    restartCount?: number;
    waiting?: string;
    lastTerminated?: { reason: string; exitCode: number };
  } = {},
) {
  const sidecarReady = sidecar.ready ?? true;
  const name = 'prometheus-kube-prometheus-stack-prometheus-0';
  return {
    metadata: {
      name,
      namespace: 'monitoring',
      uid: '6e3b1f0a-8c2d-4f5e-9a1b-3c4d5e6f7a81',
      labels: {
        'app.kubernetes.io/instance': 'kube-prometheus-stack-prometheus',
        'app.kubernetes.io/managed-by': 'prometheus-operator',
        'app.kubernetes.io/name': 'prometheus',
        'app.kubernetes.io/version': '3.5.0',
        'operator.prometheus.io/name': 'kube-prometheus-stack-prometheus',
        'operator.prometheus.io/shard': '0',
        prometheus: 'kube-prometheus-stack-prometheus',
        'statefulset.kubernetes.io/pod-name': name,
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          name: 'prometheus-kube-prometheus-stack-prometheus',
          uid: '0f1e2d3c-0000-4000-8000-000000000002',
          controller: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: 'prometheus',
          image: 'quay.io/prometheus/prometheus:v3.5.0',
          args: [
            '--web.listen-address=:9090',
            '--storage.tsdb.min-block-duration=2h',
            '--storage.tsdb.max-block-duration=2h',
          ],
        },
        {
          name: 'config-reloader',
          image:
            'quay.io/prometheus-operator/prometheus-config-reloader:v0.85.0',
        },
        {
          name: 'thanos-sidecar',
          image: 'quay.io/thanos/thanos:v0.38.0',
          args: [
            'sidecar',
            '--prometheus.url=http://127.0.0.1:9090/',
            '--grpc-address=:10901',
            '--http-address=:10902',
            '--objstore.config=$(OBJSTORE_CONFIG)',
            '--tsdb.path=/prometheus',
          ],
          env: [
            {
              name: 'OBJSTORE_CONFIG',
              valueFrom: {
                secretKeyRef: {
                  name: 'thanos-store-observee-config',
                  key: 'thanos.yaml',
                },
              },
            },
          ],
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: '10.0.2.41',
      conditions: [{ type: 'Ready', status: sidecarReady ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: 'config-reloader',
          image:
            'quay.io/prometheus-operator/prometheus-config-reloader:v0.85.0',
          imageID: '',
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: '2026-11-20T08:00:03Z' } },
          lastState: {},
        },
        {
          name: 'prometheus',
          image: 'quay.io/prometheus/prometheus:v3.5.0',
          imageID: '',
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: '2026-11-20T08:00:02Z' } },
          lastState: {},
        },
        {
          name: 'thanos-sidecar',
          image: 'quay.io/thanos/thanos:v0.38.0',
          imageID: 'quay.io/thanos/thanos@sha256:3c0e9a7f',
          ready: sidecarReady,
          started: sidecarReady,
          restartCount: sidecar.restartCount ?? 0,
          state: sidecar.waiting
            ? { waiting: { reason: sidecar.waiting } }
            : { running: { startedAt: '2026-11-20T08:00:03Z' } },
          lastState: sidecar.lastTerminated
            ? {
                terminated: {
                  ...sidecar.lastTerminated,
                  startedAt: '2026-11-25T07:40:00Z',
                  finishedAt: '2026-11-25T07:40:09Z',
                },
              }
            : {},
        },
      ],
    },
  };
}

export function thanosGatewayIngress(
  annotations: Record<string, string> = {
    'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC',
    'nginx.ingress.kubernetes.io/auth-tls-verify-client': 'on',
    'nginx.ingress.kubernetes.io/auth-tls-secret': 'monitoring/thanos-ca',
    'cert-manager.io/cluster-issuer': 'letsencrypt',
  },
) {
  return {
    metadata: {
      name: 'kube-prometheus-stack-thanos-gateway',
      namespace: 'monitoring',
      uid: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b61',
      labels: {
        app: 'kube-prometheus-stack-prometheus',
        release: 'kube-prometheus-stack',
        'app.kubernetes.io/managed-by': 'Helm',
      },
      annotations: {
        ...annotations,
        'meta.helm.sh/release-name': 'kube-prometheus-stack',
        'meta.helm.sh/release-namespace': 'monitoring',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: SIDECAR_HOST,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'ImplementationSpecific',
                backend: {
                  service: {
                    name: 'kube-prometheus-stack-thanos-discovery',
                    port: { number: 10901 },
                  },
                },
              },
            ],
          },
        },
      ],
      tls: [{ hosts: [SIDECAR_HOST], secretName: 'thanos-gateway-tls' }],
    },
    status: {
      loadBalancer: {
        ingress: [
          { hostname: 'a1b2c3-1234567890.eu-west-1.elb.amazonaws.com' },
        ],
      },
    },
  };
}

/** Grafana's ingress in the same namespace: neither gRPC nor named for Thanos. */
export const grafanaIngress = {
  metadata: {
    name: 'kube-prometheus-stack-grafana',
    namespace: 'monitoring',
    annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
  },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host: 'grafana.observee.example.com',
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: {
                  name: 'kube-prometheus-stack-grafana',
                  port: { number: 80 },
                },
              },
            },
          ],
        },
      },
    ],
    tls: [
      { hosts: ['grafana.observee.example.com'], secretName: 'grafana-tls' },
    ],
  },
};
