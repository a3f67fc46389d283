'use strict';

/**
 * The failure scenarios a simulated cluster can be in, and what each one changes.
 *
 * Every scenario is a story about one real-world fault, and each field says which signal that
 * fault changes. The renderers (stores, metrics) read only these fields, so a new scenario is a
 * new entry here. `initialOnsetMinutes` says how long before the simulator started the fault
 * began when the scenario comes from clusters.json; a scenario switched through the control API
 * begins at the moment of the switch.
 */

/**
 * Raw gRPC error texts, exactly as a Thanos querier reports them (docs/thanos.md, "Error texts").
 */
const GRPC_ERRORS = {
  /** TLS querier → ingress: the sidecar's ingress certificate is not signed by a CA the querier trusts. */
  tlsUnknownAuthority:
    'rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"',
  /** TLS querier → ingress: nginx has no ready backend for the sidecar and answers with its HTML 503 page. */
  ingressServiceUnavailable:
    'rpc error: code = Unavailable desc = unexpected HTTP status code received from server: 503 (Service Unavailable); transport: received unexpected content-type "text/html"',
  /**
   * Central query → store gateway: a store gateway answers Info with `Not ready` until its initial
   * bucket sync succeeds (cmd/thanos/store.go `info.WithStoreInfoFunc`); one that cannot list its
   * bucket restarts and never gets there.
   */
  notReady: 'rpc error: code = Unknown desc = Not ready',
};

/**
 * @typedef {object} Scenario
 * @property {string} description one line for the control API and the README
 * @property {number} initialOnsetMinutes how long the fault has lasted when loaded at start-up
 * @property {boolean} tlsQuerierUp false: the observee's TLS querier does not answer at all
 * @property {string | null} sidecarHopError the TLS querier's `lastError` for the remote sidecar
 * @property {boolean} sidecarPrometheusUp `thanos_sidecar_prometheus_up`
 * @property {boolean} ingestionStopped the observee's Prometheus stopped appending samples
 * @property {'running' | 'halted' | 'crashloop' | 'compactions-failing'} compactor
 * @property {'serving' | 'bucket-unreadable' | 'absent'} storeGateway the observer's store
 *   gateway for this cluster's bucket
 */

