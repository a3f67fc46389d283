'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startSimulator, T0 } = require('./support');
const { GRPC_ERRORS } = require('../src/scenarios');

/**
 * The `/api/v1/stores` answers, checked against the Thanos v0.42.4 shapes
 * (pkg/query/endpointset.go `EndpointStatus`, pkg/api/api.go envelope).
 */

const MINUTE = 60_000;

/** The raw JSON text of one entry, found by its name, so int64 literals can be checked verbatim. */
function rawEntry(text, name) {
  const start = text.indexOf(`{"name":${JSON.stringify(name)}`);
  assert.notEqual(start, -1, `no entry named ${name} in ${text}`);
  return text.slice(
    start,
    text.indexOf('}', text.indexOf('"maxTime"', start)) + 1,
  );
}

describe('central query /api/v1/stores', () => {
  let sim;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  it('answers in the Thanos envelope with query, sidecar and store groups, entries sorted by name', async () => {
    const res = await sim.fetch('/api/v1/stores');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.headers.get('x-thanos-simulator'), 'test-double');
    const body = await res.json();
    assert.equal(body.status, 'success');
    assert.deepEqual(Object.keys(body.data), ['query', 'sidecar', 'store']);
    for (const entries of Object.values(body.data)) {
      const names = entries.map(e => e.name);
      assert.deepEqual(names, [...names].sort());
      for (const entry of entries) {
        assert.deepEqual(Object.keys(entry), [
          'name',
          'lastCheck',
          'lastError',
          'labelSets',
          'minTime',
          'maxTime',
        ]);
      }
    }
    assert.equal(
      body.data.query.length,
      9,
      'one TLS querier per observee but the never-visible one',
    );
    assert.deepEqual(
      body.data.sidecar.map(e => e.labelSets[0].cluster),
      ['pio-thanos-observer'],
    );
    assert.equal(
      body.data.store.length,
      10,
      'one store gateway per cluster bucket but the never-visible one',
    );
    assert.ok(
      body.data.store.some(e =>
        e.name.startsWith('thanos-storegateway-observee-paris'),
      ),
    );
  });

  it('writes the int64 sentinels verbatim for a TLS querier whose sidecar hop fails', async () => {
    const text = await (await sim.fetch('/api/v1/stores')).text();
    const { clusters } = sim;
    const paris = clusters.find(c => c.key === 'observee-paris');
    const entry = rawEntry(text, paris.tlsQuerierAddress);
    assert.match(
      entry,
      /"lastError":null,"labelSets":\[\],"minTime":-9223372036854775808,"maxTime":9223372036854775807\}$/,
    );

    const healthy = rawEntry(
      text,
      clusters.find(c => c.key === 'observee').tlsQuerierAddress,
    );
    assert.match(
      healthy,
      /"labelSets":\[\{"cluster":"pio-thanos-observee","prometheus":"monitoring\/kube-prometheus-stack-prometheus","prometheus_replica":"prometheus-kube-prometheus-stack-prometheus-0"\}\]/,
    );
    assert.match(healthy, /"minTime":\d{13},"maxTime":9223372036854775807\}$/);
  });

  it('names each observee TLS querier like a pod IP:port and carries its external labels when healthy', async () => {
    const body = await (await sim.fetch('/api/v1/stores')).json();
    const clustersSeen = body.data.query
      .filter(e => e.labelSets.length > 0)
      .map(e => e.labelSets[0].cluster)
      .sort();
    assert.deepEqual(clustersSeen, [
      'pio-thanos-observee',
      'pio-thanos-observee-dublin',
      'pio-thanos-observee-london',
      'pio-thanos-observee-madrid',
      'pio-thanos-observee-milan',
      'pio-thanos-observee-oslo',
      'pio-thanos-observee-stockholm',
    ]);
    for (const entry of body.data.query) {
      assert.match(entry.name, /^10\.0\.102\.\d+:10901$/);
      assert.equal(entry.lastError, null);
    }
  });

  it('gives store gateways finite block ranges, ending 1–3 h ago, or longer ago when data is stale', async () => {
    const body = await (await sim.fetch('/api/v1/stores')).json();
    const HOUR = 60 * MINUTE;
    for (const entry of body.data.store) {
      assert.ok(entry.minTime < entry.maxTime);
      assert.equal(entry.labelSets.length, 2);
      // A failing entry keeps the times of its last good check.
      const age = Date.parse(entry.lastCheck) - entry.maxTime;
      if (entry.name.startsWith('thanos-storegateway-observee-milan.')) {
        assert.ok(
          age > 5 * HOUR,
          `stale cluster's newest block is ${age / HOUR} h old`,
        );
      } else {
        assert.ok(
          age >= HOUR && age <= 3 * HOUR,
          `${entry.name}: newest block ${age / HOUR} h old`,
        );
      }
    }
  });

  it('leaves out an observee whose TLS querier is down', async () => {
    await sim.fetch('/-/simulator/scenarios/observee', {
      method: 'PUT',
      body: JSON.stringify({ scenario: 'tls-querier-down' }),
    });
    try {
      const body = await (await sim.fetch('/api/v1/stores')).json();
      const address = sim.clusters.find(
        c => c.key === 'observee',
      ).tlsQuerierAddress;
      assert.equal(body.data.query.length, 8);
      assert.ok(!body.data.query.some(e => e.name === address));
      await assert.rejects(sim.fetch('/tls-querier/observee/api/v1/stores'));
    } finally {
      await sim.fetch('/-/simulator/reset', { method: 'POST' });
    }
  });

  it("keeps serving a cut cluster's old blocks through its store gateway, and no recent data", async () => {
    const body = await (await sim.fetch('/api/v1/stores')).json();
    for (const key of ['observee-paris', 'observee-frankfurt']) {
      const cluster = sim.clusters.find(c => c.key === key);
      const gateway = body.data.store.find(
        e => e.name === cluster.storeGatewayAddress,
      );
      assert.equal(gateway.lastError, null);
      assert.equal(gateway.labelSets[1].cluster, cluster.cluster);
      assert.ok(
        T0 - gateway.maxTime >= 60 * MINUTE,
        'only blocks uploaded at least an hour ago',
      );
      const live = body.data.query.filter(e =>
        e.labelSets.some(l => l.cluster === cluster.cluster),
      );
      assert.deepEqual(live, [], `${key} carries live data somewhere`);
    }
  });

  it('never lists a cluster whose observer components were never deployed', async () => {
    const text = await (await sim.fetch('/api/v1/stores')).text();
    assert.ok(!text.includes('observee-zurich'), text);
    await assert.rejects(
      sim.fetch('/tls-querier/observee-zurich/api/v1/stores'),
    );
  });

  it('shows the store gateway that cannot read its bucket as Not ready since the fault began', async () => {
    const body = await (await sim.fetch('/api/v1/stores')).json();
    const london = sim.clusters.find(c => c.key === 'observee-london');
    const gateway = body.data.store.find(
      e => e.name === london.storeGatewayAddress,
    );
    assert.equal(gateway.lastError, GRPC_ERRORS.notReady);
    const checkedAgo = T0 - Date.parse(gateway.lastCheck);
    assert.ok(
      checkedAgo >= 45 * MINUTE && checkedAgo < 46 * MINUTE,
      `last good check ${checkedAgo / MINUTE} min ago`,
    );
    assert.equal(gateway.labelSets[1].cluster, 'pio-thanos-observee-london');
    // Its sidecar path is fine: the live data still arrives through the TLS querier.
    assert.ok(
      body.data.query.some(
        e => e.labelSets[0]?.cluster === 'pio-thanos-observee-london',
      ),
    );
  });

  it('serves Thanos build info', async () => {
    const body = await (await sim.fetch('/api/v1/status/buildinfo')).json();
    assert.equal(body.status, 'success');
    assert.equal(body.data.version, '0.42.4');
    assert.deepEqual(Object.keys(body.data), [
      'version',
      'revision',
      'branch',
      'buildUser',
      'buildDate',
      'goVersion',
    ]);
  });
});

