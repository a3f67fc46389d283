'use strict';

const path = require('node:path');
const { parseArgs } = require('node:util');
const { parseFaults } = require('./trafficControl');

/**
 * Command-line options of the simulator. Kept apart from main.js so the rules are testable.
 */

const USAGE = `thanos-simulator — a TEST DOUBLE of the Thanos HTTP API for demos and end-to-end tests (not Thanos)

Usage: node src/main.js [options]

  --port <n>                   port to listen on (default 10902, Thanos' HTTP port)
  --host <address>             address to bind (default 127.0.0.1)
  --clusters <file>            cluster list (default: clusters.json next to src/)
  --prometheus-url <url>       forward /api/v1/query* to this Prometheus instead of starting one
  --with-prometheus <mode>     auto (default): start /usr/bin/prometheus when installed;
                               never: no Prometheus, PromQL answers 503;
                               required: fail when Prometheus cannot be started
  --prometheus-binary <path>   Prometheus executable (default: /usr/bin/prometheus, then PATH)
  --prometheus-port <n>        port for the started Prometheus (default: any free port)
  --history-minutes <n>        minutes of past samples written into the started Prometheus
                               before it starts, so alert windows are full at once
                               (default 30; 0: start with an empty TSDB; at most 120)
  --kubernetes-port <n|off>    start the Kubernetes API double over HTTPS on this port
                               (the demo uses 6443; default off)
  --latency-ms <n>             delay every Thanos API answer by n ms (load tests; default 0)
  --failure <mode>             none (default), http-500 or reset: fail every Thanos API call
  --help                       show this text
`;

const PROMETHEUS_MODES = ['auto', 'never', 'required'];

/**
 * @typedef {object} SimulatorCliOptions
 * @property {number} port
 * @property {string} host
 * @property {string} clustersFile
 * @property {string | null} prometheusUrl
 * @property {'auto' | 'never' | 'required'} withPrometheus
 * @property {string | undefined} prometheusBinary
 * @property {number | undefined} prometheusPort
 * @property {number} historyMinutes 0: the started Prometheus gets no history
 * @property {number | null} kubernetesPort null: no Kubernetes API double
 * @property {Partial<import('./trafficControl').TrafficFaults>} faults
 * @property {boolean} help
 */

/**
 * @param {string} name
 * @param {string} value
 */
function parsePort(name, value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--${name} must be a port number 0–65535, got "${value}"`);
  }
  return port;
}

/** The started Prometheus keeps 2 h (`--storage.tsdb.retention.time`); older history is dropped. */
const MAX_HISTORY_MINUTES = 120;

/** @param {string} value */
function parseHistoryMinutes(value) {
  const minutes = Number(value);
  if (
    value.trim() === '' ||
    !Number.isInteger(minutes) ||
    minutes < 0 ||
    minutes > MAX_HISTORY_MINUTES
  ) {
    throw new Error(
      `--history-minutes must be a whole number of minutes 0–${MAX_HISTORY_MINUTES} (the started Prometheus keeps 2 h), got "${value}"`,
    );
  }
  return minutes;
}

/**
 * @param {string[]} argv arguments after the script name
 * @returns {SimulatorCliOptions}
 */
function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string', default: '10902' },
      host: { type: 'string', default: '127.0.0.1' },
      clusters: {
        type: 'string',
        default: path.join(__dirname, '..', 'clusters.json'),
      },
      'prometheus-url': { type: 'string' },
      'with-prometheus': { type: 'string', default: 'auto' },
      'prometheus-binary': { type: 'string' },
      'prometheus-port': { type: 'string' },
      'history-minutes': { type: 'string', default: '30' },
      'kubernetes-port': { type: 'string', default: 'off' },
      'latency-ms': { type: 'string' },
      failure: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const mode = /** @type {string} */ (values['with-prometheus']);
  if (!PROMETHEUS_MODES.includes(mode)) {
    throw new Error(
      `--with-prometheus must be one of ${PROMETHEUS_MODES.join(
        ', ',
      )}, got "${mode}"`,
    );
  }
  const prometheusUrl = values['prometheus-url'] ?? null;
  if (prometheusUrl !== null) {
    let parsed;
    try {
      parsed = new URL(prometheusUrl);
    } catch {
      throw new Error(
        `--prometheus-url must be an http(s) URL, got "${prometheusUrl}"`,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(
        `--prometheus-url must be an http(s) URL, got "${prometheusUrl}"`,
      );
    }
  }
  return {
    port: parsePort('port', /** @type {string} */ (values.port)),
    host: /** @type {string} */ (values.host),
    clustersFile: path.resolve(/** @type {string} */ (values.clusters)),
    prometheusUrl,
    withPrometheus: /** @type {'auto' | 'never' | 'required'} */ (mode),
    prometheusBinary: values['prometheus-binary'],
    prometheusPort:
      values['prometheus-port'] === undefined
        ? undefined
        : parsePort('prometheus-port', values['prometheus-port']),
    historyMinutes: parseHistoryMinutes(
      /** @type {string} */ (values['history-minutes']),
    ),
    kubernetesPort:
      values['kubernetes-port'] === 'off'
        ? null
        : parsePort(
            'kubernetes-port',
            /** @type {string} */ (values['kubernetes-port']),
          ),
    faults: parseFaults({
      ...(values['latency-ms'] === undefined
        ? {}
        : { latencyMs: Number(values['latency-ms']) }),
      ...(values.failure === undefined ? {} : { failure: values.failure }),
    }),
    help: Boolean(values.help),
  };
}

module.exports = { parseOptions, USAGE };
