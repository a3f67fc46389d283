'use strict';

const { GRPC_ERRORS } = require('./scenarios');
const {
  MIN_INT64,
  MAX_INT64,
  encodeGoJson,
  sortedMap,
  compareBytes,
  rfc3339Nano,
} = require('./goJson');
const {
  DAY,
  lastOccurrence,
  lastSidecarUpload,
  blockEndOfUpload,
  prometheusLowestTimestamp,
  lastInfoCheck,
  stableNumber,
} = require('./clusterTimeline');

/**
 * `GET /api/v1/stores` of the observer's central query and of each observee's TLS querier.
 *
 * Shape: thanos-io/thanos v0.42.4 `pkg/api/query/v1.go` `QueryAPI.stores` returns
 * `map[string][]query.EndpointStatus` keyed by component type, wrapped in the envelope of
 * `pkg/api/api.go` `Respond` (`{"status":"success","data":…}`). Each entry is
 * `pkg/query/endpointset.go` `EndpointStatus`, fields in declaration order:
 * `name`, `lastCheck` (time.Time), `lastError` (*stringError: null or a string),
 * `labelSets` ([]labels.Labels: each a sorted `{"name":"value"}` map; `[]` when empty,
 * `endpointRef.labelSets`), `minTime`, `maxTime` (int64 ms). Entries are sorted by name
 * (`EndpointSet.GetEndpointStatus`). A failing entry keeps the label sets and times of its last
 * good check and its `lastCheck` stays at that check (`endpointRef.updateStatus`).
 */

/**
 * @typedef {import('./clusterConfig').SimulatedCluster} SimulatedCluster
 * @typedef {import('./scenarioBook').ScenarioBook} ScenarioBook
 */

/**
 * @param {string} name
 * @param {number} at epoch ms of the last successful check
 * @param {string | null} lastError
 * @param {Array<Record<string, string>>} labelSets
 * @param {bigint} minTime
 * @param {bigint} maxTime
 */
function endpointStatus(name, at, lastError, labelSets, minTime, maxTime) {
  return {
    name,
    lastCheck: rfc3339Nano(at, stableNumber(`${name}@${at}`, 1_000_000)),
    lastError,
    labelSets: labelSets.map(sortedMap),
    minTime,
    maxTime,
  };
}

/**
 * When an endpoint was last checked successfully: the latest tick of the querier's 5 s loop,
 * or, while it fails, the last tick before the failure began.
 *
 * @param {string} name
 * @param {boolean} failing
 * @param {number} since onset of the current scenario
 * @param {number} now
 */
function lastGoodCheck(name, failing, since, now) {
  return lastInfoCheck(failing ? since : now, stableNumber(name, 5000));
}

/**
 * The observee's sidecar as its TLS querier sees it through the ingress.
 *
 * @param {SimulatedCluster} cluster
 * @param {ScenarioBook} book
 * @param {number} now
 */
function remoteSidecarStatus(cluster, book, now) {
  const { scenario, since } = book.current(cluster.key);
  const failing = scenario.sidecarHopError !== null;
  const checkedAt = lastGoodCheck(
    cluster.sidecarIngressHost,
    failing,
    since,
    now,
  );
  return endpointStatus(
    cluster.sidecarIngressHost,
    checkedAt,
    scenario.sidecarHopError,
    [cluster.externalLabels],
    // A sidecar advertises Prometheus' lowest timestamp and math.MaxInt64
    // (cmd/thanos/sidecar.go `promMetadata.UpdateTimestamps`), even when Prometheus stopped ingesting.
    BigInt(prometheusLowestTimestamp(checkedAt, stableNumber(cluster.key, 40))),
    MAX_INT64,
  );
}

/**
 * The observer's own sidecar, discovered in-cluster by pod IP. It has no ingress hop, so the
 * only failure it shows is its own readiness: `Not ready` while it cannot reach its Prometheus
 * (cmd/thanos/sidecar.go; docs/thanos.md, "Error texts").
 *
 * @param {SimulatedCluster} cluster
 * @param {ScenarioBook} book
 * @param {number} now
 */
function localSidecarStatus(cluster, book, now) {
  const { scenario, since } = book.current(cluster.key);
  const lastError = scenario.sidecarPrometheusUp
    ? null
    : 'rpc error: code = Unknown desc = Not ready';
  const checkedAt = lastGoodCheck(
    cluster.sidecarAddress,
    lastError !== null,
    since,
    now,
  );
  return endpointStatus(
    cluster.sidecarAddress,
    checkedAt,
    lastError,
    [cluster.externalLabels],
    BigInt(prometheusLowestTimestamp(checkedAt, stableNumber(cluster.key, 40))),
    MAX_INT64,
  );
}

