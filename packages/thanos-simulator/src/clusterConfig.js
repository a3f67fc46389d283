'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const { isScenarioName, SCENARIO_NAMES } = require('./scenarios');

/**
 * The simulated fleet, read from clusters.json: one observer and its observees, each with the
 * `cluster` external label the example catalog entities match (`thanos.io/external-labels`).
 *
 * Addresses are derived from a cluster's position so that they look like what a real observer
 * shows (pod `IP:port` under DNS discovery; docs/thanos.md, "The store list") and stay stable
 * across runs.
 */

/**
 * @typedef {object} SimulatedCluster
 * @property {string} key observee key in the observer maps (`thanos.io/observee-key`)
 * @property {string} cluster value of the `cluster` external label
 * @property {'observer' | 'observee'} role
 * @property {string} scenario scenario at start-up
 * @property {boolean} inCatalog whether the demo catalog has an entity for it (false: drift)
 * @property {string} bucket object-storage bucket its sidecar and compactor write to
 * @property {Record<string, string>} externalLabels the cluster's Prometheus external labels
 * @property {string} sidecarPod pod running Prometheus and the Thanos sidecar
 * @property {string} compactorPod
 * @property {string} prometheusPodIp IP of the pod running Prometheus and the sidecar
 * @property {string} compactorPodIp
 * @property {string} sidecarAddress how the observer's querier names the observer's own sidecar
 * @property {string | null} tlsQuerierAddress pod `IP:port` of this observee's TLS querier (null for the observer)
 * @property {string} sidecarIngressHost the sidecar's ingress, as the TLS querier dials it
 * @property {string} storeGatewayAddress store gateway serving this cluster's bucket
 * @property {string} storeGatewayPod the store gateway's pod (it runs in the observer cluster)
 * @property {string} storeGatewayPodIp
 * @property {{clientCaSecret: 'present' | 'absent'}} kubernetes what the Kubernetes API double
 *   shows besides the scenario: whether the ingress' client-CA Secret exists
 */

const KEY_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const PROMETHEUS_NAME = 'monitoring/kube-prometheus-stack-prometheus';
const PROMETHEUS_POD = 'prometheus-kube-prometheus-stack-prometheus-0';

/**
 * A short hex string derived from `text`, standing in for the ReplicaSet/pod hash suffixes
 * Kubernetes puts into Deployment pod names.
 *
 * @param {string} text
 * @param {number} length
 */
function podHash(text, length) {
  // Kubernetes' pod-name suffix alphabet (no vowels, no look-alike digits).
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const digest = crypto.createHash('sha256').update(text).digest();
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[digest[i] % alphabet.length];
  }
  return out;
}

/**
 * The `n`-th address of a pod subnet starting at 10.0.<subnet>.0 (spilling into the next /24
 * for large fleets).
 *
 * @param {number} subnet
 * @param {number} n
 */
function podIp(subnet, n) {
  const value = subnet * 256 + n;
  return `10.0.${Math.floor(value / 256)}.${value % 256}`;
}

/**
 * Checks the parsed clusters.json and derives every simulated name and address.
 *
 * @param {unknown} document parsed clusters.json
 * @param {string} source file name, for error messages
 * @returns {SimulatedCluster[]}
 */
function parseClusterConfig(document, source) {
  const list =
    document && typeof document === 'object'
      ? /** @type {{clusters?: unknown}} */ (document).clusters
      : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw new Error(
      `${source}: expected {"clusters": [ ... ]} with at least one cluster`,
    );
  }
  const seenKeys = new Set();
  let observers = 0;
  let observeeIndex = 0;
  const clusters = list.map((raw, index) => {
    const where = `${source}: clusters[${index}]`;
    if (!raw || typeof raw !== 'object') {
      throw new Error(`${where} must be an object`);
    }
    const {
      key,
      cluster,
      role = 'observee',
      scenario = 'healthy',
      bucket,
      kubernetes = {},
      inCatalog = true,
    } = /** @type {Record<string, unknown>} */ (raw);
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new Error(
        `${where}.key must be a DNS label (lower-case letters, digits, '-'), got ${JSON.stringify(
          key,
        )}`,
      );
    }
    if (seenKeys.has(key)) {
      throw new Error(`${where}.key "${key}" appears twice`);
    }
    seenKeys.add(key);
    if (typeof cluster !== 'string' || cluster === '') {
      throw new Error(
        `${where}.cluster must be the cluster's "cluster" external label`,
      );
    }
    if (role !== 'observer' && role !== 'observee') {
      throw new Error(
        `${where}.role must be "observer" or "observee", got ${JSON.stringify(
          role,
        )}`,
      );
    }
    if (typeof scenario !== 'string' || !isScenarioName(scenario)) {
      throw new Error(
        `${where}.scenario ${JSON.stringify(
          scenario,
        )} is unknown; valid scenarios: ${SCENARIO_NAMES.join(', ')}`,
      );
    }
    if (typeof inCatalog !== 'boolean') {
      throw new Error(`${where}.inCatalog must be true or false when given`);
    }
    if (bucket !== undefined && (typeof bucket !== 'string' || bucket === '')) {
      throw new Error(`${where}.bucket must be a non-empty string when given`);
    }
    const clientCaSecret =
      kubernetes && typeof kubernetes === 'object'
        ? /** @type {Record<string, unknown>} */ (kubernetes).clientCaSecret ??
          'present'
        : undefined;
    if (clientCaSecret !== 'present' && clientCaSecret !== 'absent') {
      throw new Error(
        `${where}.kubernetes must be an object like {"clientCaSecret": "present" | "absent"}`,
      );
    }
    if (role === 'observer') {
      observers += 1;
    }
    const observeeNumber = role === 'observee' ? observeeIndex++ : -1;
    return {
      key,
      cluster,
      role,
      scenario,
      inCatalog,
      bucket: bucket ?? `${cluster}-thanos`,
      externalLabels: {
        cluster,
        prometheus: PROMETHEUS_NAME,
        prometheus_replica: PROMETHEUS_POD,
      },
      sidecarPod: PROMETHEUS_POD,
      compactorPod: `thanos-compactor-${podHash(`${key}/rs`, 10)}-${podHash(
        `${key}/pod`,
        5,
      )}`,
      prometheusPodIp: podIp(101, 23 + index),
      compactorPodIp: podIp(103, 41 + index),
      sidecarAddress: `${podIp(101, 23 + index)}:10901`,
      tlsQuerierAddress:
        role === 'observee'
          ? `${podIp(102, 57 + observeeNumber * 11)}:10901`
          : null,
      sidecarIngressHost: `thanos-sidecar.${key}.thanos.teks-tg.clusterfrak-dynamics.io:443`,
      storeGatewayAddress: `thanos-storegateway-${key}.monitoring.svc.cluster.local:10901`,
      storeGatewayPod: `thanos-storegateway-${key}-0`,
      storeGatewayPodIp: podIp(104, 12 + index),
      kubernetes: { clientCaSecret },
    };
  });
  if (observers !== 1) {
    throw new Error(
      `${source}: expected exactly one cluster with "role": "observer", found ${observers}`,
    );
  }
  return /** @type {SimulatedCluster[]} */ (clusters);
}

/**
 * @param {string} path
 * @returns {SimulatedCluster[]}
 */
function loadClusterConfig(path) {
  let text;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read the cluster list ${path}: ${
        /** @type {Error} */ (error).message
      }`,
    );
  }
  let document;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${path} is not valid JSON: ${/** @type {Error} */ (error).message}`,
    );
  }
  return parseClusterConfig(document, path);
}

module.exports = { parseClusterConfig, loadClusterConfig };
