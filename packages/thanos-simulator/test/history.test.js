'use strict';

const path = require('node:path');
const { spawn } = require('node:child_process');
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { renderHistory, HISTORY_STEP_MS } = require('../src/history');
const { locatePrometheus } = require('../src/prometheus');
const { renderTargetGroups } = require('../src/scrapeTargets');
const { loadClusterConfig } = require('../src/clusterConfig');
const { ScenarioBook } = require('../src/scenarioBook');
const { parseOptions } = require('../src/options');
const { SHIPPED_CLUSTERS, T0 } = require('./support');

const MAIN = path.join(__dirname, '..', 'src', 'main.js');
const PROMETHEUS = locatePrometheus();
const MINUTE = 60_000;

/**
 * The OpenMetrics history parsed back: one entry per line, in file order.
 *
 * @param {string} text
 */
function parseHistory(text) {
  const lines = text.split('\n');
  assert.equal(lines.at(-1), '', 'ends with a newline');
  assert.equal(lines.at(-2), '# EOF');
  return lines.slice(0, -2).map(line => {
    const match = /^([a-z_:]+)(\{.*\}) (\S+) (\d+(?:\.\d+)?)$/.exec(line);
    assert.ok(match, `an OpenMetrics sample with a timestamp: ${line}`);
    return {
      name: match[1],
      series: `${match[1]}${match[2]}`,
      labels: match[2],
      value: Number(match[3]),
      at: Number(match[4]) * 1000,
    };
  });
}

