'use strict';

/**
 * The clock arithmetic shared by the stores view and the metrics, so that both tell the same
 * story: when blocks were cut and uploaded, how far back a cluster's data reaches, when the
 * querier last checked an endpoint.
 *
 * All times are epoch milliseconds. Recurring events sit on a fixed grid
 * (`k * period + offset`), which makes every value a pure function of the time asked about.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Prometheus cuts a 2 h block once its head spans 3 h, i.e. one hour after the block's end. */
const BLOCK_RANGE = 2 * HOUR;
const BLOCK_CUT_DELAY = HOUR;
/** The sidecar's shipper scans for new blocks every 30 s (pkg/shipper, cmd/thanos/sidecar.go). */
const SHIPPER_DELAY = 30 * SECOND;
/** How long the simulated processes had been running when the simulator started. */
const SIDECAR_UPTIME = 3 * DAY;
const COMPACTOR_UPTIME = 2 * DAY;
/** Local retention of the simulated observee Prometheus (its oldest block is this old). */
const PROMETHEUS_RETENTION = DAY;
/** The querier calls every endpoint's Info API this often (`--endpoint.info-timeout`, 5 s). */
const INFO_INTERVAL = 5 * SECOND;

/**
 * Number of grid points `k * period + offset` in the half-open interval (from, to].
 *
 * @param {number} period
 * @param {number} offset
 * @param {number} from
 * @param {number} to
 */
function occurrencesBetween(period, offset, from, to) {
  if (to <= from) {
    return 0;
  }
  return (
    Math.floor((to - offset) / period) - Math.floor((from - offset) / period)
  );
}

/**
 * The latest grid point at or before `at`.
 *
 * @param {number} period
 * @param {number} offset
 * @param {number} at
 */
function lastOccurrence(period, offset, at) {
  return Math.floor((at - offset) / period) * period + offset;
}

/**
 * When the sidecar last uploaded a block, at or before `at`: the shipper picks up each block
 * shortly after Prometheus cuts it.
 *
 * @param {number} at
 */
function lastSidecarUpload(at) {
  return lastOccurrence(BLOCK_RANGE, BLOCK_CUT_DELAY + SHIPPER_DELAY, at);
}

/**
 * Sidecar uploads in (from, to].
 *
 * @param {number} from
 * @param {number} to
 */
function sidecarUploadsBetween(from, to) {
  return occurrencesBetween(
    BLOCK_RANGE,
    BLOCK_CUT_DELAY + SHIPPER_DELAY,
    from,
    to,
  );
}

/**
 * The end (`maxTime`) of the newest block in the bucket, given the last upload.
 *
 * @param {number} uploadedAt
 */
function blockEndOfUpload(uploadedAt) {
  return uploadedAt - BLOCK_CUT_DELAY - SHIPPER_DELAY;
}

/**
 * The observee Prometheus' lowest sample timestamp, which its sidecar advertises as `minTime`:
 * the start of its oldest block within retention, plus the few milliseconds by which the first
 * scrape missed the block boundary (the real values end in e.g. ...600009).
 *
 * @param {number} at
 * @param {number} jitterMs small per-cluster offset
 */
function prometheusLowestTimestamp(at, jitterMs) {
  return (
    lastOccurrence(BLOCK_RANGE, 0, at - PROMETHEUS_RETENTION) +
    BLOCK_RANGE +
    jitterMs
  );
}

/**
 * The querier's last successful Info call to an endpoint at or before `at`. Each endpoint has
 * its own phase within the 5 s update loop.
 *
 * @param {number} at
 * @param {number} phaseMs 0 … 4999
 */
function lastInfoCheck(at, phaseMs) {
  return lastOccurrence(INFO_INTERVAL, phaseMs, at);
}

/**
 * A stable small number derived from a name, used for per-endpoint phases and jitters.
 *
 * @param {string} text
 * @param {number} modulo
 */
function stableNumber(text, modulo) {
  let h = 2166136261;
  for (const c of text) {
    h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  }
  return h % modulo;
}

module.exports = {
  SECOND,
  MINUTE,
  HOUR,
  DAY,
  BLOCK_RANGE,
  SIDECAR_UPTIME,
  COMPACTOR_UPTIME,
  occurrencesBetween,
  lastOccurrence,
  lastSidecarUpload,
  sidecarUploadsBetween,
  blockEndOfUpload,
  prometheusLowestTimestamp,
  lastInfoCheck,
  stableNumber,
};