/** @type {Readonly<Record<string, Scenario>>} */
const SCENARIOS = Object.freeze({
  healthy: {
    description:
      'Everything works: both hops answer, sidecar ships blocks, compactor runs.',
    initialOnsetMinutes: 0,
    tlsQuerierUp: true,
    sidecarHopError: null,
    sidecarPrometheusUp: true,
    ingestionStopped: false,
    compactor: 'running',
    storeGateway: 'serving',
  },
  'tls-failure': {
    description:
      "The observee's sidecar ingress presents a certificate the observer's TLS querier does not trust (x509: unknown authority), e.g. after a CA rotation.",
    initialOnsetMinutes: 3,
    tlsQuerierUp: true,
    sidecarHopError: GRPC_ERRORS.tlsUnknownAuthority,
    sidecarPrometheusUp: true,
    ingestionStopped: false,
    compactor: 'running',
    storeGateway: 'serving',
  },
  'sidecar-down': {
    description:
      'The sidecar cannot reach its Prometheus (thanos_sidecar_prometheus_up 0), is not ready, and the ingress answers 503 (Service Unavailable).',
    initialOnsetMinutes: 3,
    tlsQuerierUp: true,
    sidecarHopError: GRPC_ERRORS.ingressServiceUnavailable,
    sidecarPrometheusUp: false,
    ingestionStopped: false,
    compactor: 'running',
    storeGateway: 'serving',
  },
  'stale-data': {
    description:
      "The observee's Prometheus stopped ingesting 3 h ago: every hop still answers and the sidecar still advertises an unbounded maxTime, but every series that Prometheus scrapes (its own, the sidecar's, the compactor's) ends at the onset, and no block was uploaded since.",
    initialOnsetMinutes: 180,
    tlsQuerierUp: true,
    sidecarHopError: null,
    sidecarPrometheusUp: true,
    ingestionStopped: true,
    compactor: 'running',
    storeGateway: 'serving',
  },
  'compactor-halted': {
    description:
      'The compactor hit a halt error (e.g. overlapping blocks): thanos_compact_halted 1, health endpoints still 200, no progress, backlog grows.',
    initialOnsetMinutes: 360,
    tlsQuerierUp: true,
    sidecarHopError: null,
    sidecarPrometheusUp: true,
    ingestionStopped: false,
    compactor: 'halted',
    storeGateway: 'serving',
  },
  'compactor-crashloop': {
    description:
      'The compactor exits shortly after each start (bucket iter fails), so its target flaps between up and 503 and it never uploads.',
    initialOnsetMinutes: 26 * 60,
    tlsQuerierUp: true,
    sidecarHopError: null,
    sidecarPrometheusUp: true,
    ingestionStopped: false,
    compactor: 'crashloop',
    storeGateway: 'serving',
  },
  'tls-querier-down': {
    description:
      "The observee's TLS querier in the observer cluster is down: it is absent from the central query's stores and does not answer.",
    initialOnsetMinutes: 10,
    tlsQuerierUp: false,
    sidecarHopError: null,
    sidecarPrometheusUp: true,
    ingestionStopped: false,
    compactor: 'running',
    storeGateway: 'serving',
  },
  'compactions-failing': {
    description:
      'Every group compaction fails when it uploads its result (the bucket policy denies PutObject): thanos_compact_group_compactions_failures_total rises while thanos_compact_group_compactions_total stays flat, so the mixin ratio is +Inf.',
    initialOnsetMinutes: 90,
    tlsQuerierUp: true,
    sidecarHopError: null,
    sidecarPrometheusUp: true,
    ingestionStopped: false,
    compactor: 'compactions-failing',
    storeGateway: 'serving',
  },
  'never-visible': {
    description:
      "Registered in the observer's maps, but the observer change was never applied: neither its TLS querier nor its store gateway exists, so the central query has never listed the cluster.",
    initialOnsetMinutes: 3 * 24 * 60,
    tlsQuerierUp: false,
    sidecarHopError: null,
    sidecarPrometheusUp: true,
    ingestionStopped: false,
    compactor: 'running',
    storeGateway: 'absent',
  },
  'store-bucket-unreadable': {
    description:
      "The observer's store gateway for this cluster cannot list its bucket (its IAM role lost s3:ListBucket): it restarts, never finishes its initial sync and answers Not ready; bucket iter operations fail.",
    initialOnsetMinutes: 45,
    tlsQuerierUp: true,
    sidecarHopError: null,
    sidecarPrometheusUp: true,
    ingestionStopped: false,
    compactor: 'running',
    storeGateway: 'bucket-unreadable',
  },
});

const SCENARIO_NAMES = Object.freeze(Object.keys(SCENARIOS));

/**
 * Whether the path from the observer's central query to a cluster's sidecar works. An observee's
 * Prometheus, sidecar and compactor are scraped by that observee's Prometheus, so their samples
 * travel only through its sidecar: via the TLS querier (recent samples) and, hours later, as
 * uploaded blocks via the store gateway. When any hop from the central query to the sidecar fails,
 * the central query sees none of its recent samples. The observer's own sidecar is dialled
 * directly, so only its own readiness matters there.
 *
 * @param {'observer' | 'observee'} role
 * @param {Scenario} scenario
 */
function sidecarPathWorks(role, scenario) {
  if (role === 'observer') {
    return scenario.sidecarPrometheusUp;
  }
  return scenario.tlsQuerierUp && scenario.sidecarHopError === null;
}

/**
 * Whether new samples of a cluster's own metrics reach the observer's central query now: the path
 * to its sidecar works and its Prometheus still ingests. A Prometheus that stopped ingesting
 * appends nothing, its self-metrics and the sidecar's and compactor's included, so every series it
 * scrapes ends at the onset although every hop still answers.
 *
 * @param {'observer' | 'observee'} role
 * @param {Scenario} scenario
 */
function metricsReachObserver(role, scenario) {
  return !scenario.ingestionStopped && sidecarPathWorks(role, scenario);
}

/** @param {string} name */
function isScenarioName(name) {
  return Object.prototype.hasOwnProperty.call(SCENARIOS, name);
}

/**
 * @param {string} name
 * @returns {Scenario}
 */
function scenarioNamed(name) {
  if (!isScenarioName(name)) {
    throw new Error(
      `unknown scenario "${name}"; valid scenarios: ${SCENARIO_NAMES.join(
        ', ',
      )}`,
    );
  }
  return SCENARIOS[name];
}

module.exports = {
  GRPC_ERRORS,
  SCENARIOS,
  SCENARIO_NAMES,
  isScenarioName,
  scenarioNamed,
  sidecarPathWorks,
  metricsReachObserver,
};
