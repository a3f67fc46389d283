'use strict';

const http = require('node:http');
const { encodeGoJson } = require('./goJson');
const { renderCentralStores, renderTlsQuerierStores } = require('./storesView');
const { renderExposition, EXPOSITION_CONTENT_TYPE } = require('./exposition');
const { scrapeTarget } = require('./targets/scrapeTarget');
const { THANOS_BUILD } = require('./targets/commonFamilies');
const { QueryForwarder } = require('./queryForwarder');
const { ControlApi } = require('./controlApi');
const { TrafficControl } = require('./trafficControl');

/**
 * The simulator's HTTP routes. Every response carries `X-Thanos-Simulator: test-double` so
 * nobody mistakes it for Thanos.
 *
 *   /api/v1/stores                         observer's central query (Thanos shape)
 *   /api/v1/status/buildinfo               Thanos build info
 *   /api/v1/<anything else>                forwarded to Prometheus, or 503
 *   /tls-querier/<key>/api/v1/stores       an observee's TLS querier (Thanos shape)
 *   /tls-querier/<key>/api/v1/status/buildinfo, /-/healthy, /-/ready
 *   /targets/<key>/sidecar/metrics         simulated sidecar of a cluster
 *   /targets/<key>/compactor/metrics       simulated compactor
 *   /targets/<key>/prometheus/metrics      simulated Prometheus next to the sidecar
 *   /targets/<key>/storegateway/metrics    the observer's store gateway for the cluster's bucket
 *   /-/healthy, /-/ready                   the central query's probes (ready once the
 *                                          Prometheus it started has scraped every target)
 *   /-/simulator/…                         control API (controlApi.js)
 *
 * Upstream API calls (`/api/…`, `/tls-querier/…`) are counted and can be slowed down or failed
 * on purpose (trafficControl.js) for the backend's load and fault tests.
 */

const SIMULATOR_HEADER = 'X-Thanos-Simulator';
const SIMULATOR_HEADER_VALUE = 'test-double';

/** CORS headers Thanos sets on every API answer (pkg/api/api.go `corsHeaders`). */
const THANOS_API_HEADERS = {
  'Access-Control-Allow-Headers':
    'Accept, Accept-Encoding, Authorization, Content-Type, Origin',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Date',
};

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} body JSON text already in Thanos' encoding
 */
function sendThanosJson(res, body) {
  res.writeHead(200, {
    ...THANOS_API_HEADERS,
    'Content-Type': 'application/json',
  });
  res.end(body);
}

