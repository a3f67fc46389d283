'use strict';

const { describe, it, before, after, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { startSimulator } = require('./support');
const { parseOptions } = require('../src/options');

/**
 * Call counting and fault switches (src/trafficControl.js), which the backend's load and fault
 * suites (production/ at the repository root) rely on.
 */
describe('traffic control /-/simulator/stats and /-/simulator/faults', () => {
  let sim;
  before(async () => {
    sim = await startSimulator();
  });
  afterEach(async () => {
    await sim.fetch('/-/simulator/faults', {
      method: 'PUT',
      body: JSON.stringify({ latencyMs: 0, failure: 'none' }),
    });
    await sim.fetch('/-/simulator/stats/reset', { method: 'POST' });
  });
  after(() => sim.close());

  /** @param {unknown} body */
  const putFaults = body =>
    sim.fetch('/-/simulator/faults', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('counts upstream API calls by path, and not probes or control calls', async () => {
    await sim.fetch('/api/v1/stores');
    await sim.fetch('/api/v1/stores');
    await sim.fetch('/tls-querier/observee/api/v1/stores');
    await sim.fetch('/api/v1/query?query=up');
    await sim.fetch('/-/healthy');
    await sim.fetch('/-/simulator/scenarios');
    const stats = await (await sim.fetch('/-/simulator/stats')).json();
    assert.deepEqual(stats.calls, {
      '/api/v1/query': 1,
      '/api/v1/stores': 2,
      '/tls-querier/observee/api/v1/stores': 1,
    });
    assert.equal(stats.total, 4);
  });

  it('starts counting from zero after a reset', async () => {
    await sim.fetch('/api/v1/stores');
    const reset = await sim.fetch('/-/simulator/stats/reset', {
      method: 'POST',
    });
    assert.equal(reset.status, 200);
    const stats = await (await sim.fetch('/-/simulator/stats')).json();
    assert.deepEqual(stats.calls, {});
    assert.equal(stats.total, 0);
  });

  it('answers Thanos API calls with a 500 error envelope in http-500 mode, probes stay healthy', async () => {
    assert.equal((await putFaults({ failure: 'http-500' })).status, 200);
    const res = await sim.fetch('/api/v1/stores');
    assert.equal(res.status, 500);
    const body = await res.json();
    assert.equal(body.status, 'error');
    assert.equal(body.errorType, 'internal');
    assert.equal((await sim.fetch('/-/healthy')).status, 200);
  });

  it('resets the connection in reset mode', async () => {
    await putFaults({ failure: 'reset' });
    await assert.rejects(sim.fetch('/api/v1/stores'), /fetch failed/);
  });

  it('delays Thanos API answers by latencyMs', async () => {
    await putFaults({ latencyMs: 300 });
    const started = Date.now();
    const res = await sim.fetch('/api/v1/stores');
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 290, 'answer came before the latency');
    const probeStarted = Date.now();
    await sim.fetch('/-/healthy');
    assert.ok(Date.now() - probeStarted < 250, 'probes are not delayed');
  });

  it('rejects an unknown failure mode or a negative latency with 400 naming the valid values', async () => {
    const bad = await putFaults({ failure: 'explode' });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error, /none, http-500, reset/);
    const negative = await putFaults({ latencyMs: -1 });
    assert.equal(negative.status, 400);
    assert.match((await negative.json()).error, /latencyMs must be an integer/);
    const current = await (await sim.fetch('/-/simulator/faults')).json();
    assert.deepEqual(current, { latencyMs: 0, failure: 'none' });
  });
});

describe('command-line fault options', () => {
  it('reads --latency-ms and --failure', () => {
    const options = parseOptions([
      '--latency-ms',
      '2000',
      '--failure',
      'reset',
    ]);
    assert.deepEqual(options.faults, { latencyMs: 2000, failure: 'reset' });
  });

  it('defaults to no faults', () => {
    assert.deepEqual(parseOptions([]).faults, {});
  });

  it('rejects a latency that is not a number', () => {
    assert.throws(
      () => parseOptions(['--latency-ms', 'slow']),
      /latencyMs must be an integer/,
    );
  });
});
