'use strict';

const { describe, it, before, after, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const {
  startSimulator,
  parseExposition,
  sampleValue,
  T0,
} = require('./support');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('simulated /metrics targets', () => {
  let sim;
  before(async () => {
    sim = await startSimulator();
  });
  afterEach(() => {
    sim.clock.now = T0;
    return sim.fetch('/-/simulator/reset', { method: 'POST' });
  });
  after(() => sim.close());

  /** @param {string} key @param {'sidecar' | 'compactor' | 'prometheus' | 'storegateway'} kind */
  async function scrape(key, kind) {
    const res = await sim.fetch(`/targets/${key}/${kind}/metrics`);
    assert.equal(res.status, 200, `${key} ${kind}`);
    assert.equal(
      res.headers.get('content-type'),
      'text/plain; version=0.0.4; charset=utf-8',
    );
    return parseExposition(await res.text());
  }

  it('exposes the sidecar families with their Thanos types', async () => {
    const families = await scrape('observee', 'sidecar');
    const types = Object.fromEntries(
      [...families].map(([name, f]) => [name, f.type]),
    );
    assert.deepEqual(types, {
      thanos_build_info: 'gauge',
      thanos_objstore_bucket_last_successful_upload_time: 'gauge',
      thanos_objstore_bucket_operation_failures_total: 'counter',
      thanos_objstore_bucket_operations_total: 'counter',
      thanos_shipper_upload_failures_total: 'counter',
      thanos_shipper_uploads_total: 'counter',
      thanos_sidecar_prometheus_up: 'gauge',
      thanos_status: 'gauge',
    });
    assert.equal(sampleValue(families, 'thanos_sidecar_prometheus_up'), 1);
    assert.equal(
      sampleValue(families, 'thanos_build_info', { version: '0.42.4' }),
      1,
    );
    const lastUpload = sampleValue(
      families,
      'thanos_objstore_bucket_last_successful_upload_time',
      {
        bucket: 'pio-thanos-observee-thanos',
      },
    );
    assert.ok(
      T0 / 1000 - lastUpload <= 2 * 3600,
      'a healthy sidecar uploaded within the last 2 h',
    );
  });

  it('exposes the compactor families with their Thanos types and labels', async () => {
    const families = await scrape('observee', 'compactor');
    for (const [name, type] of Object.entries({
      thanos_compact_halted: 'gauge',
      thanos_compact_iterations_total: 'counter',
      thanos_compact_group_compactions_total: 'counter',
      thanos_compact_group_compactions_failures_total: 'counter',
      thanos_compact_todo_compactions: 'gauge',
      thanos_compact_todo_compaction_blocks: 'gauge',
      thanos_compact_todo_downsample_blocks: 'gauge',
      thanos_compact_todo_deletion_blocks: 'gauge',
      thanos_compact_downsample_total: 'counter',
      thanos_compact_downsample_failures_total: 'counter',
      thanos_objstore_bucket_last_successful_upload_time: 'gauge',
      thanos_objstore_bucket_operations_total: 'counter',
      thanos_objstore_bucket_operation_failures_total: 'counter',
      thanos_build_info: 'gauge',
      thanos_status: 'gauge',
    })) {
      assert.equal(families.get(name)?.type, type, name);
      assert.ok(families.get(name).help.length > 0, `${name} has help`);
    }
    assert.deepEqual(
      families
        .get('thanos_compact_group_compactions_total')
        .samples.map(s => s.labels.resolution),
      ['0', '300000', '3600000'],
    );
    assert.equal(sampleValue(families, 'thanos_compact_halted'), 0);
    assert.equal(
      sampleValue(families, 'thanos_status', {
        check: 'ready',
        component: 'compact',
      }),
      1,
    );
    assert.equal(
      families.get('thanos_objstore_bucket_operations_total').samples.length,
      7,
      'one series per objstore operation',
    );
  });

  it('lets counters of a healthy compactor and sidecar grow over time', async () => {
    const before = await scrape('observee', 'compactor');
    const sidecarBefore = await scrape('observee', 'sidecar');
    sim.clock.now = T0 + 3 * HOUR;
    const later = await scrape('observee', 'compactor');
    const sidecarLater = await scrape('observee', 'sidecar');
    assert.equal(
      sampleValue(later, 'thanos_compact_iterations_total') -
        sampleValue(before, 'thanos_compact_iterations_total'),
      36,
      'one iteration per 5 min wait interval',
    );
    assert.ok(
      sampleValue(later, 'thanos_compact_group_compactions_total', {
        resolution: '0',
      }) >
        sampleValue(before, 'thanos_compact_group_compactions_total', {
          resolution: '0',
        }),
    );
    assert.ok(
      sampleValue(sidecarLater, 'thanos_shipper_uploads_total') >
        sampleValue(sidecarBefore, 'thanos_shipper_uploads_total'),
    );
  });

  it('shows a halted compactor as halted, stuck and healthy-looking', async () => {
    const families = await scrape('observee-stockholm', 'compactor');
    assert.equal(sampleValue(families, 'thanos_compact_halted'), 1);
    assert.equal(
      sampleValue(families, 'thanos_status', {
        check: 'healthy',
        component: 'compact',
      }),
      1,
    );
    assert.equal(
      sampleValue(families, 'thanos_compact_group_compactions_failures_total', {
        resolution: '0',
      }),
      1,
    );
    const iterations = sampleValue(families, 'thanos_compact_iterations_total');
    const backlog = sampleValue(
      families,
      'thanos_compact_todo_compaction_blocks',
    );
    const lastUpload = sampleValue(
      families,
      'thanos_objstore_bucket_last_successful_upload_time',
      {
        bucket: 'pio-thanos-observee-stockholm-thanos',
      },
    );
    assert.ok(
      T0 / 1000 - lastUpload >= 6 * 3600,
      'no upload since the halt 6 h ago',
    );

    sim.clock.now = T0 + 4 * HOUR;
    const later = await scrape('observee-stockholm', 'compactor');
    assert.equal(
      sampleValue(later, 'thanos_compact_iterations_total'),
      iterations,
      'no progress',
    );
    assert.ok(
      sampleValue(later, 'thanos_compact_todo_compaction_blocks') > backlog,
      'backlog grows',
    );
  });

  it('makes a crash-looping compactor flap between 503 and a fresh process that never uploaded', async () => {
    const statuses = [];
    for (let second = 0; second < 60; second += 5) {
      sim.clock.now = T0 + second * 1000;
      const res = await sim.fetch('/targets/observee-dublin/compactor/metrics');
      statuses.push(res.status);
      if (res.status === 200) {
        const families = parseExposition(await res.text());
        assert.equal(sampleValue(families, 'thanos_compact_halted'), 0);
        assert.equal(
          sampleValue(families, 'thanos_compact_iterations_total'),
          0,
        );
        assert.equal(
          sampleValue(
            families,
            'thanos_objstore_bucket_last_successful_upload_time',
            {
              bucket: 'pio-thanos-observee-dublin-thanos',
            },
          ),
          0,
          'objstore reports 0 until the first upload since the process started',
        );
        assert.equal(
          sampleValue(
            families,
            'thanos_objstore_bucket_operation_failures_total',
            { operation: 'iter' },
          ),
          1,
        );
      } else {
        await res.text();
      }
    }
    assert.ok(
      statuses.includes(200) && statuses.includes(503),
      `statuses ${statuses}`,
    );
  });

  it('reports a sidecar that cannot reach Prometheus as down and not ready', async () => {
    const families = await scrape('observee-frankfurt', 'sidecar');
    assert.equal(sampleValue(families, 'thanos_sidecar_prometheus_up'), 0);
    assert.equal(
      sampleValue(families, 'thanos_status', {
        check: 'ready',
        component: 'sidecar',
      }),
      0,
    );
    const prometheus = await scrape('observee-frankfurt', 'prometheus');
    assert.ok(
      sampleValue(prometheus, 'prometheus_tsdb_data_replay_duration_seconds') >
        0,
      'Prometheus itself started, as ThanosSidecarNoConnectionToStartedPrometheus requires',
    );
  });

  it('shows stale data as an old head, stopped appends and an old last upload', async () => {
    const sidecar = await scrape('observee-milan', 'sidecar');
    const lastUpload = sampleValue(
      sidecar,
      'thanos_objstore_bucket_last_successful_upload_time',
      {
        bucket: 'pio-thanos-observee-milan-thanos',
      },
    );
    const uploadAgeHours = (T0 / 1000 - lastUpload) / 3600;
    assert.ok(
      uploadAgeHours >= 3 && uploadAgeHours <= 5.1,
      `last upload ${uploadAgeHours} h ago`,
    );
    const prometheus = await scrape('observee-milan', 'prometheus');
    const headAge =
      T0 - sampleValue(prometheus, 'prometheus_tsdb_head_max_time');
    assert.ok(
      Math.abs(headAge - 3 * HOUR) < 15_000,
      `head max time ${headAge / HOUR} h old`,
    );
    const appended = sampleValue(
      prometheus,
      'prometheus_tsdb_head_samples_appended_total',
      { type: 'float' },
    );

    sim.clock.now = T0 + HOUR;
    const later = await scrape('observee-milan', 'prometheus');
    assert.equal(
      sampleValue(later, 'prometheus_tsdb_head_samples_appended_total', {
        type: 'float',
      }),
      appended,
    );
  });

  it('counts a failure a minute and no success for the compactor whose every compaction fails', async () => {
    const before = await scrape('observee-madrid', 'compactor');
    sim.clock.now = T0 + 10 * MINUTE;
    const after = await scrape('observee-madrid', 'compactor');
    const value = (families, name, labels) =>
      sampleValue(families, name, labels);
    const failures = { resolution: '0' };
    assert.equal(
      value(
        after,
        'thanos_compact_group_compactions_failures_total',
        failures,
      ) -
        value(
          before,
          'thanos_compact_group_compactions_failures_total',
          failures,
        ),
      10,
    );
    for (const resolution of ['0', '300000', '3600000']) {
      assert.equal(
        value(after, 'thanos_compact_group_compactions_total', { resolution }),
        value(before, 'thanos_compact_group_compactions_total', { resolution }),
        `successes at resolution ${resolution} stay flat`,
      );
    }
    assert.equal(value(after, 'thanos_compact_halted'), 0);
    assert.equal(
      value(after, 'thanos_objstore_bucket_operation_failures_total', {
        bucket: 'pio-thanos-observee-madrid-thanos',
        operation: 'upload',
      }) > 0,
      true,
    );
  });

  it("exposes the store gateway's failing bucket listing and that it is not ready", async () => {
    const failing = await scrape('observee-london', 'storegateway');
    const bucket = 'pio-thanos-observee-london-thanos';
    const iterFailures = sampleValue(
      failing,
      'thanos_objstore_bucket_operation_failures_total',
      { bucket, operation: 'iter' },
    );
    assert.ok(iterFailures > 0);
    assert.equal(
      sampleValue(failing, 'thanos_objstore_bucket_operations_total', {
        bucket,
        operation: 'iter',
      }),
      iterFailures,
    );
    assert.equal(
      sampleValue(failing, 'thanos_status', {
        check: 'ready',
        component: 'store',
      }),
      0,
    );
    const serving = await scrape('observee', 'storegateway');
    assert.equal(
      sampleValue(serving, 'thanos_objstore_bucket_operation_failures_total', {
        bucket: 'pio-thanos-observee-thanos',
        operation: 'iter',
      }),
      0,
    );
  });

  it('answers 404 for unknown clusters and target kinds', async () => {
    assert.equal(
      (await sim.fetch('/targets/atlantis/sidecar/metrics')).status,
      404,
    );
    assert.equal(
      (await sim.fetch('/targets/observee/querier/metrics')).status,
      404,
    );
  });
});
