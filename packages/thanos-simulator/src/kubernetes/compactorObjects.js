'use strict';

const { MINUTE, SECOND, lastOccurrence } = require('../clusterTimeline');
const {
  NAMESPACE,
  iso,
  uid,
  objectMeta,
  podStatus,
} = require('./objectShapes');

/**
 * The bitnami thanos chart's compactor (release `thanos`, chart 15.9.2: labels, the `compactor`
 * container, its args and the `/conf` objstore Secret mount, from bitnami/charts
 * `bitnami/thanos/templates/compactor/`), as a Deployment and its one pod.
 */

const COMPACTOR_IMAGE = 'docker.io/bitnami/thanos:0.38.0-debian-12-r3';
/** kubelet's longest CrashLoopBackOff delay. */
const MAX_BACK_OFF = 5 * MINUTE;

const COMPACTOR_LABELS = Object.freeze({
  'app.kubernetes.io/component': 'compactor',
  'app.kubernetes.io/instance': 'thanos',
  'app.kubernetes.io/managed-by': 'Helm',
  'app.kubernetes.io/name': 'thanos',
  'app.kubernetes.io/version': '0.38.0',
  'helm.sh/chart': 'thanos-15.9.2',
});

const COMPACTOR_ARGS = Object.freeze([
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
]);

function compactorPodSpec() {
  return {
    serviceAccountName: 'thanos-compactor',
    containers: [
      {
        name: 'compactor',
        image: COMPACTOR_IMAGE,
        imagePullPolicy: 'IfNotPresent',
        args: [...COMPACTOR_ARGS],
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
  };
}

/**
 * The compactor container's status. A crash-looping one waits in CrashLoopBackOff between short
 * lives: one restart per back-off period since the fault began, last exit code 1.
 *
 * @param {import('../scenarios').Scenario} scenario
 * @param {number} since
 * @param {number} now
 * @param {number} podStart
 */
function compactorContainerStatus(scenario, since, now, podStart) {
  const base = {
    name: 'compactor',
    image: COMPACTOR_IMAGE,
    imageID:
      'docker.io/bitnami/thanos@sha256:5b1e6a8d0c1f4e2a9b7c3d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192',
    containerID: 'containerd://9c2d0f1e8b7a6c5d4e3f2a1b0c9d8e7f',
  };
  if (scenario.compactor !== 'crashloop') {
    return {
      ...base,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: iso(podStart + 4 * SECOND) } },
      lastState: {},
    };
  }
  const lastStart = lastOccurrence(MAX_BACK_OFF, 0, now);
  return {
    ...base,
    ready: false,
    started: false,
    restartCount: Math.max(1, Math.floor((now - since) / MAX_BACK_OFF)),
    state: {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: 'back-off 5m0s restarting failed container=compactor',
      },
    },
    lastState: {
      terminated: {
        exitCode: 1,
        reason: 'Error',
        startedAt: iso(lastStart),
        finishedAt: iso(lastStart + 3 * SECOND),
        containerID: base.containerID,
      },
    },
  };
}

/**
 * @param {import('../clusterConfig').SimulatedCluster} cluster
 * @param {{scenario: import('../scenarios').Scenario, since: number, now: number,
 *   installedAt: number, podStart: number}} at
 */
function compactorObjects(cluster, at) {
  const { scenario, since, now, installedAt, podStart } = at;
  const crashing = scenario.compactor === 'crashloop';
  const replicaSet = `thanos-compactor-${cluster.compactorPod.split('-')[2]}`;

  const deployment = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: {
      ...objectMeta(
        cluster,
        'Deployment',
        'thanos-compactor',
        COMPACTOR_LABELS,
        installedAt,
      ),
      generation: 3,
      annotations: {
        'deployment.kubernetes.io/revision': '3',
        'meta.helm.sh/release-name': 'thanos',
        'meta.helm.sh/release-namespace': NAMESPACE,
      },
    },
    spec: {
      replicas: 1,
      selector: {
        matchLabels: {
          'app.kubernetes.io/component': 'compactor',
          'app.kubernetes.io/instance': 'thanos',
          'app.kubernetes.io/name': 'thanos',
        },
      },
      template: {
        metadata: { labels: { ...COMPACTOR_LABELS } },
        spec: compactorPodSpec(),
      },
      strategy: { type: 'Recreate' },
    },
    status: {
      observedGeneration: 3,
      replicas: 1,
      updatedReplicas: 1,
      ...(crashing
        ? { unavailableReplicas: 1 }
        : { readyReplicas: 1, availableReplicas: 1 }),
    },
  };

  const compactorStatus = compactorContainerStatus(
    scenario,
    since,
    now,
    podStart,
  );
  const compactorPod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      ...objectMeta(
        cluster,
        'Pod',
        cluster.compactorPod,
        {
          ...COMPACTOR_LABELS,
          'pod-template-hash': replicaSet.slice('thanos-compactor-'.length),
        },
        podStart,
      ),
      generateName: `${replicaSet}-`,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: replicaSet,
          uid: uid(cluster, 'ReplicaSet', replicaSet),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: compactorPodSpec(),
    status: podStatus(cluster.compactorPodIp, podStart, [compactorStatus]),
  };
  return { deployment, pod: compactorPod };
}

module.exports = { compactorObjects };
