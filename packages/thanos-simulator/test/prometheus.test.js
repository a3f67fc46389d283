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
  writeTargetFiles,
} = require('../src/prometheus');
const { renderTargetGroups } = require('../src/scrapeTargets');
const { loadClusterConfig } = require('../src/clusterConfig');
const { ScenarioBook } = require('../src/scenarioBook');
const { SHIPPED_CLUSTERS, T0 } = require('./support');

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
  const config = renderPrometheusConfig('/tmp/simulator-targets');
  const groups = renderTargetGroups(
    clusters,
    new ScenarioBook(clusters, T0),
    '127.0.0.1:10902',
  );
  /** @param {string} job @param {string} key */
  const groupOf = (job, key) =>
    groups[job].find(g => g.labels.__metrics_path__.includes(`/${key}/`));

  it('reads each job the thanos-mixin selects from a file the simulator rewrites', () => {
    assert.match(config, /- job_name: "thanos-sidecar"/);
    assert.match(config, /- job_name: "thanos-compact"/);
    assert.match(config, /- job_name: "thanos-storegateway"/);
    assert.match(config, /scrape_interval: 5s/);
    assert.match(
      config,
      /file_sd_configs:\n {6}- files: \["\/tmp\/simulator-targets\/thanos-compact\.json"\]/,
    );
  });

  it('labels an observee target with the cluster it runs in, as its pod would be scraped', () => {
    assert.deepEqual(groupOf('thanos-compact', 'observee-stockholm'), {
      targets: ['127.0.0.1:10902'],
      labels: {
        __metrics_path__: '/targets/observee-stockholm/compactor/metrics',
        instance: groupOf('thanos-compact', 'observee-stockholm').labels
          .instance,
        cluster: 'pio-thanos-observee-stockholm',
        prometheus: 'monitoring/kube-prometheus-stack-prometheus',
        namespace: 'monitoring',
        pod: clusters.find(c => c.key === 'observee-stockholm').compactorPod,
      },
    });
    assert.match(
      groupOf('thanos-compact', 'observee-stockholm').labels.instance,
      /^10\.0\.103\.\d+:10902$/,
    );
  });

  it('leaves out every target of a cluster whose sidecar path is cut', () => {
    for (const key of [
      'observee-paris',
      'observee-frankfurt',
      'observee-zurich',
    ]) {
      for (const job of [
        'thanos-sidecar',
        'thanos-compact',
        'kube-prometheus-stack-prometheus',
      ]) {
        assert.equal(groupOf(job, key), undefined, `${job} of ${key}`);
      }
    }
    for (const key of ['observee', 'observee-stockholm', 'observee-madrid']) {
      assert.ok(groupOf('thanos-compact', key), key);
    }
  });

  it('stops scraping every target of a cluster whose Prometheus stopped ingesting, from the onset on', () => {
    const book = new ScenarioBook(clusters, T0);
    const stalled = renderTargetGroups(clusters, book, '127.0.0.1:10902');
    const of = (job, key, list = stalled) =>
      list[job].find(g => g.labels.__metrics_path__.includes(`/${key}/`));
    for (const job of [
      'thanos-sidecar',
      'thanos-compact',
      'kube-prometheus-stack-prometheus',
    ]) {
      assert.equal(of(job, 'observee-milan'), undefined, job);
    }
    // Its store gateway runs in the observer, which still scrapes it.
    assert.ok(of('thanos-storegateway', 'observee-milan'));
    // A switch starts the same story at the moment of the switch.
    book.switchTo('observee', 'stale-data', T0 + 60_000);
    const switched = renderTargetGroups(clusters, book, '127.0.0.1:10902');
    assert.equal(of('thanos-compact', 'observee', switched), undefined);
    book.switchTo('observee', 'healthy', T0 + 120_000);
    const back = renderTargetGroups(clusters, book, '127.0.0.1:10902');
    assert.ok(of('thanos-compact', 'observee', back));
  });

  it("scrapes the store gateways as the observer's Prometheus does, with the observer's labels", () => {
    const london = groupOf('thanos-storegateway', 'observee-london');
    assert.equal(london.labels.cluster, 'pio-thanos-observer');
    assert.equal(london.labels.pod, 'thanos-storegateway-observee-london-0');
    assert.ok(groupOf('thanos-storegateway', 'observee-paris'));
    assert.equal(
      groupOf('thanos-storegateway', 'observee-zurich'),
      undefined,
      'a cluster whose store gateway was never deployed',
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
        fs.writeFileSync(file, renderPrometheusConfig(dir));
        writeTargetFiles(dir, groups);
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

    /** Polls `promql` until `accept(result)` holds (bounded), returning the last result. */
    async function eventually(promql, accept, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let result = await instant(promql);
      while (!accept(result) && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 500));
        result = await instant(promql);
      }
      return result;
    }

    it('shows no recent metric of a cluster whose sidecar path is cut, as a real central query would not', async () => {
      const clustersWith = async promql =>
        (await instant(promql)).map(r => r.metric.cluster).sort();
      const compactors = await clustersWith(
        'max by (cluster) (up{job=~".*thanos-compact.*"})',
      );
      for (const cut of [
        'pio-thanos-observee-paris',
        'pio-thanos-observee-frankfurt',
        'pio-thanos-observee-zurich',
      ]) {
        assert.ok(!compactors.includes(cut), `${cut} in ${compactors}`);
      }
      assert.ok(compactors.includes('pio-thanos-observee-stockholm'));
      // The sidecar-down cluster's sidecar metrics travel the very path that fails, so even the
      // mixin alert ThanosSidecarNoConnectionToStartedPrometheus cannot fire at the observer.
      assert.deepEqual(
        await instant(
          'thanos_sidecar_prometheus_up{job=~".*thanos-sidecar.*"} == 0 AND on (namespace, pod) prometheus_tsdb_data_replay_duration_seconds != 0',
        ),
        [],
      );
      // The store gateway serving the cut cluster's old blocks runs in the observer: still scraped.
      const gateways = await instant(
        'thanos_blocks_meta_syncs_total{job=~".*thanos-store.*"}',
      );
      assert.ok(
        gateways.some(
          r =>
            r.metric.pod === 'thanos-storegateway-observee-paris-0' &&
            r.metric.cluster === 'pio-thanos-observer',
        ),
      );
    });

    it('gives the all-failing compactor a failure ratio of +Inf, as the mixin expression reads it', async () => {
      const ratio = await eventually(
        'sum by (cluster) (rate(thanos_compact_group_compactions_failures_total{job=~".*thanos-compact.*", cluster="pio-thanos-observee-madrid"}[5m])) / sum by (cluster) (rate(thanos_compact_group_compactions_total{job=~".*thanos-compact.*", cluster="pio-thanos-observee-madrid"}[5m])) * 100',
        result => result.length === 1 && result[0].value[1] === '+Inf',
      );
      assert.equal(ratio.length, 1);
      assert.equal(ratio[0].value[1], '+Inf');
    });

    it("counts the failing store gateway's bucket operations as failed", async () => {
      const failures = await eventually(
        'sum by (pod) (thanos_objstore_bucket_operation_failures_total{job=~".*thanos-store.*", operation="iter"}) > 0',
        result => result.length > 0,
      );
      assert.deepEqual(
        failures.map(r => r.metric.pod),
        ['thanos-storegateway-observee-london-0'],
      );
    });

    it("stops a cluster's metrics within seconds of a switch that cuts its path, and brings them back", async () => {
      const query = 'up{job="thanos-compact", cluster="pio-thanos-observee"}';
      const put = scenario =>
        fetch(`${sim.baseUrl()}/-/simulator/scenarios/observee`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ scenario }),
        }).then(res => assert.equal(res.status, 200));
      assert.equal((await instant(query)).length, 1);
      await put('tls-failure');
      assert.deepEqual(
        await eventually(query, result => result.length === 0),
        [],
      );
      await put('healthy');
      assert.equal(
        (await eventually(query, result => result.length === 1)).length,
        1,
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
