'use strict';

const { SCENARIOS, SCENARIO_NAMES, isScenarioName } = require('./scenarios');
const { parseFaults } = require('./trafficControl');

/**
 * The simulator's own control API under `/-/simulator/`: read and switch each cluster's
 * scenario while running, so demos and end-to-end tests can break and heal clusters.
 * Plain JSON (not Thanos shapes: real Thanos has nothing like it).
 *
 *   GET  /-/simulator/scenarios            current scenario per cluster, and the valid names
 *   PUT  /-/simulator/scenarios/<key>      body {"scenario": "<name>"}
 *   POST /-/simulator/reset                back to the scenarios of clusters.json
 *   GET  /-/simulator/stats                upstream API calls by path since the last reset
 *   POST /-/simulator/stats/reset          start counting from zero
 *   GET  /-/simulator/faults               current latency and failure mode
 *   PUT  /-/simulator/faults               body {"latencyMs": 2000, "failure": "none" | "http-500" | "reset"}
 */

const MAX_BODY_BYTES = 64 * 1024;

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(`${JSON.stringify(body, null, 2)}\n`);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', chunk => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

class ControlApi {
  /**
   * @param {{
   *   clusters: import('./clusterConfig').SimulatedCluster[],
   *   book: import('./scenarioBook').ScenarioBook,
   *   now: () => number,
   *   log: (line: string) => void,
   *   traffic: import('./trafficControl').TrafficControl,
   *   onScenarioChange?: () => void,
   * }} deps
   */
  constructor(deps) {
    this.clusters = deps.clusters;
    this.book = deps.book;
    this.now = deps.now;
    this.log = deps.log;
    this.traffic = deps.traffic;
    this.onScenarioChange = deps.onScenarioChange ?? (() => {});
  }

  /** @param {import('./clusterConfig').SimulatedCluster} cluster */
  describe(cluster) {
    const { name, since } = this.book.current(cluster.key);
    return {
      key: cluster.key,
      cluster: cluster.cluster,
      role: cluster.role,
      scenario: name,
      since: new Date(since).toISOString(),
    };
  }

  overview() {
    return {
      simulator:
        'thanos-simulator (a test double of the Thanos HTTP API, not Thanos)',
      clusters: this.clusters.map(c => this.describe(c)),
      scenarios: Object.fromEntries(
        SCENARIO_NAMES.map(n => [n, SCENARIOS[n].description]),
      ),
    };
  }

  /**
   * Handles a request under `/-/simulator/`. Returns false when the path is not part of the
   * control API.
   *
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   * @returns {Promise<boolean>}
   */
  async handle(req, res, path) {
    if (
      path.startsWith('/-/simulator/stats') ||
      path === '/-/simulator/faults'
    ) {
      return this.handleTraffic(req, res, path);
    }
    if (path === '/-/simulator/scenarios') {
      if (req.method !== 'GET') {
        sendJson(res, 405, { error: 'use GET to read the scenarios' });
        return true;
      }
      sendJson(res, 200, this.overview());
      return true;
    }
    if (path === '/-/simulator/reset') {
      if (req.method !== 'POST') {
        sendJson(res, 405, { error: 'use POST to reset the scenarios' });
        return true;
      }
      this.book.reset();
      this.onScenarioChange();
      this.log('scenarios reset to the ones in the cluster list');
      sendJson(res, 200, this.overview());
      return true;
    }
    const match = /^\/-\/simulator\/scenarios\/([^/]+)$/.exec(path);
    if (!match) {
      return false;
    }
    const key = decodeURIComponent(match[1]);
    const cluster = this.clusters.find(c => c.key === key);
    if (!cluster) {
      sendJson(res, 404, {
        error: `no simulated cluster with key "${key}"; known keys: ${this.clusters
          .map(c => c.key)
          .join(', ')}`,
      });
      return true;
    }
    if (req.method === 'GET') {
      sendJson(res, 200, this.describe(cluster));
      return true;
    }
    if (req.method !== 'PUT') {
      sendJson(res, 405, {
        error: `use PUT with {"scenario": "<name>"} to switch ${key}`,
      });
      return true;
    }
    let requested;
    try {
      requested = JSON.parse(await readBody(req));
    } catch (error) {
      sendJson(res, 400, {
        error: `body must be JSON like {"scenario": "tls-failure"}: ${
          /** @type {Error} */ (error).message
        }`,
        validScenarios: SCENARIO_NAMES,
      });
      return true;
    }
    const name =
      requested && typeof requested === 'object'
        ? requested.scenario
        : undefined;
    if (typeof name !== 'string' || !isScenarioName(name)) {
      sendJson(res, 400, {
        error: `unknown scenario ${JSON.stringify(
          name,
        )}; valid scenarios: ${SCENARIO_NAMES.join(', ')}`,
        validScenarios: SCENARIO_NAMES,
      });
      return true;
    }
    const before = this.book.current(key).name;
    this.book.switchTo(key, name, this.now());
    this.onScenarioChange();
    this.log(
      `cluster ${key} (${cluster.cluster}): scenario ${before} -> ${name}`,
    );
    sendJson(res, 200, this.describe(cluster));
    return true;
  }

  /**
   * Call counts and fault switches (trafficControl.js).
   *
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   * @returns {Promise<boolean>}
   */
  async handleTraffic(req, res, path) {
    if (path === '/-/simulator/stats') {
      if (req.method !== 'GET') {
        sendJson(res, 405, { error: 'use GET to read the call counts' });
        return true;
      }
      sendJson(res, 200, this.traffic.stats());
      return true;
    }
    if (path === '/-/simulator/stats/reset') {
      if (req.method !== 'POST') {
        sendJson(res, 405, { error: 'use POST to reset the call counts' });
        return true;
      }
      this.traffic.resetStats();
      sendJson(res, 200, this.traffic.stats());
      return true;
    }
    if (path !== '/-/simulator/faults') {
      return false;
    }
    if (req.method === 'GET') {
      sendJson(res, 200, this.traffic.faults);
      return true;
    }
    if (req.method !== 'PUT') {
      sendJson(res, 405, {
        error:
          'use PUT with {"latencyMs": <ms>, "failure": "none" | "http-500" | "reset"}',
      });
      return true;
    }
    let faults;
    try {
      faults = parseFaults(JSON.parse(await readBody(req)));
    } catch (error) {
      sendJson(res, 400, { error: /** @type {Error} */ (error).message });
      return true;
    }
    this.traffic.setFaults(faults);
    this.log(
      `upstream faults: latency ${this.traffic.faults.latencyMs} ms, failure ${this.traffic.faults.failure}`,
    );
    sendJson(res, 200, this.traffic.faults);
    return true;
  }
}

module.exports = { ControlApi };
