'use strict';

const { metricsReachObserver, sidecarPathWorks } = require('./scenarios');

/**
 * Which simulated targets the simulator's Prometheus scrapes, and with which labels. That
 * Prometheus stands for everything the observer's central query can read through PromQL, so it
 * follows the real data path (docs/architecture.md):
 *
 * - An observee's Prometheus, sidecar and compactor are scraped by the observee's own Prometheus;
 *   their samples reach the central query only through the observee's sidecar. While any hop of
 *   that path fails (`metricsReachObserver`), none of the cluster's targets is scraped: their
 *   series go stale at once (Prometheus writes staleness markers for a target that leaves), as
 *   recent samples vanish from a real central query. The same holds while the observee's
 *   Prometheus has stopped ingesting: it scrapes nothing, so every one of its series ends at the
 *   onset although every hop still answers.
 * - The store gateway of each bucket runs in the observer cluster and is scraped by the observer's
 *   Prometheus, so its series carry the observer's labels and stay visible whatever happens to the
 *   observee.
 *
 * The groups are written as `file_sd` JSON files that Prometheus watches, so a scenario switch
 * changes what is scraped within seconds.
 */

/**
 * @typedef {import('./clusterConfig').SimulatedCluster} SimulatedCluster
 *
 * @typedef {object} TargetKind
 * @property {string} job scrape job, named as the thanos-mixin selects it
 * @property {string} segment path segment on the simulator
 * @property {number} port the port a Kubernetes scrape of the real thing would show
 * @property {(c: SimulatedCluster) => string} pod
 * @property {(c: SimulatedCluster) => string} ip
 * @property {boolean} inObserver scraped by the observer's Prometheus (labels of the observer)
 */

/** @type {ReadonlyArray<TargetKind>} */
const TARGET_KINDS = Object.freeze([
  {
    job: 'thanos-sidecar',
    segment: 'sidecar',
    port: 10902,
    pod: c => c.sidecarPod,
    ip: c => c.prometheusPodIp,
    inObserver: false,
  },
  {
    job: 'thanos-compact',
    segment: 'compactor',
    port: 10902,
    pod: c => c.compactorPod,
    ip: c => c.compactorPodIp,
    inObserver: false,
  },
  {
    job: 'kube-prometheus-stack-prometheus',
    segment: 'prometheus',
    port: 9090,
    pod: c => c.sidecarPod,
    ip: c => c.prometheusPodIp,
    inObserver: false,
  },
  {
    job: 'thanos-storegateway',
    segment: 'storegateway',
    port: 10902,
    pod: c => c.storeGatewayPod,
    ip: c => c.storeGatewayPodIp,
    inObserver: true,
  },
]);

/**
 * Whether Prometheus scrapes this target now.
 *
 * @param {TargetKind} kind
 * @param {SimulatedCluster} cluster
 * @param {import('./scenarioBook').ScenarioBook} book
 */
function isScraped(kind, cluster, book) {
  const { scenario } = book.current(cluster.key);
  if (kind.inObserver) {
    return scenario.storeGateway !== 'absent';
  }
  return metricsReachObserver(cluster.role, scenario);
}

/**
 * Whether this target was scraped, and its samples reached the observer, until its cluster's
 * onset: an observee target whose Prometheus stopped ingesting while the path to its sidecar
 * still works. Its recent past ends at the onset (src/history.js).
 *
 * @param {TargetKind} kind
 * @param {SimulatedCluster} cluster
 * @param {import('./scenarioBook').ScenarioBook} book
 */
function isScrapedUntilOnset(kind, cluster, book) {
  const { scenario } = book.current(cluster.key);
  return (
    !kind.inObserver &&
    scenario.ingestionStopped &&
    sidecarPathWorks(cluster.role, scenario)
  );
}

/**
 * The file_sd target groups of every job: `{ "<job>": [{targets, labels}, …] }`. With
 * `untilOnset`, also the targets whose samples stopped at their cluster's onset, for the start-up
 * history.
 *
 * @param {SimulatedCluster[]} clusters
 * @param {import('./scenarioBook').ScenarioBook} book
 * @param {string} simulatorAddress `host:port`
 * @param {{untilOnset?: boolean}} [options]
 * @returns {Record<string, Array<{targets: string[], labels: Record<string, string>}>>}
 */
function renderTargetGroups(clusters, book, simulatorAddress, options = {}) {
  const observer = clusters.find(c => c.role === 'observer') ?? clusters[0];
  /** @type {Record<string, Array<{targets: string[], labels: Record<string, string>}>>} */
  const groups = {};
  for (const kind of TARGET_KINDS) {
    groups[kind.job] = clusters
      .filter(
        cluster =>
          isScraped(kind, cluster, book) ||
          (options.untilOnset === true &&
            isScrapedUntilOnset(kind, cluster, book)),
      )
      .map(cluster => {
        const scrapedBy = kind.inObserver ? observer : cluster;
        return {
          targets: [simulatorAddress],
          labels: {
            __metrics_path__: `/targets/${cluster.key}/${kind.segment}/metrics`,
            instance: `${kind.ip(cluster)}:${kind.port}`,
            cluster: scrapedBy.cluster,
            prometheus: scrapedBy.externalLabels.prometheus,
            namespace: 'monitoring',
            pod: kind.pod(cluster),
          },
        };
      });
  }
  return groups;
}

/** @param {ReturnType<typeof renderTargetGroups>} groups */
function countTargets(groups) {
  return Object.values(groups).reduce((sum, list) => sum + list.length, 0);
}

module.exports = {
  TARGET_KINDS,
  renderTargetGroups,
  isScrapedUntilOnset,
  countTargets,
};