describe('start-up history', () => {
  const clusters = loadClusterConfig(SHIPPED_CLUSTERS);
  const book = new ScenarioBook(clusters, T0);
  const groups = renderTargetGroups(clusters, book, '127.0.0.1:10902');
  const to = T0 - MINUTE;
  const from = to - 30 * MINUTE;
  const samples = parseHistory(
    renderHistory({ clusters, book, groups, from, to }),
  );
  /** @param {string} name @param {string} cluster */
  const seriesOf = (name, cluster) =>
    samples.filter(
      s => s.name === name && s.labels.includes(`cluster="${cluster}"`),
    );

  it('keeps each metric family and each series contiguous, times ascending, all before the end', () => {
    const seenNames = new Set();
    const seenSeries = new Set();
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      const previous = samples[i - 1];
      if (previous?.name !== s.name) {
        assert.ok(!seenNames.has(s.name), `${s.name} is contiguous`);
        seenNames.add(s.name);
      }
      if (previous?.series !== s.series) {
        assert.ok(!seenSeries.has(s.series), `${s.series} is contiguous`);
        seenSeries.add(s.series);
      } else {
        assert.equal(s.at - previous.at, HISTORY_STEP_MS, s.series);
      }
      assert.ok(s.at > from && s.at <= to, `${s.series} at ${s.at}`);
    }
  });

  it('labels samples as the scrape does and writes up for every scraped target', () => {
    const up = seriesOf('up', 'pio-thanos-observee-stockholm').filter(s =>
      s.labels.includes('job="thanos-compact"'),
    );
    assert.equal(up.length, 30 * (MINUTE / HISTORY_STEP_MS));
    assert.ok(up.every(s => s.value === 1));
    const halted = seriesOf(
      'thanos_compact_halted',
      'pio-thanos-observee-stockholm',
    );
    assert.ok(halted.length > 0 && halted.every(s => s.value === 1));
    const group = groups['thanos-compact'].find(
      g => g.labels.cluster === 'pio-thanos-observee-stockholm',
    );
    assert.equal(
      halted[0].labels,
      `{cluster="pio-thanos-observee-stockholm",instance="${group.labels.instance}",job="thanos-compact",namespace="monitoring",pod="${group.labels.pod}",prometheus="monitoring/kube-prometheus-stack-prometheus"}`,
    );
    const upJobs = new Set(
      samples
        .filter(s => s.name === 'up')
        .map(s => /job="([^"]+)"/.exec(s.labels)?.[1]),
    );
    assert.deepEqual([...upJobs].sort(), Object.keys(groups).sort());
  });

  it('writes nothing for the clusters whose data path is cut', () => {
    for (const cut of [
      'pio-thanos-observee-paris',
      'pio-thanos-observee-frankfurt',
      'pio-thanos-observee-zurich',
    ]) {
      assert.deepEqual(
        samples.filter(s => s.labels.includes(`cluster="${cut}"`)),
        [],
        cut,
      );
    }
  });

  it('ends the series of a cluster whose Prometheus stopped ingesting at its onset, and keeps what came before', () => {
    const milan = 'pio-thanos-observee-milan';
    assert.deepEqual(seriesOf('up', milan), [], 'not scraped since the onset');
    const withPast = parseHistory(
      renderHistory({
        clusters,
        book,
        groups: renderTargetGroups(clusters, book, '127.0.0.1:10902', {
          untilOnset: true,
        }),
        from,
        to,
      }),
    );
    const onset = book.current('observee-milan').since;
    const ofMilan = withPast.filter(s =>
      s.labels.includes(`cluster="${milan}"`),
    );
    const jobs = new Set(ofMilan.map(s => /job="([^"]+)"/.exec(s.labels)?.[1]));
    assert.deepEqual([...jobs].sort(), [
      'kube-prometheus-stack-prometheus',
      'thanos-compact',
      'thanos-sidecar',
    ]);
    assert.ok(ofMilan.every(s => s.at <= onset && s.at > onset - 30 * MINUTE));
    assert.ok(ofMilan.some(s => s.at > onset - HISTORY_STEP_MS));
    const head = ofMilan.filter(
      s => s.name === 'prometheus_tsdb_head_max_time',
    );
    assert.ok(head.length > 0);
    assert.ok(
      head.every(s => s.value <= onset),
      'the head never passes the onset',
    );
    // The other clusters' history is the same with or without the stopped cluster's past.
    assert.deepEqual(
      withPast.filter(s => !s.labels.includes(`cluster="${milan}"`)),
      samples,
    );
  });

  it("records the crash-looping compactor's target as down between its short lives", () => {
    const up = seriesOf('up', 'pio-thanos-observee-dublin').filter(s =>
      s.labels.includes('job="thanos-compact"'),
    );
    assert.ok(up.length > 0);
    assert.ok(up.some(s => s.value === 0));
  });

  it('continues into what the live target serves next: counters never go back', () => {
    const failures = seriesOf(
      'thanos_compact_group_compactions_failures_total',
      'pio-thanos-observee-madrid',
    ).filter(s => s.labels.includes('resolution="0"'));
    assert.ok(failures.length > 0);
    for (let i = 1; i < failures.length; i++) {
      assert.ok(failures[i].value >= failures[i - 1].value);
    }
    // One failed retry a minute over the 30 minutes.
    assert.ok(failures.at(-1).value - failures[0].value >= 29);
    const { compactorMetrics } = require('../src/targets/compactorMetrics');
    const live = compactorMetrics(
      clusters.find(c => c.key === 'observee-madrid'),
      book,
      T0,
    );
    assert.ok(live.available);
    const liveFailures = live.families
      .find(f => f.name === 'thanos_compact_group_compactions_failures_total')
      .samples.find(s => s.labels?.resolution === '0').value;
    assert.ok(liveFailures >= failures.at(-1).value);
  });

  it('is on by default for 30 minutes and can be turned off', () => {
    assert.equal(parseOptions([]).historyMinutes, 30);
    assert.equal(parseOptions(['--history-minutes', '0']).historyMinutes, 0);
    assert.throws(
      () => parseOptions(['--history-minutes', '600']),
      /--history-minutes must be a whole number of minutes 0–120/,
    );
  });
});

