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

/** Raw gRPC error texts, exactly as a Thanos querier reports them (notes/thanos.md §1.6). */
const GRPC_ERRORS = {
  /** TLS querier → ingress: the sidecar's ingress certificate is not signed by a CA the querier trusts. */
  tlsUnknownAuthority:
    'rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"',
  /** TLS querier → ingress: nginx has no ready backend for the sidecar and answers with its HTML 503 page. */
  ingressServiceUnavailable:
    'rpc error: code = Unavailable desc = unexpected HTTP status code received from server: 503 (Service Unavailable); transport: received unexpected content-type "text/html"',
};

/**
 * @typedef {object} Scenario
 * @property {string} description one line for the control API and the README
 * @property {number} initialOnsetMinutes how long the fault has lasted when loaded at start-up
 * @property {boolean} tlsQuerierUp false: the observee's TLS querier does not answer at all
 * @property {string | null} sidecarHopError the TLS querier's `lastError` for the remote sidecar
 * @property {boolean} sidecarPrometheusUp `thanos_sidecar_prometheus_up`
 * @property {boolean} ingestionStopped the observee's Prometheus stopped appending samples
 * @property {'running' | 'halted' | 'crashloop'} compactor
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
  },
  'stale-data': {
    description:
      "The observee's Prometheus stopped ingesting 3 h ago: every hop still answers, but the head's newest sample and the sidecar's last upload are hours old.",
    initialOnsetMinutes: 180,
    tlsQuerierUp: true,
    sidecarHopError: null,
    sidecarPrometheusUp: true,
    ingestionStopped: true,
    compactor: 'running',
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
  },
});

const SCENARIO_NAMES = Object.freeze(Object.keys(SCENARIOS));

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
};
