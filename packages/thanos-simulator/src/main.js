#!/usr/bin/env node
'use strict';

/**
 * Entry point of the Thanos simulator — a TEST DOUBLE of the Thanos HTTP API for demos and
 * end-to-end tests. It serves what an observer's central Thanos Query, the observees' TLS
 * queriers, sidecars and compactors would, and (when Prometheus is installed) lets a real
 * Prometheus scrape the simulated metrics so PromQL is real.
 */

const { parseOptions, USAGE } = require('./options');
const { loadClusterConfig } = require('./clusterConfig');
const { ScenarioBook } = require('./scenarioBook');
const { createSimulatorServer } = require('./server');
const { locatePrometheus, startPrometheus } = require('./prometheus');
const {
  startKubernetesApiDouble,
  KUBERNETES_DOUBLE_TOKEN,
} = require('./kubernetes/fixtures');

/** How long `/-/ready` waits for the started Prometheus to have scraped every target. */
const DATA_WAIT_MS = 60_000;

/** @param {string} line */
function log(line) {
  process.stdout.write(`[thanos-simulator, a test double] ${line}\n`);
}

/**
 * @param {import('node:http').Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<number>} the port actually bound
 */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(
        /** @type {import('node:net').AddressInfo} */ (server.address()).port,
      );
    });
  });
}

/**
 * @param {import('./options').SimulatorCliOptions} options
 * @param {import('./clusterConfig').SimulatedCluster[]} clusters
 * @param {import('./scenarioBook').ScenarioBook} book
 * @param {import('./queryForwarder').QueryForwarder} forwarder
 * @param {string} simulatorAddress
 * @param {AbortSignal} signal aborted when the simulator shuts down
 * @returns {Promise<import('./prometheus').RunningPrometheus | null>}
 */
async function connectPrometheus(
  options,
  clusters,
  book,
  forwarder,
  simulatorAddress,
  signal,
) {
  if (options.prometheusUrl) {
    forwarder.setUpstream(options.prometheusUrl);
    log(
      `forwarding /api/v1/query* to the Prometheus at ${options.prometheusUrl}`,
    );
    return null;
  }
  const withoutPrometheus =
    'PromQL (/api/v1/query*) answers 503 "metrics are unavailable"';
  if (options.withPrometheus === 'never') {
    log(
      `running without Prometheus (--with-prometheus never): ${withoutPrometheus}`,
    );
    return null;
  }
  const binary = locatePrometheus(options.prometheusBinary);
  if (!binary) {
    const message = `Prometheus is not installed (looked for ${
      options.prometheusBinary ?? '/usr/bin/prometheus and prometheus on PATH'
    }; on Debian: apt-get install prometheus)`;
    if (options.withPrometheus === 'required') {
      throw new Error(`${message}, and --with-prometheus required was given`);
    }
    log(`${message}: running without it; ${withoutPrometheus}`);
    return null;
  }
  let prometheus;
  try {
    prometheus = await startPrometheus({
      binary,
      clusters,
      book,
      simulatorAddress,
      port: options.prometheusPort,
      historyMinutes: options.historyMinutes,
      log,
      signal,
    });
  } catch (error) {
    if (options.withPrometheus === 'required') {
      throw error;
    }
    log(
      `could not start ${binary}: ${
        /** @type {Error} */ (error).message
      }; running without it; ${withoutPrometheus}`,
    );
    return null;
  }
  forwarder.setUpstream(prometheus.url);
  log(
    `started ${binary} at ${prometheus.url} (ready after ${prometheus.readyAfterMs} ms, state in ${prometheus.directory}); forwarding /api/v1/query* to it`,
  );
  return prometheus;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const clusters = loadClusterConfig(options.clustersFile);
  const book = new ScenarioBook(clusters, Date.now());
  const startsPrometheus =
    !options.prometheusUrl && options.withPrometheus !== 'never';
  /** @type {import('./prometheus').RunningPrometheus | null} */
  let prometheus = null;
  const { server, forwarder, setReady } = createSimulatorServer({
    clusters,
    book,
    log,
    ready: !startsPrometheus,
    faults: options.faults,
    // What Prometheus scrapes follows the scenarios: a cut sidecar path stops a cluster's metrics.
    onScenarioChange: () => prometheus?.refreshTargets(),
  });
  // Registered before Prometheus starts, so a signal during its start-up still stops the child.
  const stopping = new AbortController();
  const shutdown = async (/** @type {string} */ signal) => {
    log(`${signal}: shutting down`);
    stopping.abort();
    kubernetes?.server.close();
    kubernetes?.server.closeAllConnections?.();
    server.close();
    server.closeAllConnections?.();
    await prometheus?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // Whatever else ends the process, the Prometheus child must not outlive it.
  process.once('exit', () => prometheus?.stopNow());

  const port = await listen(server, options.port, options.host);
  const kubernetes =
    options.kubernetesPort === null
      ? null
      : await startKubernetesApiDouble({
          clusters,
          book,
          port: options.kubernetesPort,
          host: options.host,
        });
  const base = `http://${options.host}:${port}`;
  log(
    `listening on ${base}: this is a simulator of the Thanos HTTP API, not Thanos`,
  );
  for (const cluster of clusters) {
    log(
      `  ${cluster.role} ${cluster.key} (cluster=${cluster.cluster}): ${cluster.scenario}`,
    );
  }
  log(
    `  central query ${base}  TLS queriers ${base}/tls-querier/{key}  control ${base}/-/simulator/scenarios`,
  );
  if (kubernetes) {
    log(
      `  Kubernetes API double https://${options.host}:${kubernetes.port}/clusters/{key} (test CA and token: packages/thanos-simulator/fixtures/kubernetes-double/, token "${KUBERNETES_DOUBLE_TOKEN}")`,
    );
  }

  const scrapeHost =
    options.host === '0.0.0.0' || options.host === '::'
      ? '127.0.0.1'
      : options.host;
  prometheus = await connectPrometheus(
    options,
    clusters,
    book,
    forwarder,
    `${scrapeHost}:${port}`,
    stopping.signal,
  );
  if (prometheus) {
    const gaveUp = setTimeout(() => {
      log(
        `Prometheus has not scraped every target within ${
          DATA_WAIT_MS / 1000
        } s; reporting ready anyway`,
      );
      setReady(true);
    }, DATA_WAIT_MS);
    prometheus
      .waitForData()
      .then(ms => {
        log(
          `Prometheus has scraped every simulated target (${ms} ms after start); /-/ready now answers 200`,
        );
        setReady(true);
      })
      .catch(() => {})
      .finally(() => clearTimeout(gaveUp));
  } else {
    setReady(true);
  }
}
main().catch(error => {
  log(
    `cannot start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
