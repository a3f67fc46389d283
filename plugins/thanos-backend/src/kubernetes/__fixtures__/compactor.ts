/**
 * The bitnami thanos chart's compactor as the Kubernetes API returns it (`kubectl get deployment
 * -n monitoring thanos-compactor -o json`, `kubectl get pods -l app.kubernetes.io/component=compactor
 * -o json`). Labels, container name, args, the `/conf` objstore Secret mount and the `/data`
 * volume follow bitnami/charts `bitnami/thanos/templates/compactor/deployment.yaml` and
 * `_pod-template.tpl` for release `thanos`, chart 15.9.2 as terraform-kubernetes-addons deploys it
 * (docs/infra-repo.md, "How the Thanos components are named in the clusters"). Object fields follow
 * the Kubernetes API reference (apps/v1 Deployment, StatefulSet; core/v1 Pod). UIDs, times and
 * hashes are illustrative.
 */

const labels = {
  'app.kubernetes.io/component': 'compactor',
  'app.kubernetes.io/instance': 'thanos',
  'app.kubernetes.io/managed-by': 'Helm',
  'app.kubernetes.io/name': 'thanos',
  'app.kubernetes.io/version': '0.38.0',
  'helm.sh/chart': 'thanos-15.9.2',
};

export const COMPACTOR_IMAGE = 'docker.io/bitnami/thanos:0.38.0-debian-12-r3';

const compactorArgs = [
  'compact',
  '--log.level=info',
  '--log.format=logfmt',
  '--http-address=0.0.0.0:10902',
  '--data-dir=/data',
  '--retention.resolution-raw=30d',
  '--retention.resolution-5m=90d',
  '--retention.resolution-1h=1y',
  '--consistency-delay=30m',
  '--objstore.config-file=/conf/objstore.yml',
  '--wait',
];

function podTemplate(args: string[]) {
  return {
    metadata: {
      labels,
      annotations: { 'checksum/objstore-configuration': '3f1c0f3e' },
    },
    spec: {
      serviceAccountName: 'thanos-compactor',
      containers: [
        {
          name: 'compactor',
          image: COMPACTOR_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          args,
          ports: [{ name: 'http', containerPort: 10902, protocol: 'TCP' }],
          volumeMounts: [
            { name: 'objstore-config', mountPath: '/conf' },
            { name: 'data', mountPath: '/data' },
          ],
        },
      ],
      volumes: [
        {
          name: 'objstore-config',
          secret: { secretName: 'thanos-objstore-secret', defaultMode: 420 },
        },
        { name: 'data', emptyDir: {} },
      ],
    },
  };
}

export function compactorDeployment(
  overrides: {
    name?: string;
    replicas?: number;
    readyReplicas?: number;
    args?: string[];
  } = {},
) {
  const replicas = overrides.replicas ?? 1;
  return {
    metadata: {
      name: overrides.name ?? 'thanos-compactor',
      namespace: 'monitoring',
      uid: 'a3c9e3f0-7d0e-4c39-9a57-0c1f1c1b2d11',
      resourceVersion: '48211',
      generation: 1,
      creationTimestamp: '2026-10-01T09:12:44Z',
      labels,
      annotations: {
        'deployment.kubernetes.io/revision': '3',
        'meta.helm.sh/release-name': 'thanos',
      },
    },
    spec: {
      replicas,
      selector: {
        matchLabels: {
          'app.kubernetes.io/component': 'compactor',
          'app.kubernetes.io/instance': 'thanos',
          'app.kubernetes.io/name': 'thanos',
        },
      },
      template: podTemplate(overrides.args ?? compactorArgs),
      strategy: { type: 'Recreate' },
    },
    status: {
      observedGeneration: 1,
      replicas,
      readyReplicas: overrides.readyReplicas ?? replicas,
      availableReplicas: overrides.readyReplicas ?? replicas,
      updatedReplicas: replicas,
    },
  };
}

/** A second compactor left over from a manual install, mounting the same objstore Secret. */
export function compactorStatefulSet(name = 'thanos-compactor-legacy') {
  return {
    metadata: {
      name,
      namespace: 'monitoring',
      uid: '0b7d3a4e-52f4-4b5b-8f7e-6b5c3e0a9f21',
      resourceVersion: '50102',
      creationTimestamp: '2026-09-12T14:02:10Z',
      labels,
    },
    spec: {
      replicas: 1,
      serviceName: `${name}-headless`,
      selector: { matchLabels: { 'app.kubernetes.io/component': 'compactor' } },
      template: podTemplate(compactorArgs),
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      readyReplicas: 1,
      currentReplicas: 1,
    },
  };
}

type ContainerState =
  | { running: { startedAt: string } }
  | { waiting: { reason: string; message?: string } };

export function compactorPod(
  options: {
    name?: string;
    ready?: boolean;
    restartCount?: number;
    state?: ContainerState;
    lastTerminated?: { reason: string; exitCode: number };
  } = {},
) {
  const ready = options.ready ?? true;
  return {
    metadata: {
      name: options.name ?? 'thanos-compactor-6d5c7b9f8-x2k4q',
      generateName: 'thanos-compactor-6d5c7b9f8-',
      namespace: 'monitoring',
      uid: 'c1f2a7d4-1e0b-45a3-9d8a-2f7b6a1e4c33',
      labels: { ...labels, 'pod-template-hash': '6d5c7b9f8' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'thanos-compactor-6d5c7b9f8',
          uid: 'f0e1d2c3-0000-4000-8000-000000000001',
          controller: true,
        },
      ],
    },
    spec: podTemplate(compactorArgs).spec,
    status: {
      phase: 'Running',
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          lastTransitionTime: '2026-11-25T07:58:00Z',
        },
        {
          type: 'ContainersReady',
          status: ready ? 'True' : 'False',
          lastTransitionTime: '2026-11-25T07:58:00Z',
        },
      ],
      podIP: '10.0.3.17',
      startTime: '2026-11-24T22:10:01Z',
      containerStatuses: [
        {
          name: 'compactor',
          image: COMPACTOR_IMAGE,
          imageID: 'docker.io/bitnami/thanos@sha256:5b1e6a8d0c1f',
          containerID: 'containerd://9c2d0f1e',
          ready,
          started: ready,
          restartCount: options.restartCount ?? 0,
          state: options.state ?? {
            running: { startedAt: '2026-11-24T22:10:05Z' },
          },
          lastState: options.lastTerminated
            ? {
                terminated: {
                  ...options.lastTerminated,
                  startedAt: '2026-11-25T07:51:12Z',
                  finishedAt: '2026-11-25T07:53:40Z',
                  containerID: 'containerd://4a7e9b2c',
                },
              }
            : {},
        },
      ],
    },
  };
}

/** The compactor killed for memory and now in back-off, as kubelet reports it. */
export const crashLoopingCompactorPod = compactorPod({
  ready: false,
  restartCount: 14,
  state: {
    waiting: {
      reason: 'CrashLoopBackOff',
      message:
        'back-off 5m0s restarting failed container=compactor pod=thanos-compactor-6d5c7b9f8-x2k4q_monitoring(c1f2a7d4-1e0b-45a3-9d8a-2f7b6a1e4c33)',
    },
  },
  lastTerminated: { reason: 'OOMKilled', exitCode: 137 },
});

export function list(kind: string, apiVersion: string, items: unknown[]) {
  return { kind, apiVersion, metadata: { resourceVersion: '51234' }, items };
}
