'use strict';

const {
  buildInfoFamily,
  statusFamily,
  bucketFamilies,
} = require('./commonFamilies');
const {
  SECOND,
  MINUTE,
  HOUR,
  DAY,
  COMPACTOR_UPTIME,
  occurrencesBetween,
  lastOccurrence,
  sidecarUploadsBetween,
} = require('../clusterTimeline');

/**
 * `/metrics` of a simulated Thanos compactor running with `--wait` (cmd/thanos/compact.go,
 * pkg/compact/compact.go, cmd/thanos/downsample.go; docs/thanos.md, "The compactor").
 *
 * - running: one iteration per `--wait-interval` (5 m); a level-1→2 compaction after every new
 *   2 h block, coarser ones less often; downsampling now and then; backlog gauges at 0.
 * - halted: `thanos_compact_halted` 1 since the onset; iterations, compactions and uploads stop
 *   there (the halting goroutine blocks forever), one compaction failure recorded, while the
 *   progress loop keeps computing a growing backlog. Health and readiness stay 1.
 * - crashloop: the process lives 15 s of every minute (a compressed CrashLoopBackOff): its first
 *   bucket `iter` fails and it exits. While alive every counter restarts from 0 and the last
 *   upload time is 0 (objstore's gauge is 0 until the first upload since process start); the
 *   rest of the minute the target answers 503 so Prometheus records `up` 0.
 * - compactions-failing: every planned group compaction fails when it uploads its result (a
 *   retriable error, so the process keeps running and retries each minute): since the onset
 *   `thanos_compact_group_compactions_failures_total` rises by one a minute while
 *   `thanos_compact_group_compactions_total` and the iterations stay flat, upload operations fail,
 *   and the last successful upload stays at the onset. The mixin's failure ratio
 *   (failures / successes) is then +Inf.
 */

const WAIT_INTERVAL = 5 * MINUTE;
/** How often a compactor whose compactions fail with a retriable error tries again. */
const RETRY_INTERVAL = MINUTE;
const CRASHLOOP_PERIOD = MINUTE;
const CRASHLOOP_LIFETIME = 15 * SECOND;
/** Compactions follow the sidecar's upload by one iteration. */
const COMPACTION_OFFSET = HOUR + 30 * SECOND + WAIT_INTERVAL;
/** How often a group compaction produces a block, per source resolution (ms, 5m, 1h). */
const COMPACTION_PERIODS = Object.freeze({
  0: 2 * HOUR,
  300000: 8 * HOUR,
  3600000: 2 * DAY,
});
/** How often a downsampling pass produces a block, per source resolution (raw→5m, 5m→1h). */
const DOWNSAMPLE_PERIODS = Object.freeze({ 0: 2 * DAY, 300000: 10 * DAY });

/**
 * @typedef {{available: true, families: import('../exposition').MetricFamily[]} | {available: false}} CompactorScrape
 */

/**
 * @param {import('../clusterConfig').SimulatedCluster} cluster
 * @param {import('../scenarioBook').ScenarioBook} book
 * @param {number} now epoch ms
 * @returns {CompactorScrape}
 */
function compactorMetrics(cluster, book, now) {
  const { scenario, since } = book.current(cluster.key);
  if (scenario.compactor === 'crashloop') {
    const lifeStart = lastOccurrence(CRASHLOOP_PERIOD, 0, now);
    if (now - lifeStart >= CRASHLOOP_LIFETIME) {
      return { available: false };
    }
    return {
      available: true,
      families: compactorFamilies(cluster.bucket, {
        halted: false,
        iterations: 0,
        compactions: {},
        compactionFailures: {},
        downsamples: {},
        backlog: {
          compactions: 0,
          compactionBlocks: 0,
          downsampleBlocks: 0,
          deletionBlocks: 0,
        },
        operations: { iter: 1 },
        failures: { iter: 1 },
        lastUploadMs: 0,
      }),
    };
  }

  const processStart = book.startedAt - COMPACTOR_UPTIME;
  const halted = scenario.compactor === 'halted';
  const failingCompactions = scenario.compactor === 'compactions-failing';
  const progressUntil =
    halted || failingCompactions ? Math.min(since, now) : now;
  const failedAttempts = failingCompactions
    ? occurrencesBetween(RETRY_INTERVAL, 0, since, now)
    : 0;
  const iterations = occurrencesBetween(
    WAIT_INTERVAL,
    0,
    processStart,
    progressUntil,
  );
  /** @type {Record<string, number>} */
  const compactions = {};
  for (const [resolution, period] of Object.entries(COMPACTION_PERIODS)) {
    compactions[resolution] = occurrencesBetween(
      period,
      COMPACTION_OFFSET,
      processStart,
      progressUntil,
    );
  }
  /** @type {Record<string, number>} */
  const downsamples = {};
  for (const [resolution, period] of Object.entries(DOWNSAMPLE_PERIODS)) {
    downsamples[resolution] = occurrencesBetween(
      period,
      COMPACTION_OFFSET,
      processStart,
      progressUntil,
    );
  }
  const lastCompaction = lastOccurrence(
    COMPACTION_PERIODS[0],
    COMPACTION_OFFSET,
    progressUntil,
  );
  const newBlocksSinceHalt = halted ? sidecarUploadsBetween(since, now) : 0;
  const compactionBlocks = halted ? 4 + newBlocksSinceHalt : 0;
  const totalCompactions = Object.values(compactions).reduce(
    (a, b) => a + b,
    0,
  );
  const totalDownsamples = Object.values(downsamples).reduce(
    (a, b) => a + b,
    0,
  );
  const globalSyncs = Math.floor((now - processStart) / MINUTE);

  return {
    available: true,
    families: compactorFamilies(cluster.bucket, {
      halted,
      iterations,
      compactions,
      compactionFailures: halted
        ? { 0: 1 }
        : failingCompactions
        ? { 0: failedAttempts }
        : {},
      downsamples,
      backlog: {
        compactions: Math.ceil(compactionBlocks / 4),
        compactionBlocks,
        downsampleBlocks: halted
          ? 1 + Math.floor((now - since) / (12 * HOUR))
          : 0,
        deletionBlocks: halted ? Math.floor((now - since) / DAY) : 0,
      },
      operations: {
        // Each iteration lists the bucket and checks markers; the block viewer lists it every minute.
        iter: 2 * iterations + globalSyncs,
        exists: iterations,
        get: iterations + 8 * totalCompactions,
        get_range: 40 * totalCompactions,
        upload: 3 * (totalCompactions + totalDownsamples) + failedAttempts,
        delete: 4 * totalCompactions,
        attributes: 0,
      },
      failures: { upload: failedAttempts },
      lastUploadMs: lastCompaction > processStart ? lastCompaction : 0,
    }),
  };
}

