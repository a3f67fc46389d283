'use strict';

const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const {
  TARGET_KINDS,
  renderTargetGroups,
  countTargets,
} = require('./scrapeTargets');
const { DEFAULT_HISTORY_MINUTES, backfillHistory } = require('./history');

/**
 * A real Prometheus (Debian's `prometheus` package) that scrapes the simulated targets with the
 * clusters' external labels, so the backend's PromQL is evaluated by a real engine.
 *
 * Job names follow what the thanos-mixin selects (`job=~".*thanos-sidecar.*"`,
 * `job=~".*thanos-compact.*"`). Prometheus needs unique job names, so each job has one static
 * target per cluster and `__metrics_path__` picks that cluster's path on the simulator. The
 * `instance` label is the pod address a Kubernetes scrape would show.
 */

const PROMETHEUS_CANDIDATES = [
  '/usr/bin/prometheus',
  '/usr/local/bin/prometheus',
];
const SCRAPE_INTERVAL = '5s';
const READY_TIMEOUT_MS = 60_000;

/**
 * Where the Prometheus binary is, or null. `PATH` is searched after the Debian location.
 *
 * @param {string} [explicit] a path given on the command line
 * @returns {string | null}
 */
function locatePrometheus(explicit) {
  const pathDirs = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean);
  const candidates = explicit
    ? [explicit]
    : [
        ...PROMETHEUS_CANDIDATES,
        ...pathDirs.map(d => path.join(d, 'prometheus')),
      ];
  for (const candidate of candidates) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) {
        return candidate;
      }
    } catch {
      // not there; try the next one
    }
  }
  return null;
}

/** YAML scalars are written as JSON strings, which YAML reads back unchanged. */
const q = JSON.stringify;

/**
 * prometheus.yml with one job per target kind, each reading its targets from
 * `<targetsDirectory>/<job>.json`.
 *
 * @param {string} targetsDirectory
 * @returns {string}
 */
function renderPrometheusConfig(targetsDirectory) {
  const lines = [
    '# Written by the Thanos simulator (a test double): scrapes its simulated Thanos targets.',
    'global:',
    `  scrape_interval: ${SCRAPE_INTERVAL}`,
    '  scrape_timeout: 4s',
    `  evaluation_interval: ${SCRAPE_INTERVAL}`,
    'scrape_configs:',
  ];
  for (const kind of TARGET_KINDS) {
    lines.push(
      `  - job_name: ${q(kind.job)}`,
      `    scrape_interval: ${SCRAPE_INTERVAL}`,
      '    file_sd_configs:',
      `      - files: [${q(targetFile(targetsDirectory, kind.job))}]`,
      `        refresh_interval: ${SCRAPE_INTERVAL}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * @param {string} directory
 * @param {string} job
 */
function targetFile(directory, job) {
  return path.join(directory, `${job}.json`);
}

/**
 * Writes the file_sd files for the groups, each through a rename so Prometheus never reads a
 * half-written file.
 *
 * @param {string} directory
 * @param {ReturnType<typeof renderTargetGroups>} groups
 */
function writeTargetFiles(directory, groups) {
  for (const [job, list] of Object.entries(groups)) {
    const file = targetFile(directory, job);
    fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(list, null, 2)}\n`);
    fs.renameSync(`${file}.tmp`, file);
  }
}

/** @returns {Promise<number>} a TCP port free on 127.0.0.1 right now */
function findFreePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = /** @type {import('node:net').AddressInfo} */ (
        probe.address()
      );
      probe.close(() => resolve(address.port));
    });
  });
}

/** @param {number} ms */
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * @param {string} url
 * @returns {Promise<{status: number, text: string} | null>}
 */
async function tryGet(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { status: response.status, text: await response.text() };
  } catch {
    return null;
  }
}

/**
 * Writes the start-up history (src/history.js) into the TSDB directory. Prometheus is still useful
 * without it, so a failure is logged and start-up goes on with an empty TSDB.
 *
 * @param {{
 *   binary: string,
 *   clusters: import('./clusterConfig').SimulatedCluster[],
 *   book: import('./scenarioBook').ScenarioBook,
 *   simulatorAddress: string,
 *   log: (line: string) => void,
 *   dataDirectory: string,
 *   historyMinutes: number,
 * }} options
 */
async function writeHistory(options) {
  const { clusters, book, simulatorAddress, log, historyMinutes } = options;
  const begun = Date.now();
  try {
    const written = await backfillHistory({
      binary: options.binary,
      clusters,
      book,
      groups: renderTargetGroups(clusters, book, simulatorAddress, {
        untilOnset: true,
      }),
      dataDirectory: options.dataDirectory,
      minutes: historyMinutes,
      now: begun,
    });
    log(
      `wrote ${historyMinutes} min of history of the scraped targets (${
        written.samples
      } samples up to ${new Date(written.to).toISOString()}) in ${
        Date.now() - begun
      } ms`,
    );
  } catch (error) {
    await fsp.rm(options.dataDirectory, { recursive: true, force: true });
    log(
      `could not write the start-up history, starting Prometheus with an empty TSDB: ${
        /** @type {Error} */ (error).message
      }`,
    );
  }
}

