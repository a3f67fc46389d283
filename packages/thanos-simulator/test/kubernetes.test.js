'use strict';

const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { loadClusterConfig } = require('../src/clusterConfig');
const { ScenarioBook } = require('../src/scenarioBook');
const {
  startKubernetesApiDouble,
  KUBERNETES_DOUBLE_TOKEN,
  KUBERNETES_DOUBLE_CA_FILE,
} = require('../src/kubernetes/fixtures');
const { parseLabelSelector } = require('../src/kubernetes/apiDouble');
const { SHIPPED_CLUSTERS, T0 } = require('./support');

/**
 * The Kubernetes API double, read over HTTPS with its test CA as client-node reads a real API
 * server: the list kinds, the fields the Thanos inside view reads (containerStatuses with
 * restartCount, state.waiting.reason, lastState.terminated), metadata-only Secrets and `Status`
 * errors (Kubernetes API reference, meta/v1 Status).
 */

const CA = fs.readFileSync(KUBERNETES_DOUBLE_CA_FILE);

describe('Kubernetes API double', () => {
  let double;
  let book;
  const clusters = loadClusterConfig(SHIPPED_CLUSTERS);
  before(async () => {
    book = new ScenarioBook(clusters, T0);
    double = await startKubernetesApiDouble({
      clusters,
      book,
      port: 0,
      host: '127.0.0.1',
      now: () => T0,
    });
  });
  after(() => {
    double.server.closeAllConnections();
    double.server.close();
  });

  /**
   * @param {string} path
   * @param {{token?: string | null, accept?: string}} [options]
   * @returns {Promise<{status: number, body: any, headers: import('node:http').IncomingHttpHeaders}>}
   */
  const get = (path, options = {}) =>
    new Promise((resolve, reject) => {
      const token =
        options.token === undefined ? KUBERNETES_DOUBLE_TOKEN : options.token;
      const req = https.get(
        {
          host: '127.0.0.1',
          port: double.port,
          path,
          ca: CA,
          headers: {
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            Accept: options.accept ?? 'application/json',
          },
        },
        res => {
          let text = '';
          res.on('data', chunk => (text += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(text),
              headers: res.headers,
            }),
          );
        },
      );
      req.on('error', reject);
    });

  it('serves HTTPS with a certificate its test CA signs, and says it is a test double', async () => {
    const res = await get(
      '/clusters/observee/api/v1/namespaces/monitoring/pods',
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-thanos-simulator'], 'test-double');
    assert.equal(res.body.kind, 'PodList');
    assert.equal(res.body.apiVersion, 'v1');
    assert.equal(res.body.items[0].kind, undefined, 'list items carry no kind');
  });

  it('refuses a request without the bearer token with a 401 Status', async () => {
    const res = await get(
      '/clusters/observee/api/v1/namespaces/monitoring/pods',
      {
        token: null,
      },
    );
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it("shows Dublin's compactor pod in CrashLoopBackOff with its restarts and last exit", async () => {
    const res = await get(
      `/clusters/observee-dublin/api/v1/namespaces/monitoring/pods?labelSelector=${encodeURIComponent(
        'app.kubernetes.io/component=compactor',
      )}`,
    );
    assert.equal(res.body.items.length, 1);
    const [pod] = res.body.items;
    const dublin = clusters.find(c => c.key === 'observee-dublin');
    assert.equal(pod.metadata.name, dublin.compactorPod);
    const [container] = pod.status.containerStatuses;
    assert.equal(container.name, 'compactor');
    assert.equal(container.ready, false);
    assert.equal(container.state.waiting.reason, 'CrashLoopBackOff');
    assert.ok(
      container.restartCount > 100,
      `${container.restartCount} restarts`,
    );
    assert.equal(container.lastState.terminated.exitCode, 1);
    assert.equal(container.lastState.terminated.reason, 'Error');
    assert.ok(pod.spec.containers[0].args.includes('compact'));
  });

  it('shows a halted compactor as a running, ready pod: pods cannot tell a halt', async () => {
    const res = await get(
      '/clusters/observee-stockholm/api/v1/namespaces/monitoring/pods?labelSelector=app.kubernetes.io%2Fcomponent%3Dcompactor',
    );
    const [container] = res.body.items[0].status.containerStatuses;
    assert.equal(container.ready, true);
    assert.equal(container.restartCount, 0);
    assert.ok(container.state.running);
  });

  it('lists the compactor Deployment, and no StatefulSet for the compactor selector', async () => {
    const selector = 'labelSelector=app.kubernetes.io%2Fcomponent%3Dcompactor';
    const deployments = await get(
      `/clusters/observee-dublin/apis/apps/v1/namespaces/monitoring/deployments?${selector}`,
    );
    assert.equal(deployments.body.kind, 'DeploymentList');
    assert.deepEqual(
      deployments.body.items.map(d => d.metadata.name),
      ['thanos-compactor'],
    );
    assert.equal(deployments.body.items[0].status.readyReplicas, undefined);
    const statefulSets = await get(
      `/clusters/observee-dublin/apis/apps/v1/namespaces/monitoring/statefulsets?${selector}`,
    );
    assert.deepEqual(statefulSets.body.items, []);
    const prometheus = await get(
      '/clusters/observee-dublin/apis/apps/v1/namespaces/monitoring/statefulsets?labelSelector=app.kubernetes.io%2Fname%3Dprometheus',
    );
    assert.equal(prometheus.body.items.length, 1);
  });

  it("shows the sidecar-down cluster's thanos-sidecar container not ready", async () => {
    const res = await get(
      '/clusters/observee-frankfurt/api/v1/namespaces/monitoring/pods?labelSelector=app.kubernetes.io%2Fname%3Dprometheus',
    );
    const sidecar = res.body.items[0].status.containerStatuses.find(
      c => c.name === 'thanos-sidecar',
    );
    assert.equal(sidecar.ready, false);
  });

  it('serves the sidecar ingress with the mTLS annotations and the host the TLS querier dials', async () => {
    const res = await get(
      '/clusters/observee-paris/apis/networking.k8s.io/v1/namespaces/monitoring/ingresses',
    );
    assert.equal(res.body.kind, 'IngressList');
    const [ingress] = res.body.items;
    assert.equal(
      ingress.metadata.annotations[
        'nginx.ingress.kubernetes.io/auth-tls-secret'
      ],
      'monitoring/thanos-ca',
    );
    assert.equal(
      ingress.metadata.annotations[
        'nginx.ingress.kubernetes.io/backend-protocol'
      ],
      'GRPC',
    );
    assert.equal(
      `${ingress.spec.rules[0].host}:443`,
      clusters.find(c => c.key === 'observee-paris').sidecarIngressHost,
    );
  });

  it("answers 404 NotFound for Paris' missing client-CA Secret, and metadata only for one that exists", async () => {
    const accept =
      'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';
    const missing = await get(
      '/clusters/observee-paris/api/v1/namespaces/monitoring/secrets/thanos-ca',
      { accept },
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.body.reason, 'NotFound');
    assert.equal(missing.body.message, 'secrets "thanos-ca" not found');
    const present = await get(
      '/clusters/observee/api/v1/namespaces/monitoring/secrets/thanos-ca',
      { accept },
    );
    assert.equal(present.status, 200);
    assert.equal(present.body.kind, 'PartialObjectMetadata');
    assert.equal(present.body.data, undefined);
    assert.deepEqual(
      Object.keys(present.body.metadata.managedFields[0].fieldsV1['f:data']),
      ['.', 'f:ca.crt'],
    );
  });

  it("proxies the observer's service proxy to an observee's TLS querier stores", async () => {
    const res = await get(
      '/clusters/observer/api/v1/namespaces/monitoring/services/http:thanos-tls-querier-observee-paris-query:10902/proxy/api/v1/stores',
    );
    assert.equal(res.status, 200);
    assert.match(res.body.data.sidecar[0].lastError, /x509/);
    const gone = await get(
      '/clusters/observer/api/v1/namespaces/monitoring/services/http:thanos-tls-querier-observee-zurich-query:10902/proxy/api/v1/stores',
    );
    assert.equal(gone.status, 503);
    assert.equal(gone.body.reason, 'ServiceUnavailable');
  });

  it('answers 404 for a cluster it does not simulate and empty lists in other namespaces', async () => {
    assert.equal(
      (await get('/clusters/nope/api/v1/namespaces/monitoring/pods')).status,
      404,
    );
    const other = await get(
      '/clusters/observee/api/v1/namespaces/default/pods',
    );
    assert.deepEqual(other.body.items, []);
  });
});

describe('label selectors of the Kubernetes API double', () => {
  it('reads the equality-based forms and refuses set-based ones', () => {
    const labels = { a: '1', b: '2' };
    assert.equal(parseLabelSelector('a=1,b==2')(labels), true);
    assert.equal(parseLabelSelector('a!=1')(labels), false);
    assert.equal(parseLabelSelector('c')(labels), false);
    assert.equal(parseLabelSelector('!c')(labels), true);
    assert.throws(() => parseLabelSelector('a in (1,2)'), /equality-based/);
  });
});