/**
 * @param {string} bucket
 * @param {{
 *   halted: boolean,
 *   iterations: number,
 *   compactions: Record<string, number>,
 *   compactionFailures: Record<string, number>,
 *   downsamples: Record<string, number>,
 *   backlog: {compactions: number, compactionBlocks: number, downsampleBlocks: number, deletionBlocks: number},
 *   operations: Record<string, number>,
 *   failures: Record<string, number>,
 *   lastUploadMs: number,
 * }} state
 * @returns {import('../exposition').MetricFamily[]}
 */
function compactorFamilies(bucket, state) {
  const compactionResolutions = Object.keys(COMPACTION_PERIODS);
  const downsampleResolutions = Object.keys(DOWNSAMPLE_PERIODS);
  /**
   * @param {string[]} resolutions
   * @param {Record<string, number>} values
   */
  const perResolution = (resolutions, values) =>
    resolutions.map(resolution => ({
      labels: { resolution },
      value: values[resolution] ?? 0,
    }));
  return [
    buildInfoFamily(),
    // A halted compactor keeps answering health and readiness (PR #2806 declined to change that).
    statusFamily('compact', { healthy: true, ready: true }),
    {
      name: 'thanos_compact_halted',
      help: 'Set to 1 if the compactor halted due to an unexpected error.',
      type: 'gauge',
      samples: [{ value: state.halted ? 1 : 0 }],
    },
    {
      name: 'thanos_compact_iterations_total',
      help: 'Total number of iterations that were executed successfully.',
      type: 'counter',
      samples: [{ value: state.iterations }],
    },
    {
      name: 'thanos_compact_group_compactions_total',
      help: 'Total number of group compaction attempts that resulted in a new block.',
      type: 'counter',
      samples: perResolution(compactionResolutions, state.compactions),
    },
    {
      name: 'thanos_compact_group_compactions_failures_total',
      help: 'Total number of failed group compactions.',
      type: 'counter',
      samples: perResolution(compactionResolutions, state.compactionFailures),
    },
    {
      name: 'thanos_compact_downsample_total',
      help: 'Total number of downsampling attempts.',
      type: 'counter',
      samples: perResolution(downsampleResolutions, state.downsamples),
    },
    {
      name: 'thanos_compact_downsample_failures_total',
      help: 'Total number of failed downsampling attempts.',
      type: 'counter',
      samples: perResolution(downsampleResolutions, {}),
    },
    {
      name: 'thanos_compact_todo_compactions',
      help: 'number of compactions to be done',
      type: 'gauge',
      samples: [{ value: state.backlog.compactions }],
    },
    {
      name: 'thanos_compact_todo_compaction_blocks',
      help: 'number of blocks planned to be compacted',
      type: 'gauge',
      samples: [{ value: state.backlog.compactionBlocks }],
    },
    {
      name: 'thanos_compact_todo_downsample_blocks',
      help: 'number of blocks to be downsampled',
      type: 'gauge',
      samples: [{ value: state.backlog.downsampleBlocks }],
    },
    {
      name: 'thanos_compact_todo_deletion_blocks',
      help: 'number of blocks that have crossed their retention period',
      type: 'gauge',
      samples: [{ value: state.backlog.deletionBlocks }],
    },
    ...bucketFamilies(
      bucket,
      state.operations,
      state.failures,
      state.lastUploadMs,
    ),
  ];
}

module.exports = { compactorMetrics };