/**
 * A running Prometheus child process.
 *
 * @typedef {object} RunningPrometheus
 * @property {string} url base URL, e.g. http://127.0.0.1:40123
 * @property {string} directory state directory (config, TSDB, log)
 * @property {number} readyAfterMs time from spawn until `/-/ready` answered 200
 * @property {() => Promise<number>} waitForData resolves with ms since spawn when every target was scraped once
 * @property {() => void} refreshTargets rewrites the scrape targets after a scenario change
 * @property {() => Promise<void>} stop
 * @property {() => void} stopNow synchronous kill, for process exit handlers
 */

/**
 * Starts Prometheus on a free port with a fresh TSDB in a temporary directory and waits until it
 * is ready. The directory is removed on stop.
 *
 * @param {{
 *   binary: string,
 *   clusters: import('./clusterConfig').SimulatedCluster[],
 *   book: import('./scenarioBook').ScenarioBook,
 *   simulatorAddress: string,
 *   port?: number,
 *   log: (line: string) => void,
 *   signal?: AbortSignal,
 *   historyMinutes?: number,
 * }} options `historyMinutes`: minutes of history written before start (0: none)
 * @returns {Promise<RunningPrometheus>}
 */
async function startPrometheus(options) {
  const { binary, clusters, book, simulatorAddress, log } = options;
  const directory = await fsp.mkdtemp(
    path.join(os.tmpdir(), 'thanos-simulator-prometheus-'),
  );
  const configFile = path.join(directory, 'prometheus.yml');
  const logFile = path.join(directory, 'prometheus.log');
  const targetsDirectory = path.join(directory, 'targets');
  await fsp.mkdir(targetsDirectory);
  const currentGroups = () =>
    renderTargetGroups(clusters, book, simulatorAddress);
  writeTargetFiles(targetsDirectory, currentGroups());
  await fsp.writeFile(configFile, renderPrometheusConfig(targetsDirectory));
  const dataDirectory = path.join(directory, 'data');
  const historyMinutes = options.historyMinutes ?? DEFAULT_HISTORY_MINUTES;
  if (historyMinutes > 0) {
    await writeHistory({ ...options, dataDirectory, historyMinutes });
  }
  if (options.signal?.aborted) {
    await fsp.rm(directory, { recursive: true, force: true });
    throw new Error('the simulator shut down while Prometheus was starting');
  }
  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const logFd = fs.openSync(logFile, 'a');
  const startedAt = Date.now();
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDirectory}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // A day, as the backend's `[24h]` ranges read: the history of a cluster whose Prometheus
      // stopped ingesting ends at its onset, hours ago, and must not be dropped by retention.
      '--storage.tsdb.retention.time=1d',
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  /** @type {{code: number | null, signal: string | null} | null} */
  let exited = null;
  const exitPromise = new Promise(resolve => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(undefined);
    });
  });
  child.on('error', error => {
    exited = { code: null, signal: null };
    log(`could not run ${binary}: ${error.message}`);
  });

  let stopped = false;
  const stopNow = () => {
    if (!stopped && exited === null) {
      child.kill('SIGKILL');
    }
    stopped = true;
    try {
      fs.rmSync(directory, { recursive: true, force: true });
    } catch {
      // A child killed this instant may still be writing; a stray temp directory is harmless.
    }
  };
  const logTail = () =>
    fs.existsSync(logFile)
      ? fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n')
      : '';
  const stop = async () => {
    if (stopped) {
      return;
    }
    stopped = true;
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    await fsp.rm(directory, { recursive: true, force: true });
  };

  // A shutdown while Prometheus is still starting must not leave the child behind.
  options.signal?.addEventListener('abort', stopNow, { once: true });

  while (true) {
    if (stopped) {
      throw new Error('the simulator shut down while Prometheus was starting');
    }
    if (exited !== null) {
      const tail = logTail();
      stopNow();
      throw new Error(
        `Prometheus exited before it was ready (${JSON.stringify(
          exited,
        )}):\n${tail}`,
      );
    }
    const ready = await tryGet(`${url}/-/ready`);
    if (ready?.status === 200) {
      break;
    }
    if (Date.now() - startedAt > READY_TIMEOUT_MS) {
      const tail = logTail();
      stopNow();
      throw new Error(
        `Prometheus was not ready within ${
          READY_TIMEOUT_MS / 1000
        } s:\n${tail}`,
      );
    }
    await sleep(100);
  }
  // From here on the caller owns the child and stops it gracefully with stop().
  options.signal?.removeEventListener('abort', stopNow);
  const readyAfterMs = Date.now() - startedAt;

  const waitForData = async () => {
    // Samples newer than the spawn, so the start-up history does not count as a scrape.
    const query = encodeURIComponent(
      `count(timestamp(up) > ${startedAt / 1000})`,
    );
    while (!stopped) {
      const answer = await tryGet(`${url}/api/v1/query?query=${query}`);
      if (answer?.status === 200) {
        const result = JSON.parse(answer.text).data?.result ?? [];
        if (
          result.length > 0 &&
          Number(result[0].value[1]) >= countTargets(currentGroups())
        ) {
          return Date.now() - startedAt;
        }
      }
      await sleep(250);
    }
    throw new Error('Prometheus stopped before it had data');
  };

  const refreshTargets = () => {
    if (!stopped) {
      writeTargetFiles(targetsDirectory, currentGroups());
    }
  };

  return {
    url,
    directory,
    readyAfterMs,
    waitForData,
    refreshTargets,
    stop,
    stopNow,
  };
}

module.exports = {
  locatePrometheus,
  renderPrometheusConfig,
  writeTargetFiles,
  startPrometheus,
};
