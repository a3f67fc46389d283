'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  locatePrometheus,
  renderPrometheusConfig,
} = require('../src/prometheus');
const { loadClusterConfig } = require('../src/clusterConfig');
const { SHIPPED_CLUSTERS } = require('./support');

const MAIN = path.join(__dirname, '..', 'src', 'main.js');
const PROMETHEUS = locatePrometheus();
const PROMTOOL = PROMETHEUS
  ? path.join(path.dirname(PROMETHEUS), 'promtool')
  : null;

/**
 * Runs `node src/main.js --port 0 <args>`; `waitFor(pattern)` resolves with the output so far
 * once `pattern` appears in it.
 *
 * @param {string[]} args
 */
function runSimulator(args) {
  const child = spawn(process.execPath, [MAIN, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  /** @type {number | null | undefined} */
  let exitCode;
  /** @type {Array<() => void>} */
  const listeners = [];
  const notify = () => listeners.forEach(listener => listener());
  const onData = chunk => {
    output += chunk;
    notify();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise(resolve =>
    child.on('exit', code => {
      exitCode = code;
      notify();
      resolve(code);
    }),
  );
  /** @param {RegExp} pattern @param {number} timeoutMs @returns {Promise<string>} */
  const waitFor = (pattern, timeoutMs) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const check = () => {
        if (pattern.test(output)) {
          clearTimeout(timer);
          resolve(output);
        } else if (exitCode !== undefined) {
          clearTimeout(timer);
          reject(
            new Error(`exited with ${exitCode} before ${pattern}:\n${output}`),
          );
        }
      };
      listeners.push(check);
      check();
    });
  const baseUrl = () => /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
  return { child, exited, waitFor, baseUrl };
}

describe('Prometheus scrape configuration', () => {
  const clusters = loadClusterConfig(SHIPPED_CLUSTERS);
  const config = renderPrometheusConfig(clusters, '127.0.0.1:10902');

  it('scrapes each simulated target under a job the thanos-mixin selects, with the cluster labels', () => {
    assert.match(config, /- job_name: "thanos-sidecar"/);
    assert.match(config, /- job_name: "thanos-compact"/);
    assert.match(config, /scrape_interval: 5s/);
    assert.match(
      config,
      /__metrics_path__: "\/targets\/observee-stockholm\/compactor\/metrics"\n {10}instance: "10\.0\.103\.\d+:10902"\n {10}cluster: "pio-thanos-observee-stockholm"\n {10}prometheus: "monitoring\/kube-prometheus-stack-prometheus"\n {10}namespace: "monitoring"\n {10}pod: "thanos-compactor-/,
    );
    assert.equal(
      config.match(/- targets: \["127\.0\.0\.1:10902"\]/g).length,
      clusters.length * 3,
    );
  });

  it(
    'is accepted by promtool',
    {
      skip:
        !(PROMTOOL && fs.existsSync(PROMTOOL)) && 'promtool is not installed',
    },
    () => {
      const dir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'thanos-simulator-test-'),
      );
      try {
        const file = path.join(dir, 'prometheus.yml');
        fs.writeFileSync(file, config);
        execFileSync(PROMTOOL, ['check', 'config', file], { stdio: 'pipe' });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('simulator start-up without Prometheus', () => {
  it('says in one line that Prometheus is missing and answers PromQL with 503', async () => {
    const sim = runSimulator([
      '--prometheus-binary',
      '/nonexistent/prometheus',
    ]);
    try {
      const output = await sim.waitFor(/running without it/, 10_000);
      assert.equal(
        output
          .split('\n')
          .filter(line => /Prometheus is not installed/.test(line)).length,
        1,
      );
      const ready = await fetch(`${sim.baseUrl()}/-/ready`);
      assert.equal(ready.status, 200);
      await ready.text();
      const res = await fetch(`${sim.baseUrl()}/api/v1/query?query=up`);
      assert.equal(res.status, 503);
      assert.match((await res.json()).error, /metrics are unavailable/);
    } finally {
      sim.child.kill('SIGTERM');
      await sim.exited;
    }
  });

  it('refuses to start when Prometheus is required but missing', async () => {
    const sim = runSimulator([
      '--prometheus-binary',
      '/nonexistent/prometheus',
      '--with-prometheus',
      'required',
    ]);
    const output = await sim.waitFor(/cannot start/, 10_000);
    assert.equal(await sim.exited, 1);
    assert.match(
      output,
      /Prometheus is not installed .*--with-prometheus required/,
    );
  });
});

describe(
  'simulator with a real Prometheus',
  {
    skip:
      !PROMETHEUS &&
      'Prometheus is not installed (Debian: apt-get install prometheus); CI installs it',
  },
  () => {
    /** @type {ReturnType<typeof runSimulator>} */
    let sim;
    /** @type {string | undefined} */
    let stateDir;
    before(() => {
      sim = runSimulator(['--with-prometheus', 'required']);
    });
    after(async () => {
      sim.child.kill('SIGTERM');
      await sim.exited;
    });

    /** @param {string} promql */
    async function instant(promql) {
      const res = await fetch(
        `${sim.baseUrl()}/api/v1/query?query=${encodeURIComponent(promql)}`,
      );
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.status, 'success');
      return body.data.result;
    }

    it('reports not ready until its Prometheus has scraped every target, then ready', async () => {
      const started = await sim.waitFor(/started \S+ at http/, 30_000);
      stateDir = /state in (\S+)\)/.exec(started)?.[1];
      const early = await fetch(`${sim.baseUrl()}/-/ready`);
      assert.equal(early.status, 503);
      assert.equal(await early.text(), 'NOT OK');
      await sim.waitFor(
        /Prometheus has scraped every simulated target/,
        60_000,
      );
      const later = await fetch(`${sim.baseUrl()}/-/ready`);
      assert.equal(later.status, 200);
      await later.text();
    });

    it('evaluates thanos_compact_halted to 1 for the halted cluster through /api/v1/query', async () => {
      const halted = await instant(
        'thanos_compact_halted{job=~".*thanos-compact.*", cluster="pio-thanos-observee-stockholm"}',
      );
      assert.equal(halted.length, 1);
      assert.equal(halted[0].value[1], '1');
      assert.equal(halted[0].metric.namespace, 'monitoring');
      const healthy = await instant(
        'thanos_compact_halted{cluster="pio-thanos-observee"}',
      );
      assert.equal(healthy[0].value[1], '0');
    });

    it('lets the mixin alert ThanosSidecarNoConnectionToStartedPrometheus find the sidecar-down cluster', async () => {
      // The alert's expression as rendered in thanos-io/thanos examples/alerts/alerts.yaml.
      const firing = await instant(
        'thanos_sidecar_prometheus_up{job=~".*thanos-sidecar.*"} == 0 AND on (namespace, pod) prometheus_tsdb_data_replay_duration_seconds != 0',
      );
      assert.deepEqual(
        firing.map(r => r.metric.cluster),
        ['pio-thanos-observee-frankfurt'],
      );
    });

    it('stops its Prometheus and removes its state when stopped', async () => {
      assert.ok(
        stateDir && fs.existsSync(stateDir),
        'state directory exists while running',
      );
      sim.child.kill('SIGTERM');
      assert.equal(await sim.exited, 0);
      assert.equal(fs.existsSync(stateDir), false);
    });
  },
);
