'use strict';

const {
  buildInfoFamily,
  statusFamily,
  bucketFamilies,
} = require('./commonFamilies');
const {
  MINUTE,
  SECOND,
  DAY,
  occurrencesBetween,
  lastOccurrence,
} = require('../clusterTimeline');

/**
 * `/metrics` of the observer's store gateway for one cluster's bucket (cmd/thanos/store.go,
 * pkg/store/bucket.go, pkg/block/fetcher.go). It runs in the observer cluster, so the observer's
 * own Prometheus scrapes it and its series carry the observer's labels, whatever happens to the
 * observee's sidecar path.
 *
 * - serving: one block sync per `--sync-block-duration` (15 m), listing the bucket and reading
 *   each new block's meta.json; ready.
 * - bucket-unreadable: the process cannot list its bucket. Its initial sync retries the listing
 *   every 10 s and gives up after 5 minutes, and the process exits and starts again; so every
 *   counter restarts from 0 every 5 minutes, `iter` fails every time, no sync succeeds and the
 *   store never becomes ready.
 */

const SYNC_INTERVAL = 15 * MINUTE;
const UPTIME = 2 * DAY;
const RESTART_PERIOD = 5 * MINUTE;
const LIST_RETRY = 10 * SECOND;

/**
 * @param {import('../clusterConfig').SimulatedCluster} cluster
 * @param {import('../scenarioBook').ScenarioBook} book
 * @param {number} now epoch ms
 * @returns {import('../exposition').MetricFamily[]}
 */
function storeGatewayMetrics(cluster, book, now) {
  const { scenario } = book.current(cluster.key);
  if (scenario.storeGateway === 'bucket-unreadable') {
    const lifeStart = lastOccurrence(RESTART_PERIOD, 0, now);
    const listings = 1 + occurrencesBetween(LIST_RETRY, 0, lifeStart, now);
    return storeGatewayFamilies(cluster.bucket, {
      ready: false,
      syncs: listings,
      syncFailures: listings,
      operations: { iter: listings },
      failures: { iter: listings },
    });
  }
  const processStart = book.startedAt - UPTIME;
  const syncs = occurrencesBetween(SYNC_INTERVAL, 0, processStart, now);
  return storeGatewayFamilies(cluster.bucket, {
    ready: true,
    syncs,
    syncFailures: 0,
    operations: { iter: syncs, get: 2 * syncs, get_range: 30 * syncs },
    failures: {},
  });
}

/**
 * @param {string} bucket
 * @param {{ready: boolean, syncs: number, syncFailures: number,
 *   operations: Record<string, number>, failures: Record<string, number>}} state
 * @returns {import('../exposition').MetricFamily[]}
 */
function storeGatewayFamilies(bucket, state) {
  return [
    buildInfoFamily(),
    statusFamily('store', { healthy: true, ready: state.ready }),
    {
      name: 'thanos_blocks_meta_syncs_total',
      help: 'Total blocks metadata synchronization attempts',
      type: 'counter',
      samples: [{ value: state.syncs }],
    },
    {
      name: 'thanos_blocks_meta_sync_failures_total',
      help: 'Total blocks metadata synchronization failures',
      type: 'counter',
      samples: [{ value: state.syncFailures }],
    },
    // A store gateway never uploads: objstore's gauge stays 0.
    ...bucketFamilies(bucket, state.operations, state.failures, 0),
  ];
}

module.exports = { storeGatewayMetrics };
