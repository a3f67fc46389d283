'use strict';

const crypto = require('node:crypto');
const { SECOND } = require('../clusterTimeline');

/**
 * Metadata and status shapes shared by the simulated Kubernetes objects (Kubernetes API reference:
 * meta/v1 ObjectMeta, core/v1 PodStatus, ContainerStatus and Secret). UIDs and times are derived
 * from the cluster and the simulator's clock, so they are stable within a run.
 */

const NAMESPACE = 'monitoring';

/** @param {number} ms */
const iso = ms =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * @param {SimulatedCluster} cluster
 * @param {string} kind
 * @param {string} name
 */
function uid(cluster, kind, name) {
  const hex = crypto
    .createHash('sha256')
    .update(`${cluster.key}/${kind}/${name}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * @param {SimulatedCluster} cluster
 * @param {string} kind
 * @param {string} name
 * @param {Record<string, string>} labels
 * @param {number} createdAt
 */
function objectMeta(cluster, kind, name, labels, createdAt) {
  return {
    name,
    namespace: NAMESPACE,
    uid: uid(cluster, kind, name),
    resourceVersion: String((1000 + ((createdAt / 1000) % 90000)) | 0),
    creationTimestamp: iso(createdAt),
    labels: { ...labels },
  };
}

/**
 * @param {string} podIp
 * @param {number} podStart
 * @param {Array<{ready: boolean}>} containerStatuses
 */
function podStatus(podIp, podStart, containerStatuses) {
  const ready = containerStatuses.every(c => c.ready) ? 'True' : 'False';
  return {
    phase: 'Running',
    conditions: [
      {
        type: 'Initialized',
        status: 'True',
        lastTransitionTime: iso(podStart),
      },
      {
        type: 'Ready',
        status: ready,
        lastTransitionTime: iso(podStart + 10 * SECOND),
      },
      {
        type: 'ContainersReady',
        status: ready,
        lastTransitionTime: iso(podStart + 10 * SECOND),
      },
      {
        type: 'PodScheduled',
        status: 'True',
        lastTransitionTime: iso(podStart),
      },
    ],
    hostIP: '10.0.1.10',
    podIP: podIp,
    podIPs: [{ ip: podIp }],
    startTime: iso(podStart),
    qosClass: 'Burstable',
    containerStatuses,
  };
}

/**
 * @param {string} name
 * @param {string} image
 * @param {boolean} ready
 * @param {number} podStart
 */
function runningContainer(name, image, ready, podStart) {
  return {
    name,
    image,
    imageID: `${image.split(':')[0]}@sha256:${uid(
      { key: name },
      'image',
      image,
    ).replace(/-/g, '')}`,
    containerID: `containerd://${uid({ key: name }, 'container', image).replace(
      /-/g,
      '',
    )}`,
    ready,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: iso(podStart + 4 * SECOND) } },
    lastState: {},
  };
}

/**
 * A Secret; `data` holds placeholders, never real key material. `managedFields` records the keys
 * as the Terraform Kubernetes provider writes them.
 *
 * @param {SimulatedCluster} cluster
 * @param {string} name
 * @param {string[]} keys
 * @param {number} createdAt
 */
function secret(cluster, name, keys, createdAt) {
  const metadata = objectMeta(cluster, 'Secret', name, {}, createdAt);
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: {
      ...metadata,
      managedFields: [
        {
          manager: 'HashiCorp',
          operation: 'Update',
          apiVersion: 'v1',
          time: metadata.creationTimestamp,
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:data': {
              '.': {},
              ...Object.fromEntries(keys.map(k => [`f:${k}`, {}])),
            },
            'f:type': {},
          },
        },
      ],
    },
    data: Object.fromEntries(
      keys.map(k => [
        k,
        Buffer.from('thanos-simulator test double').toString('base64'),
      ]),
    ),
    type: keys.includes('tls.crt') ? 'kubernetes.io/tls' : 'Opaque',
  };
}

module.exports = {
  NAMESPACE,
  iso,
  uid,
  objectMeta,
  podStatus,
  runningContainer,
  secret,
};
