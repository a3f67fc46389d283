'use strict';

const {
  buildInfoFamily,
  statusFamily,
  bucketFamilies,
} = require('./commonFamilies');
const {
  SIDECAR_UPTIME,
  lastSidecarUpload,
  sidecarUploadsBetween,
} = require('../clusterTimeline');

/**
 * `/metrics` of a simulated Thanos sidecar (cmd/thanos/sidecar.go, pkg/shipper/shipper.go).
 *
 * Story per scenario: the shipper uploads one block per Prometheus block cut (every 2 h) and
 * keeps doing so while Prometheus ingests, even when the sidecar cannot reach Prometheus' API
 * (`sidecar-down`: the blocks are on the shared volume); it stops when Prometheus stops
 * ingesting (`stale-data`). Each upload writes three objects (chunks, index, meta.json) after
 * one existence check.
 *
 * @param {import('../clusterConfig').SimulatedCluster} cluster
 * @param {import('../scenarioBook').ScenarioBook} book
 * @param {number} now epoch ms
 * @returns {import('../exposition').MetricFamily[]}
 */
function sidecarMetrics(cluster, book, now) {
  const { scenario, since } = book.current(cluster.key);
  const processStart = book.startedAt - SIDECAR_UPTIME;
  const shippingUntil = scenario.ingestionStopped ? Math.min(since, now) : now;
  const uploads = sidecarUploadsBetween(processStart, shippingUntil);
  const lastUpload = uploads > 0 ? lastSidecarUpload(shippingUntil) : 0;
  return [
    buildInfoFamily(),
    statusFamily('sidecar', {
      healthy: true,
      ready: scenario.sidecarPrometheusUp,
    }),
    {
      name: 'thanos_sidecar_prometheus_up',
      help: 'Boolean indicator whether the sidecar can reach its Prometheus peer.',
      type: 'gauge',
      samples: [{ value: scenario.sidecarPrometheusUp ? 1 : 0 }],
    },
    {
      name: 'thanos_shipper_uploads_total',
      help: 'Total number of uploaded blocks',
      type: 'counter',
      samples: [{ value: uploads }],
    },
    {
      name: 'thanos_shipper_upload_failures_total',
      help: 'Total number of block upload failures',
      type: 'counter',
      samples: [{ value: 0 }],
    },
    ...bucketFamilies(
      cluster.bucket,
      { exists: uploads, upload: 3 * uploads },
      {},
      lastUpload,
    ),
  ];
}

module.exports = { sidecarMetrics };