/**
 * The store gateway serving a cluster's bucket: finite times from its oldest to its newest
 * block, label sets of the blocks it loaded (raw blocks carry the replica label, blocks
 * deduplicated by the compactor do not). Blocks reach the bucket from the observee's sidecar
 * directly, not through the observer, so a cut sidecar hop does not stop them: the store gateway
 * keeps serving old samples only, a few hours behind. One that cannot read its bucket answers
 * `Not ready` and keeps the labels and times of its last good check, as a failing entry does.
 *
 * @param {SimulatedCluster} cluster
 * @param {ScenarioBook} book
 * @param {number} now
 */
function storeGatewayStatus(cluster, book, now) {
  const { scenario, since } = book.current(cluster.key);
  const failing = scenario.storeGateway === 'bucket-unreadable';
  const checkedAt = lastGoodCheck(
    cluster.storeGatewayAddress,
    failing,
    since,
    now,
  );
  const dataEnd = scenario.ingestionStopped
    ? Math.min(since, checkedAt)
    : checkedAt;
  const { cluster: clusterLabel, prometheus } = cluster.externalLabels;
  return endpointStatus(
    cluster.storeGatewayAddress,
    checkedAt,
    failing ? GRPC_ERRORS.notReady : null,
    [{ cluster: clusterLabel, prometheus }, cluster.externalLabels],
    BigInt(lastOccurrence(DAY, 0, checkedAt - 90 * DAY)),
    BigInt(blockEndOfUpload(lastSidecarUpload(dataEnd))),
  );
}

/**
 * The observee's TLS querier as the central query sees it. It answers Info itself, so it stays
 * healthy when its remote sidecar fails; then it advertises no label sets and the full int64
 * range (pkg/store/proxy.go `ProxyStore.LabelSet`/`TimeRange` with no healthy store).
 *
 * @param {SimulatedCluster} cluster
 * @param {ScenarioBook} book
 * @param {number} now
 */
function tlsQuerierStatus(cluster, book, now) {
  const { scenario } = book.current(cluster.key);
  const address = /** @type {string} */ (cluster.tlsQuerierAddress);
  const checkedAt = lastGoodCheck(address, false, now, now);
  if (scenario.sidecarHopError !== null) {
    return endpointStatus(address, checkedAt, null, [], MIN_INT64, MAX_INT64);
  }
  const sidecar = remoteSidecarStatus(cluster, book, now);
  return endpointStatus(
    address,
    checkedAt,
    null,
    [cluster.externalLabels],
    sidecar.minTime,
    sidecar.maxTime,
  );
}

/**
 * @param {Record<string, Array<{name: string}>>} groups
 */
function storesResponse(groups) {
  /** @type {Record<string, Array<{name: string}>>} */
  const nonEmpty = {};
  for (const [type, entries] of Object.entries(groups)) {
    if (entries.length > 0) {
      nonEmpty[type] = [...entries].sort((a, b) =>
        compareBytes(a.name, b.name),
      );
    }
  }
  return encodeGoJson({ status: 'success', data: sortedMap(nonEmpty) });
}

/**
 * The observer's central query: its own sidecar, a store gateway per cluster bucket, and one
 * TLS querier per observee. A TLS querier that is down is absent: under DNS discovery its pod IP
 * leaves the answer, and an endpoint that keeps failing is dropped after
 * `--store.unhealthy-timeout` anyway (docs/thanos.md, "When an endpoint disappears"). A cluster
 * whose observer components were never deployed (`never-visible`) has neither a TLS querier nor a
 * store gateway to list.
 *
 * @param {SimulatedCluster[]} clusters
 * @param {ScenarioBook} book
 * @param {number} now epoch ms
 * @returns {string} the response body
 */
function renderCentralStores(clusters, book, now) {
  const observer = clusters.filter(c => c.role === 'observer');
  const observees = clusters.filter(c => c.role === 'observee');
  return storesResponse({
    query: observees
      .filter(c => book.current(c.key).scenario.tlsQuerierUp)
      .map(c => tlsQuerierStatus(c, book, now)),
    sidecar: observer.map(c => localSidecarStatus(c, book, now)),
    store: clusters
      .filter(c => book.current(c.key).scenario.storeGateway !== 'absent')
      .map(c => storeGatewayStatus(c, book, now)),
  });
}

/**
 * An observee's TLS querier: the one remote sidecar it dials through the ingress. A failing
 * sidecar stays listed with its error and frozen `lastCheck` for as long as the fault lasts, as
 * a strict endpoint (`--endpoint-strict`) that was healthy before the fault does. A non-strict
 * endpoint would be dropped after `--store.unhealthy-timeout` (5 min), and one that failed from
 * its very first check would never be listed (docs/thanos.md, "When an endpoint disappears"); the
 * simulator keeps it so
 * demos can show the error text.
 *
 * @param {SimulatedCluster} cluster
 * @param {ScenarioBook} book
 * @param {number} now epoch ms
 * @returns {string} the response body
 */
function renderTlsQuerierStores(cluster, book, now) {
  return storesResponse({ sidecar: [remoteSidecarStatus(cluster, book, now)] });
}

module.exports = { renderCentralStores, renderTlsQuerierStores };
