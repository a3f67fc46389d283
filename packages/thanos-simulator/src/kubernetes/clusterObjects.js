'use strict';

const { MINUTE } = require('../clusterTimeline');
const { compactorObjects } = require('./compactorObjects');
const {
  NAMESPACE,
  uid,
  objectMeta,
  podStatus,
  runningContainer,
  secret,
} = require('./objectShapes');

/**
 * The Kubernetes objects of one simulated cluster's `monitoring` namespace, as the API server
 * returns them: the bitnami thanos chart's compactor (Deployment and pod), kube-prometheus-stack's
 * Prometheus (StatefulSet and pod with the `thanos-sidecar` container), the sidecar ingress with
 * its ingress-nginx annotations, and the Secrets it names. What they show follows the cluster's
 * scenario, as a real cluster in that fault would.
 *
 * Shapes follow the Kubernetes API reference (apps/v1 Deployment and StatefulSet, core/v1 Pod and
 * Secret, networking.k8s.io/v1 Ingress; `kubectl get … -o json`); labels, container names and
 * args follow bitnami/charts `bitnami/thanos/templates/compactor/` (release `thanos`) and
 * prometheus-community kube-prometheus-stack (release `kube-prometheus-stack`, `thanosIngress`), as
 * terraform-kubernetes-addons deploys them (docs/infra-repo.md). UIDs and times are illustrative.
 */

const SIDECAR_IMAGE = 'quay.io/thanos/thanos:v0.38.0';
const PROMETHEUS_IMAGE = 'quay.io/prometheus/prometheus:v3.1.0';

const PROMETHEUS_LABELS = Object.freeze({
  'app.kubernetes.io/instance': 'kube-prometheus-stack-prometheus',
  'app.kubernetes.io/managed-by': 'prometheus-operator',
  'app.kubernetes.io/name': 'prometheus',
  'operator.prometheus.io/name': 'kube-prometheus-stack-prometheus',
  prometheus: 'kube-prometheus-stack-prometheus',
});

/**
 * @typedef {import('../clusterConfig').SimulatedCluster} SimulatedCluster
 * @typedef {{kind: string, apiVersion: string, metadata: Record<string, any>, [key: string]: any}} KubernetesObject
 */

/**
 * @param {SimulatedCluster} cluster
 * @param {import('../scenarioBook').ScenarioBook} book
 * @param {number} now
 * @returns {{deployments: KubernetesObject[], statefulsets: KubernetesObject[], pods: KubernetesObject[], ingresses: KubernetesObject[], secrets: KubernetesObject[]}}
 */
function clusterObjects(cluster, book, now) {
  const { scenario, since } = book.current(cluster.key);
  const installedAt = book.startedAt - 60 * 24 * 60 * MINUTE;
  const podStart = book.startedAt - 2 * 24 * 60 * MINUTE;
  const compactor = compactorObjects(cluster, {
    scenario,
    since,
    now,
    installedAt,
    podStart,
  });

  const sidecarReady = scenario.sidecarPrometheusUp;
  const prometheusPod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      ...objectMeta(
        cluster,
        'Pod',
        cluster.sidecarPod,
        {
          ...PROMETHEUS_LABELS,
          'apps.kubernetes.io/pod-index': '0',
          'statefulset.kubernetes.io/pod-name': cluster.sidecarPod,
        },
        podStart,
      ),
      generateName: 'prometheus-kube-prometheus-stack-prometheus-',
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          name: 'prometheus-kube-prometheus-stack-prometheus',
          uid: uid(cluster, 'StatefulSet', 'prometheus'),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      serviceAccountName: 'kube-prometheus-stack-prometheus',
      containers: [
        {
          name: 'prometheus',
          image: PROMETHEUS_IMAGE,
          args: [
            '--config.file=/etc/prometheus/config_out/prometheus.env.yaml',
            '--storage.tsdb.path=/prometheus',
            '--storage.tsdb.retention.time=1d',
          ],
        },
        {
          name: 'config-reloader',
          image:
            'quay.io/prometheus-operator/prometheus-config-reloader:v0.79.2',
        },
        {
          name: 'thanos-sidecar',
          image: SIDECAR_IMAGE,
          args: [
            'sidecar',
            '--prometheus.url=http://127.0.0.1:9090/',
            '--grpc-address=:10901',
            '--http-address=:10902',
            '--objstore.config=$(OBJSTORE_CONFIG)',
            '--tsdb.path=/prometheus',
          ],
        },
      ],
    },
    status: podStatus(cluster.prometheusPodIp, podStart, [
      runningContainer(
        'config-reloader',
        'quay.io/prometheus-operator/prometheus-config-reloader:v0.79.2',
        true,
        podStart,
      ),
      runningContainer('prometheus', PROMETHEUS_IMAGE, true, podStart),
      runningContainer('thanos-sidecar', SIDECAR_IMAGE, sidecarReady, podStart),
    ]),
  };

  const statefulSet = {
    kind: 'StatefulSet',
    apiVersion: 'apps/v1',
    metadata: {
      ...objectMeta(
        cluster,
        'StatefulSet',
        'prometheus-kube-prometheus-stack-prometheus',
        PROMETHEUS_LABELS,
        installedAt,
      ),
      generation: 1,
    },
    spec: {
      replicas: 1,
      serviceName: 'prometheus-operated',
      selector: {
        matchLabels: {
          'app.kubernetes.io/name': 'prometheus',
          'operator.prometheus.io/name': 'kube-prometheus-stack-prometheus',
        },
      },
      template: {
        metadata: { labels: { ...PROMETHEUS_LABELS } },
        spec: prometheusPod.spec,
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      readyReplicas: sidecarReady ? 1 : 0,
      currentReplicas: 1,
      updatedReplicas: 1,
      availableReplicas: sidecarReady ? 1 : 0,
    },
  };

  const host = cluster.sidecarIngressHost.replace(/:443$/, '');
  const ingress = {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: {
      ...objectMeta(
        cluster,
        'Ingress',
        'kube-prometheus-stack-thanos-gateway',
        {
          app: 'kube-prometheus-stack-prometheus',
          release: 'kube-prometheus-stack',
        },
        installedAt,
      ),
      generation: 1,
      annotations: {
        'cert-manager.io/cluster-issuer': 'letsencrypt',
        'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC',
        'nginx.ingress.kubernetes.io/auth-tls-verify-client': 'on',
        'nginx.ingress.kubernetes.io/auth-tls-secret': 'monitoring/thanos-ca',
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host,
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
      tls: [{ hosts: [host], secretName: host }],
    },
    status: {
      loadBalancer: {
        ingress: [
          {
            hostname: `k8s-ingressn-ingressn-${uid(
              cluster,
              'lb',
              'nginx',
            ).slice(0, 10)}.elb.amazonaws.com`,
          },
        ],
      },
    },
  };

  const secrets = [
    secret(cluster, 'thanos-objstore-secret', ['objstore.yml'], installedAt),
    secret(cluster, host, ['tls.crt', 'tls.key'], installedAt),
  ];
  if (cluster.kubernetes.clientCaSecret === 'present') {
    secrets.push(secret(cluster, 'thanos-ca', ['ca.crt'], installedAt));
  }
  return {
    deployments: [compactor.deployment],
    statefulsets: [statefulSet],
    pods: [compactor.pod, prometheusPod],
    ingresses: [ingress],
    secrets,
  };
}

module.exports = { clusterObjects };