describe(
  'simulator with a real Prometheus, right after start-up',
  {
    skip:
      !PROMETHEUS &&
      'Prometheus is not installed (Debian: apt-get install prometheus); CI installs it',
  },
  () => {
    /** @type {import('node:child_process').ChildProcess} */
    let child;
    let output = '';
    /** @type {Promise<unknown>} */
    let exited;
    let baseUrl = '';

    before(async () => {
      child = spawn(
        process.execPath,
        [MAIN, '--port', '0', '--with-prometheus', 'required'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      exited = new Promise(resolve => child.on('exit', resolve));
      const started = new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`Prometheus did not start:\n${output}`)),
          60_000,
        );
        const onData = chunk => {
          output += chunk;
          if (/started \S+ at http/.test(output)) {
            clearTimeout(timer);
            resolve(undefined);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', () => reject(new Error(`exited:\n${output}`)));
      });
      await started;
      baseUrl = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1] ?? '';
    });
    after(async () => {
      child.kill('SIGTERM');
      await exited;
    });

    /** @param {string} promql */
    async function instant(promql) {
      const res = await fetch(
        `${baseUrl}/api/v1/query?query=${encodeURIComponent(promql)}`,
      );
      const body = await res.json();
      assert.equal(body.status, 'success', JSON.stringify(body));
      return body.data.result;
    }

    it('says how much history it wrote', () => {
      assert.match(output, /wrote 30 min of history of the scraped targets/);
    });

    it("has the halted compactor's 5-minute window full at once", async () => {
      const held = await instant(
        'count_over_time((max by (cluster) (thanos_compact_halted{job=~".*thanos-compact.*", cluster="pio-thanos-observee-stockholm"}) == 1)[5m:1m])',
      );
      assert.equal(held.length, 1);
      assert.ok(Number(held[0].value[1]) >= 5, JSON.stringify(held));
    });

    it("has the all-failing compactor's 15-minute window full at once", async () => {
      const held = await instant(
        'count_over_time((sum by (cluster) (rate(thanos_compact_group_compactions_failures_total{job=~".*thanos-compact.*", cluster="pio-thanos-observee-madrid"}[5m])) / sum by (cluster) (rate(thanos_compact_group_compactions_total{job=~".*thanos-compact.*", cluster="pio-thanos-observee-madrid"}[5m])) * 100 > 5)[15m:1m])',
      );
      assert.equal(held.length, 1);
      assert.ok(Number(held[0].value[1]) >= 15, JSON.stringify(held));
    });

    it("has 15 minutes of a healthy compactor's up, and none of a cut cluster's", async () => {
      const healthy = await instant(
        'min_over_time(up{job=~".*thanos-compact.*", cluster="pio-thanos-observee"}[15m]) and count_over_time(up{job=~".*thanos-compact.*", cluster="pio-thanos-observee"}[15m]) >= 25',
      );
      assert.equal(healthy.length, 1, JSON.stringify(healthy));
      assert.equal(healthy[0].value[1], '1');
      assert.deepEqual(
        await instant(
          'count_over_time({cluster="pio-thanos-observee-paris"}[1h])',
        ),
        [],
      );
    });

    it('misses every series of the cluster whose Prometheus stopped ingesting, yet reads its newest head time over a range', async () => {
      assert.deepEqual(
        await instant('count({cluster="pio-thanos-observee-milan"})'),
        [],
      );
      const newest = await instant(
        'max by (cluster) (max_over_time(prometheus_tsdb_head_max_time{cluster="pio-thanos-observee-milan"}[24h]))',
      );
      assert.equal(newest.length, 1, JSON.stringify(newest));
      const age = Date.now() - Number(newest[0].value[1]);
      assert.ok(
        age > 3 * 60 * MINUTE && age < 4 * 60 * MINUTE,
        `newest sample ${age / MINUTE} min old`,
      );
    });

    it('sees the crash-looping compactor down at every step of its window', async () => {
      assert.deepEqual(
        await instant(
          'count_over_time((count by (cluster) (up{job=~".*thanos-compact.*", cluster="pio-thanos-observee-dublin"} == 1))[5m:1m])',
        ),
        [],
      );
    });
  },
);
