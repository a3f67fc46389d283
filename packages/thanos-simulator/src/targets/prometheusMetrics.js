'use strict';

const {
  SIDECAR_UPTIME,
  SECOND,
  lastOccurrence,
  prometheusLowestTimestamp,
  stableNumber,
} = require('../clusterTimeline');

/**
 * `/metrics` of the simulated Prometheus each sidecar runs next to (same pod), with the few
 * TSDB families that tell whether data is fresh. Two reasons to simulate it:
 * - the mixin alert ThanosSidecarNoConnectionToStartedPrometheus joins
 *   `thanos_sidecar_prometheus_up == 0` with `prometheus_tsdb_data_replay_duration_seconds != 0`
 *   on (namespace, pod), so it needs this Prometheus' series;
 * - stale data is only visible here: a sidecar keeps advertising `maxTime` = MaxInt64 whatever
 *   Prometheus holds (cmd/thanos/sidecar.go `UpdateTimestamps`), so "newest sample is 3 h old"
 *   shows as `prometheus_tsdb_head_max_time` (ms) standing still, appends stopping, and the
 *   sidecar's last upload getting old.
 * Help texts from prometheus/prometheus `tsdb/head.go`, `tsdb/db.go` and `cmd/prometheus/main.go`.
 */

const SAMPLES_PER_SECOND = 4200;
const SCRAPE_INTERVAL = 15 * SECOND;

/**
 * @param {import('../clusterConfig').SimulatedCluster} cluster
 * @param {import('../scenarioBook').ScenarioBook} book
 * @param {number} now epoch ms
 * @returns {import('../exposition').MetricFamily[]}
 */
function prometheusMetrics(cluster, book, now) {
  const { scenario, since } = book.current(cluster.key);
  const processStart = book.startedAt - SIDECAR_UPTIME;
  const ingestingUntil = scenario.ingestionStopped ? Math.min(since, now) : now;
  const headMaxTime = lastOccurrence(
    SCRAPE_INTERVAL,
    stableNumber(cluster.key, 1000),
    ingestingUntil,
  );
  return [
    {
      name: 'prometheus_ready',
      help: 'Whether Prometheus startup was fully completed and the server is ready for normal operation.',
      type: 'gauge',
      samples: [{ value: 1 }],
    },
    {
      name: 'prometheus_tsdb_data_replay_duration_seconds',
      help: 'Time taken to replay the data on disk.',
      type: 'gauge',
      samples: [{ value: 3.712 }],
    },
    {
      name: 'prometheus_tsdb_head_max_time',
      help: 'Maximum timestamp of the head block. The unit is decided by the library consumer.',
      type: 'gauge',
      samples: [{ value: headMaxTime }],
    },
    {
      name: 'prometheus_tsdb_lowest_timestamp',
      help: 'Lowest timestamp value stored in the database. The unit is decided by the library consumer.',
      type: 'gauge',
      samples: [
        {
          value: prometheusLowestTimestamp(now, stableNumber(cluster.key, 40)),
        },
      ],
    },
    {
      name: 'prometheus_tsdb_head_samples_appended_total',
      help: 'Total number of appended samples.',
      type: 'counter',
      samples: [
        {
          labels: { type: 'float' },
          value: Math.floor(
            ((ingestingUntil - processStart) / 1000) * SAMPLES_PER_SECOND,
          ),
        },
      ],
    },
  ];
}

module.exports = { prometheusMetrics };
