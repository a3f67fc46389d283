'use strict';

/**
 * What the simulator does to the traffic it serves, for load and fault tests of the backend
 * (production/ at the repository root): it counts every upstream call by path, so a test can
 * show how many calls N concurrent Backstage requests cost, and it can slow down or break the
 * Thanos API answers (`latencyMs`, `failure`) without touching the scenarios.
 *
 * Only the Thanos API paths a Backstage backend calls are affected: `/api/…` of the central
 * query and `/tls-querier/<key>/…`. Probes (`/-/healthy`, `/-/ready`), the Prometheus scrape
 * targets and the control API keep answering normally, so readiness checks and Prometheus
 * are not disturbed by a fault meant for the backend.
 */

/** `none`: answer normally; `http-500`: Thanos' error envelope with status 500; `reset`: TCP RST. */
const FAILURE_MODES = /** @type {const} */ (['none', 'http-500', 'reset']);

/** Upper bound for `latencyMs`: a stall longer than 10 minutes is a hang, not a latency. */
const MAX_LATENCY_MS = 600_000;

/**
 * @typedef {typeof FAILURE_MODES[number]} FailureMode
 * @typedef {{ latencyMs: number, failure: FailureMode }} TrafficFaults
 */

/** @param {string} path */
function isUpstreamApiPath(path) {
  return path.startsWith('/api/') || path.startsWith('/tls-querier/');
}

/**
 * Validates a (partial) fault setting from the command line or the control API.
 *
 * @param {unknown} value
 * @returns {Partial<TrafficFaults>}
 */
function parseFaults(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(
      'faults must be an object like {"latencyMs": 2000, "failure": "none"}',
    );
  }
  const input = /** @type {Record<string, unknown>} */ (value);
  const unknownKeys = Object.keys(input).filter(
    k => k !== 'latencyMs' && k !== 'failure',
  );
  if (unknownKeys.length > 0) {
    throw new Error(
      `unknown fault setting ${unknownKeys.join(
        ', ',
      )}; known: latencyMs, failure`,
    );
  }
  /** @type {Partial<TrafficFaults>} */
  const faults = {};
  if (input.latencyMs !== undefined) {
    const ms = input.latencyMs;
    if (
      typeof ms !== 'number' ||
      !Number.isInteger(ms) ||
      ms < 0 ||
      ms > MAX_LATENCY_MS
    ) {
      throw new Error(
        `latencyMs must be an integer 0–${MAX_LATENCY_MS}, got ${JSON.stringify(
          ms,
        )}`,
      );
    }
    faults.latencyMs = ms;
  }
  if (input.failure !== undefined) {
    const mode = input.failure;
    if (
      typeof mode !== 'string' ||
      !FAILURE_MODES.includes(/** @type {FailureMode} */ (mode))
    ) {
      throw new Error(
        `failure must be one of ${FAILURE_MODES.join(
          ', ',
        )}, got ${JSON.stringify(mode)}`,
      );
    }
    faults.failure = /** @type {FailureMode} */ (mode);
  }
  return faults;
}

class TrafficControl {
  /**
   * @param {{ now: () => number, faults?: Partial<TrafficFaults> }} deps
   */
  constructor(deps) {
    this.now = deps.now;
    /** @type {TrafficFaults} */
    this.faults = { latencyMs: 0, failure: 'none', ...deps.faults };
    /** @type {Map<string, number>} */
    this.calls = new Map();
    this.since = this.now();
  }

  /** @param {string} path request path without the query string */
  record(path) {
    if (isUpstreamApiPath(path)) {
      this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
    }
  }

  stats() {
    const calls = Object.fromEntries(
      [...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b)),
    );
    const total = [...this.calls.values()].reduce((sum, n) => sum + n, 0);
    return { since: new Date(this.since).toISOString(), total, calls };
  }

  resetStats() {
    this.calls.clear();
    this.since = this.now();
  }

  /** @param {Partial<TrafficFaults>} faults */
  setFaults(faults) {
    this.faults = { ...this.faults, ...faults };
  }

  /**
   * Applies the configured latency and failure to an upstream API request. Resolves to true
   * when the request was answered (or dropped) here and must not be routed further.
   *
   * @param {string} path
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @returns {Promise<boolean>}
   */
  async intercept(path, req, res) {
    if (!isUpstreamApiPath(path)) {
      return false;
    }
    const { latencyMs, failure } = this.faults;
    if (latencyMs > 0) {
      await new Promise(resolve => setTimeout(resolve, latencyMs));
    }
    if (failure === 'reset') {
      // A real TCP RST, as a crashing proxy or a dropped connection-tracking entry sends.
      req.socket.resetAndDestroy();
      return true;
    }
    if (failure === 'http-500') {
      // Thanos' error envelope (pkg/api/api.go `respondError`) with a server-side type.
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(
        '{"status":"error","errorType":"internal","error":"simulated upstream failure (thanos-simulator fault mode http-500)"}',
      );
      return true;
    }
    return false;
  }
}

module.exports = { TrafficControl, parseFaults, FAILURE_MODES, MAX_LATENCY_MS };