/** @param {import('node:http').ServerResponse} res */
function sendNotFound(res) {
  // Go's http.NotFound, as Thanos' router answers unknown paths.
  res.writeHead(404, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end('404 page not found\n');
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {boolean} [passing]
 */
function sendProbe(res, passing = true) {
  // pkg/prober/http.go: 200 "OK" when the check passes, 503 "NOT OK" otherwise.
  res.writeHead(passing ? 200 : 503, {
    'Content-Type': 'text/plain; charset=utf-8',
  });
  res.end(passing ? 'OK' : 'NOT OK');
}

/** `pkg/api/api.go` `ThanosVersion`, served by `BaseAPI.serveBuildInfo`. */
function buildInfoBody() {
  return encodeGoJson({
    status: 'success',
    data: {
      version: THANOS_BUILD.version,
      revision: THANOS_BUILD.revision,
      branch: THANOS_BUILD.branch,
      buildUser: THANOS_BUILD.buildUser,
      buildDate: THANOS_BUILD.buildDate,
      goVersion: THANOS_BUILD.goVersion,
    },
  });
}

/**
 * @typedef {object} SimulatorOptions
 * @property {import('./clusterConfig').SimulatedCluster[]} clusters
 * @property {import('./scenarioBook').ScenarioBook} book
 * @property {QueryForwarder} [forwarder]
 * @property {() => number} [now] epoch ms
 * @property {(line: string) => void} [log]
 * @property {boolean} [ready] initial answer of `/-/ready` (default true)
 * @property {Partial<import('./trafficControl').TrafficFaults>} [faults] initial latency and failure
 * @property {() => void} [onScenarioChange] called after a scenario switch or reset
 */

/**
 * @param {SimulatorOptions} options
 * @returns {{
 *   server: import('node:http').Server,
 *   forwarder: QueryForwarder,
 *   setReady: (ready: boolean) => void,
 *   traffic: TrafficControl,
 * }}
 */
function createSimulatorServer(options) {
  const { clusters, book } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const forwarder = options.forwarder ?? new QueryForwarder();
  const traffic = new TrafficControl({ now, faults: options.faults });
  const control = new ControlApi({
    clusters,
    book,
    now,
    log,
    traffic,
    onScenarioChange: () => options.onScenarioChange?.(),
  });
  const byKey = new Map(clusters.map(c => [c.key, c]));
  // `/-/ready` can wait for the simulator's own Prometheus to have data, so scripts that wait for
  // readiness (scripts/e2e.sh) start their tests with metrics in place.
  let ready = options.ready ?? true;

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function route(req, res) {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const path = url.pathname;

    if (path.startsWith('/-/simulator/')) {
      if (await control.handle(req, res, path)) {
        return;
      }
      sendNotFound(res);
      return;
    }
    traffic.record(path);
    if (await traffic.intercept(path, req, res)) {
      return;
    }
    if (path === '/-/healthy') {
      sendProbe(res);
      return;
    }
    if (path === '/-/ready') {
      sendProbe(res, ready);
      return;
    }
    if (path === '/api/v1/stores') {
      sendThanosJson(res, renderCentralStores(clusters, book, now()));
      return;
    }
    if (path === '/api/v1/status/buildinfo') {
      sendThanosJson(res, buildInfoBody());
      return;
    }
    if (path.startsWith('/api/v1/')) {
      forwarder.forward(req, res, `${path}${url.search}`);
      return;
    }

    const tlsQuerier = /^\/tls-querier\/([^/]+)(\/.*)$/.exec(path);
    if (tlsQuerier) {
      const cluster = byKey.get(decodeURIComponent(tlsQuerier[1]));
      if (!cluster || cluster.role !== 'observee') {
        sendNotFound(res);
        return;
      }
      if (!book.current(cluster.key).scenario.tlsQuerierUp) {
        // Nothing listens where a dead querier would: drop the connection without an answer.
        req.socket.destroy();
        return;
      }
      const rest = tlsQuerier[2];
      if (rest === '/api/v1/stores') {
        sendThanosJson(res, renderTlsQuerierStores(cluster, book, now()));
      } else if (rest === '/api/v1/status/buildinfo') {
        sendThanosJson(res, buildInfoBody());
      } else if (rest === '/-/healthy' || rest === '/-/ready') {
        sendProbe(res);
      } else {
        sendNotFound(res);
      }
      return;
    }

    const target =
      /^\/targets\/([^/]+)\/(sidecar|compactor|prometheus|storegateway)\/metrics$/.exec(
        path,
      );
    if (target) {
      const cluster = byKey.get(decodeURIComponent(target[1]));
      if (!cluster) {
        sendNotFound(res);
        return;
      }
      const families = scrapeTarget(target[2], cluster, book, now());
      if (families === null) {
        // Between two crash-loop lives nothing serves the port; Prometheus records `up` 0.
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('compactor is restarting (simulated CrashLoopBackOff)\n');
        return;
      }
      res.writeHead(200, { 'Content-Type': EXPOSITION_CONTENT_TYPE });
      res.end(renderExposition(families));
      return;
    }

    sendNotFound(res);
  }

  const server = http.createServer((req, res) => {
    res.setHeader(SIMULATOR_HEADER, SIMULATOR_HEADER_VALUE);
    route(req, res).catch(error => {
      log(`error answering ${req.method} ${req.url}: ${error.stack ?? error}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      }
      res.end('thanos-simulator (test double): internal error\n');
    });
  });
  return {
    server,
    forwarder,
    traffic,
    setReady: value => {
      ready = value;
    },
  };
}

module.exports = {
  createSimulatorServer,
  SIMULATOR_HEADER,
  SIMULATOR_HEADER_VALUE,
};
