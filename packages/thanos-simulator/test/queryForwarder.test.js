'use strict';

const http = require('node:http');
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startSimulator } = require('./support');
const { QueryForwarder } = require('../src/queryForwarder');

/** A stand-in for Prometheus that records what it receives and answers like Prometheus' query API. */
async function startFakePrometheus() {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method,
        url: req.url,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString(),
      });
      if (req.url.startsWith('/api/v1/query?query=bad')) {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(
          '{"status":"error","errorType":"bad_data","error":"parse error"}',
        );
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        '{"status":"success","data":{"resultType":"vector","result":[]}}',
      );
    });
  });
  await new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(undefined)),
  );
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    received,
    close: () => new Promise(resolve => server.close(() => resolve(undefined))),
  };
}

describe('PromQL query API forwarding', () => {
  let prometheus;
  let sim;
  before(async () => {
    prometheus = await startFakePrometheus();
    sim = await startSimulator({
      forwarder: new QueryForwarder({ upstream: prometheus.url }),
    });
  });
  after(async () => {
    await sim.close();
    await prometheus.close();
  });

  it('forwards a GET instant query with its query string verbatim', async () => {
    const query =
      '/api/v1/query?query=thanos_compact_halted%7Bcluster%3D%22pio-thanos-observee%22%7D&time=1795514400.217&dedup=true';
    const res = await sim.fetch(query);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-thanos-simulator'), 'test-double');
    assert.equal(
      await res.text(),
      '{"status":"success","data":{"resultType":"vector","result":[]}}',
    );
    const last = prometheus.received.at(-1);
    assert.equal(last.method, 'GET');
    assert.equal(last.url, query);
  });

  it('forwards a POSTed form body of a range query unchanged', async () => {
    const form =
      'query=sum+by+(cluster)+(up)&start=1795500000&end=1795514400&step=60';
    const res = await sim.fetch('/api/v1/query_range', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    assert.equal(res.status, 200);
    await res.text();
    const last = prometheus.received.at(-1);
    assert.equal(last.method, 'POST');
    assert.equal(last.url, '/api/v1/query_range');
    assert.equal(last.contentType, 'application/x-www-form-urlencoded');
    assert.equal(last.body, form);
  });

  it('forwards labels and series lookups', async () => {
    for (const path of [
      '/api/v1/labels',
      '/api/v1/series?match%5B%5D=up',
      '/api/v1/label/cluster/values',
    ]) {
      const res = await sim.fetch(path);
      assert.equal(res.status, 200, path);
      await res.text();
      assert.equal(prometheus.received.at(-1).url, path);
    }
  });

  it("passes Prometheus' own errors through with their status", async () => {
    const res = await sim.fetch('/api/v1/query?query=bad(');
    assert.equal(res.status, 400);
    assert.equal((await res.json()).errorType, 'bad_data');
  });

  it('keeps serving /api/v1/stores itself', async () => {
    const before = prometheus.received.length;
    const res = await sim.fetch('/api/v1/stores');
    assert.equal(res.status, 200);
    await res.text();
    assert.equal(prometheus.received.length, before);
  });
});

describe('PromQL without Prometheus', () => {
  it('answers 503 in the Thanos error envelope saying metrics are unavailable', async () => {
    const sim = await startSimulator();
    try {
      for (const path of [
        '/api/v1/query?query=up',
        '/api/v1/query_range?query=up',
        '/api/v1/labels',
      ]) {
        const res = await sim.fetch(path);
        assert.equal(res.status, 503, path);
        assert.equal(res.headers.get('content-type'), 'application/json');
        assert.deepEqual(await res.json(), {
          status: 'error',
          errorType: 'internal',
          error:
            'the Thanos simulator (a test double) has no Prometheus behind it: metrics are unavailable',
        });
      }
    } finally {
      await sim.close();
    }
  });

  it('answers 503 naming the Prometheus it could not reach', async () => {
    const sim = await startSimulator({
      forwarder: new QueryForwarder({ upstream: 'http://127.0.0.1:9' }),
    });
    try {
      const res = await sim.fetch('/api/v1/query?query=up');
      assert.equal(res.status, 503);
      const body = await res.json();
      assert.equal(body.status, 'error');
      assert.match(
        body.error,
        /could not reach its Prometheus at http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/,
      );
    } finally {
      await sim.close();
    }
  });
});