describe('observee TLS querier /api/v1/stores', () => {
  let sim;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  /** @param {string} key */
  async function sidecarEntry(key) {
    const res = await sim.fetch(`/tls-querier/${key}/api/v1/stores`);
    assert.equal(res.status, 200);
    const text = await res.text();
    const body = JSON.parse(text);
    assert.equal(body.status, 'success');
    assert.deepEqual(Object.keys(body.data), ['sidecar']);
    assert.equal(body.data.sidecar.length, 1);
    return { entry: body.data.sidecar[0], text };
  }

  it('shows a healthy sidecar behind its ingress with a fresh check and no error', async () => {
    const { entry, text } = await sidecarEntry('observee');
    assert.equal(
      entry.name,
      'thanos-sidecar.observee.thanos.teks-tg.clusterfrak-dynamics.io:443',
    );
    assert.equal(entry.lastError, null);
    assert.ok(
      T0 - Date.parse(entry.lastCheck) < 5000,
      'checked within the last 5 s',
    );
    assert.equal(entry.labelSets[0].cluster, 'pio-thanos-observee');
    assert.match(text, /"maxTime":9223372036854775807\}/);
  });

  it('reports the x509 unknown-authority error of a TLS failure, with the check frozen when it began', async () => {
    const { entry } = await sidecarEntry('observee-paris');
    assert.equal(entry.lastError, GRPC_ERRORS.tlsUnknownAuthority);
    assert.equal(
      entry.lastError,
      'rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"',
    );
    const age = T0 - Date.parse(entry.lastCheck);
    assert.ok(
      age >= 3 * MINUTE && age < 3 * MINUTE + 5000,
      `lastCheck ${age} ms old`,
    );
    assert.equal(
      entry.labelSets[0].cluster,
      'pio-thanos-observee-paris',
      'keeps labels of its last good check',
    );

    sim.clock.now = T0 + 10 * MINUTE;
    const later = await sidecarEntry('observee-paris');
    sim.clock.now = T0;
    assert.equal(
      later.entry.lastCheck,
      entry.lastCheck,
      'lastCheck does not move while failing',
    );
  });

  it('reports the ingress 503 of a sidecar that is down', async () => {
    const { entry } = await sidecarEntry('observee-frankfurt');
    assert.equal(
      entry.lastError,
      'rpc error: code = Unavailable desc = unexpected HTTP status code received from server: 503 (Service Unavailable); transport: received unexpected content-type "text/html"',
    );
  });

  it('keeps stale data looking healthy, as a real sidecar advertises maxTime MaxInt64', async () => {
    const { entry, text } = await sidecarEntry('observee-milan');
    assert.equal(entry.lastError, null);
    assert.match(text, /"maxTime":9223372036854775807\}/);
  });

  it('has no TLS querier for the observer and unknown keys', async () => {
    assert.equal(
      (await sim.fetch('/tls-querier/observer/api/v1/stores')).status,
      404,
    );
    assert.equal(
      (await sim.fetch('/tls-querier/nope/api/v1/stores')).status,
      404,
    );
  });
});
