'use strict';

const { describe, it, before, after, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { startSimulator, T0 } = require('./support');
const { SCENARIO_NAMES } = require('../src/scenarios');

describe('control API /-/simulator/', () => {
  let sim;
  before(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.fetch('/-/simulator/reset', { method: 'POST' }));
  after(() => sim.close());

  /** @param {string} key @param {unknown} body */
  const put = (key, body) =>
    sim.fetch(`/-/simulator/scenarios/${key}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('lists every cluster with its current scenario and the valid scenario names', async () => {
    const res = await sim.fetch('/-/simulator/scenarios');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-thanos-simulator'), 'test-double');
    const body = await res.json();
    assert.match(body.simulator, /test double/);
    assert.deepEqual(
      Object.fromEntries(body.clusters.map(c => [c.key, c.scenario])),
      {
        observer: 'healthy',
        observee: 'healthy',
        'observee-paris': 'tls-failure',
        'observee-frankfurt': 'sidecar-down',
        'observee-stockholm': 'compactor-halted',
        'observee-milan': 'stale-data',
        'observee-dublin': 'compactor-crashloop',
        'observee-madrid': 'compactions-failing',
        'observee-zurich': 'never-visible',
        'observee-london': 'store-bucket-unreadable',
        'observee-oslo': 'healthy',
      },
    );
    assert.deepEqual(Object.keys(body.scenarios), SCENARIO_NAMES);
  });

  it('switches a running cluster to a failing scenario and back', async () => {
    sim.clock.now = T0 + 60_000;
    const res = await put('observee', { scenario: 'tls-failure' });
    assert.equal(res.status, 200);
    const switched = await res.json();
    assert.equal(switched.scenario, 'tls-failure');
    assert.equal(switched.since, new Date(T0 + 60_000).toISOString());

    const tls = await (
      await sim.fetch('/tls-querier/observee/api/v1/stores')
    ).json();
    assert.match(
      tls.data.sidecar[0].lastError,
      /x509: certificate signed by unknown authority/,
    );
    const central = await (await sim.fetch('/api/v1/stores')).text();
    const address = sim.clusters.find(
      c => c.key === 'observee',
    ).tlsQuerierAddress;
    assert.ok(
      central.includes(`{"name":"${address}","lastCheck":`) &&
        /"labelSets":\[\],"minTime":-9223372036854775808/.test(
          central.slice(central.indexOf(address)),
        ),
      'the central query sees the TLS querier lose its labels',
    );

    await put('observee', { scenario: 'healthy' });
    const healed = await (
      await sim.fetch('/tls-querier/observee/api/v1/stores')
    ).json();
    assert.equal(healed.data.sidecar[0].lastError, null);
    sim.clock.now = T0;
  });

  it('refuses an unknown scenario with 400 and lists the valid ones', async () => {
    const res = await put('observee', { scenario: 'on-fire' });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.match(
      body.error,
      /unknown scenario "on-fire"; valid scenarios: healthy, tls-failure/,
    );
    assert.deepEqual(body.validScenarios, SCENARIO_NAMES);
    const unchanged = await (
      await sim.fetch('/-/simulator/scenarios/observee')
    ).json();
    assert.equal(unchanged.scenario, 'healthy');
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await put('observee', 'tls-failure');
    assert.equal(res.status, 400);
    assert.match(
      (await res.json()).error,
      /body must be JSON like \{"scenario": "tls-failure"\}/,
    );
  });

  it('answers 404 naming the known keys for an unknown cluster', async () => {
    const res = await put('atlantis', { scenario: 'healthy' });
    assert.equal(res.status, 404);
    assert.match(
      (await res.json()).error,
      /no simulated cluster with key "atlantis"; known keys: observer, observee/,
    );
  });

  it('resets every cluster to the scenario of clusters.json', async () => {
    await put('observee-paris', { scenario: 'healthy' });
    await put('observee', { scenario: 'compactor-halted' });
    const res = await sim.fetch('/-/simulator/reset', { method: 'POST' });
    assert.equal(res.status, 200);
    const body = await res.json();
    const byKey = Object.fromEntries(
      body.clusters.map(c => [c.key, c.scenario]),
    );
    assert.equal(byKey['observee-paris'], 'tls-failure');
    assert.equal(byKey.observee, 'healthy');
  });

  it('answers the probes /-/healthy and /-/ready', async () => {
    for (const path of ['/-/healthy', '/-/ready']) {
      const res = await sim.fetch(path);
      assert.equal(res.status, 200);
      assert.equal(await res.text(), 'OK');
    }
  });
});
