// Hostile input on the backend side: entities with malicious Thanos annotations, and
// requests without or with forged credentials. Every refusal is a 4xx naming the rule, never a
// 500, and no request reaches a host that is not configured.
// Run: node --test production/hostile.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator } from './lib/simulator.mjs';
import { startFakeUpstream } from './lib/fakeUpstream.mjs';
import { DEMO_LOCATIONS } from './lib/backend.mjs';
import { FIXTURES_DIR } from './lib/paths.mjs';
import { EXAMPLE_ENTITIES, statusPath, FLEET_PATH } from './lib/burst.mjs';
import {
  closedPort,
  maxLivenessDelay,
  worstPerInterval,
  startEchoingUpstream,
  startRecordingKubernetesApi,
} from './lib/hostileUpstream.mjs';
import { mb, sampleRss } from './lib/processTree.mjs';
import {
  authHeaders,
  sleep,
  startReplicas,
  thanosConfig,
  waitForStatusRoute,
} from './lib/suite.mjs';

const HOSTILE = [
  { name: 'hostile-labels-url', rule: /thanos\.io\/external-labels/ },
  { name: 'hostile-instance-url', rule: /thanos\.io\/instance/ },
  { name: 'hostile-key-traversal', rule: /thanos\.io\/observee-key/ },
  { name: 'hostile-key-query', rule: /thanos\.io\/observee-key/ },
  { name: 'hostile-key-userinfo', rule: /thanos\.io\/observee-key/ },
  { name: 'hostile-promql-injection', rule: /thanos\.io\/external-labels/ },
  { name: 'hostile-huge-matchers', rule: /thanos\.io\/external-labels/ },
];

function hugeMatcherEntity() {
  const matchers = Array.from(
    { length: 10_000 },
    (_, i) => `label_${i}=value_${i}`,
  ).join(',');
  return `---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: hostile-huge-matchers
  annotations:
    thanos.io/external-labels: ${matchers}
spec:
  type: kubernetes-cluster
  owner: group:default/platform-team
`;
}

const b64url = value =>
  Buffer.from(
    typeof value === 'string' ? value : JSON.stringify(value),
  ).toString('base64url');

/** A token shaped like a Backstage user token (header typ, sub, ent, aud) that nobody issued. */
function forgedToken({ alg, issuer }) {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'vnd.backstage.user', alg, kid: 'forged' };
  const payload = {
    iss: issuer,
    sub: 'user:default/admin',
    ent: ['user:default/admin'],
    aud: 'backstage',
    iat: now,
    exp: now + 3600,
  };
  const unsigned = `${b64url(header)}.${b64url(payload)}`;
  if (alg === 'none') return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', 'not-the-backend-key')
    .update(unsigned)
    .digest('base64url')}`;
}

describe('hostile input on the thanos routes', { timeout: 300_000 }, () => {
  let sim;
  let upstream;
  let evil;
  let env;
  let backend;
  let dir;
  const report = {};

  before(async () => {
    sim = await startSimulator();
    upstream = await startFakeUpstream({ forwardTo: sim.baseUrl });
    evil = await startFakeUpstream({});
    dir = await mkdtemp(path.join(tmpdir(), 'prod-hostile-'));
    const template = await readFile(
      path.join(FIXTURES_DIR, 'hostile-entities.yaml'),
      'utf8',
    );
    const catalogFile = path.join(dir, 'hostile-entities.yaml');
    await writeFile(
      catalogFile,
      template.replaceAll('{{EVIL}}', `127.0.0.1:${evil.port}`) +
        hugeMatcherEntity(),
    );
    env = await startReplicas('hostile', {
      replicas: ['a'],
      thanos: thanosConfig(upstream.baseUrl, { refreshIntervalSeconds: 5 }),
      catalogLocations: [
        ...DEMO_LOCATIONS,
        { type: 'file', target: catalogFile },
      ],
    });
    backend = env.backends.a;
    await waitForStatusRoute(backend.baseUrl, env.token);
    for (const { name } of HOSTILE) {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const res = await fetch(
          `${backend.baseUrl}/api/catalog/entities/by-name/resource/default/${name}`,
          { headers: authHeaders(env.token) },
        );
        if (res.ok) break;
        await sleep(1000);
      }
    }
  });

  after(async () => {
    console.log(`# hostile answers: ${JSON.stringify(report)}`);
    await env?.run.cleanup();
    await upstream?.close();
    await evil?.close();
    await sim?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const { name, rule } of HOSTILE) {
    it(`entity ${name}: refused, naming ${rule.source.replaceAll(
      '\\',
      '',
    )}`, async () => {
      const res = await fetch(`${backend.baseUrl}${statusPath(name)}`, {
        headers: authHeaders(env.token),
      });
      const text = await res.text();
      const body = JSON.parse(text);
      if (res.status === 200) {
        // The plugin refuses an observee key that is not a DNS label per source: the answer
        // carries a `config` error naming the annotation, and the TLS querier is not called.
        const refusals = body.errors.filter(e => rule.test(e.message));
        report[name] = `200 errors[]: ${JSON.stringify(refusals).slice(
          0,
          240,
        )}`;
        assert.ok(
          refusals.length > 0,
          `200 without an error naming the rule: ${text.slice(0, 400)}`,
        );
        return;
      }
      report[name] = `${res.status} ${body.error?.message?.slice(0, 200)}`;
      assert.ok(
        res.status >= 400 && res.status < 500,
        `${res.status} ${text.slice(0, 300)}`,
      );
      assert.match(body.error.message, rule);
    });
  }

  it('the fleet route still answers with hostile entities in the catalog', async () => {
    const res = await fetch(`${backend.baseUrl}${FLEET_PATH}`, {
      headers: authHeaders(env.token),
    });
    assert.equal(res.status, 200, (await res.clone().text()).slice(0, 300));
    const fleet = await res.json();
    assert.ok(
      fleet.some(s => s.entityRef === 'resource:default/pio-thanos-observee'),
    );
  });

  it('no request reached an unconfigured host, and every upstream path stays under the configured ones', async () => {
    assert.deepEqual(
      evil.seen(),
      [],
      'the server that is not configured was contacted',
    );
    const seen = upstream.seen();
    report.upstreamHosts = [...new Set(seen.map(s => s.host))];
    assert.deepEqual(report.upstreamHosts, [`127.0.0.1:${upstream.port}`]);
    for (const { path: p } of seen) {
      assert.match(
        p,
        /^\/(api\/v1\/|tls-querier\/[a-z0-9-]+\/api\/v1\/)/,
        `unexpected upstream path ${p}`,
      );
    }
  });

  const protectedPaths = [
    statusPath('pio-thanos-observee'),
    FLEET_PATH,
    '/api/thanos/v1/instances',
  ];
  const credentials = [
    { name: 'no credentials', headers: {} },
    {
      name: 'a malformed bearer token',
      headers: { Authorization: 'Bearer not-a-jwt' },
    },
    {
      name: 'a JWT signed with a wrong key',
      headers: () => ({
        Authorization: `Bearer ${forgedToken({
          alg: 'HS256',
          issuer: `${backend.baseUrl}/api/auth`,
        })}`,
      }),
    },
    {
      name: 'an alg:none JWT',
      headers: () => ({
        Authorization: `Bearer ${forgedToken({
          alg: 'none',
          issuer: `${backend.baseUrl}/api/auth`,
        })}`,
      }),
    },
  ];
  for (const credential of credentials) {
    it(`requests with ${credential.name} get 401 on every thanos route`, async () => {
      const headers =
        typeof credential.headers === 'function'
          ? credential.headers()
          : credential.headers;
      for (const p of protectedPaths) {
        const res = await fetch(`${backend.baseUrl}${p}`, { headers });
        const body = await res.json();
        report[
          `${credential.name} ${p}`
        ] = `${res.status} ${body.error?.name}: ${body.error?.message}`;
        assert.equal(
          res.status,
          401,
          `${p}: ${JSON.stringify(body).slice(0, 300)}`,
        );
        assert.equal(body.error.name, 'AuthenticationError');
        assert.ok(body.error.message.length > 0);
      }
    });
  }

  it('a path-traversal entity name is refused as not found or bad input, not a 500', async () => {
    for (const name of ['..%2F..%2Fx', '%2e%2e', 'a%3Fb%3Dc']) {
      const res = await fetch(
        `${backend.baseUrl}/api/thanos/v1/entities/default/resource/${name}/status`,
        { headers: authHeaders(env.token) },
      );
      report[`entity name ${name}`] = `${res.status}`;
      assert.ok(
        [400, 404].includes(res.status),
        `${name}: ${res.status} ${(await res.text()).slice(0, 200)}`,
      );
    }
  });
});

// Hostile annotations against the real backend with Debian's Prometheus behind the simulator:
// one entity must not freeze the backend, blind the other clusters of its instance, use a
// Kubernetes cluster its instance may not read, leak details, or exhaust memory through the
// Kubernetes service proxy.
describe('hostile annotations with Prometheus', { timeout: 600_000 }, () => {
  const TOKEN = 'Hostile-Suite-Bearer-Token-0123456789';
  const K8S_TOKEN = 'hostile-suite-kubernetes-token-abcdef';
  const REFRESH_SECONDS = 5;
  /**
   * The simulator's `compactor-crashloop` scenario (observee-dublin): the compactor target flaps
   * between up and 503 on purpose, so its verdict alternates between these, hostile entities or
   * not. Every other demo entity is steady.
   */
  const FLAPPING_COMPACTOR = {
    'pio-thanos-observee-dublin': {
      states: ['error', 'warning'],
      findings: ['compactor.down', 'compactor.has-not-run'],
    },
  };
  const HUGE_PROXY_BYTES = 300 * 1024 * 1024;
  let sim;
  let echo;
  let allowedApi;
  let forbiddenApi;
  let proxyApi;
  let env;
  let backend;
  let dir;
  let deadPort;
  let bystanders;
  let disruptors;
  const report = {};

  const entity = (name, annotations) => `---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: ${name}
  annotations:
${Object.entries(annotations)
  .map(([key, value]) => `    ${key}: ${JSON.stringify(value)}`)
  .join('\n')}
spec:
  type: kubernetes-cluster
  owner: group:default/platform-team
`;
  const cluster = (name, api, token = K8S_TOKEN) => ({
    name,
    url: api.baseUrl,
    authProvider: 'serviceAccount',
    serviceAccountToken: token,
    // client-node refuses a plain-HTTP API server otherwise.
    skipTLSVerify: true,
  });
  const get = async path => {
    const res = await fetch(`${backend.baseUrl}${path}`, {
      headers: authHeaders(env.token),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) };
  };
  /** The states and finding ids of every demo entity: what a user of those clusters sees. */
  const demoVerdicts = async () => {
    const verdicts = {};
    for (const name of EXAMPLE_ENTITIES) {
      const { status, body } = await get(statusPath(name));
      assert.equal(status, 200, `${name}: ${status}`);
      verdicts[name] = {
        sidecar: body.sidecar.state,
        compactor: body.compactor.state,
        findings: [...body.sidecar.findings, ...body.compactor.findings]
          .map(f => f.id)
          .sort(),
        errors: body.errors.map(e => `${e.source} ${e.target}`).sort(),
      };
    }
    return verdicts;
  };
  /**
   * Every verdict each demo entity showed over `rounds` reads one refresh apart. The simulator's
   * crash-looping compactor flaps between two verdicts by design, so a set, not one snapshot,
   * is what "a run without them" looks like.
   */
  const verdictsOver = async rounds => {
    const seen = Object.fromEntries(EXAMPLE_ENTITIES.map(n => [n, new Set()]));
    for (let i = 0; i < rounds; i++) {
      if (i > 0) await sleep(REFRESH_SECONDS * 1000 + 200);
      for (const [name, verdict] of Object.entries(await demoVerdicts())) {
        seen[name].add(JSON.stringify(verdict));
      }
    }
    return seen;
  };
  const asLists = seen =>
    Object.fromEntries(
      Object.entries(seen).map(([name, set]) => [name, [...set].sort()]),
    );

  before(async () => {
    sim = await startSimulator({ args: ['--with-prometheus', 'required'] });
    const ready = Date.now() + 120_000;
    while (Date.now() < ready) {
      const res = await fetch(`${sim.baseUrl}/-/ready`).catch(() => undefined);
      if (res?.ok) break;
      await sleep(1000);
    }
    echo = await startEchoingUpstream();
    allowedApi = await startRecordingKubernetesApi();
    forbiddenApi = await startRecordingKubernetesApi();
    proxyApi = await startRecordingKubernetesApi({
      hugeBytes: HUGE_PROXY_BYTES,
    });
    deadPort = await closedPort();
    dir = await mkdtemp(path.join(tmpdir(), 'prod-hostile-prom-'));
    bystanders = [
      entity('hostile-k8s-forbidden', {
        'thanos.io/external-labels': 'cluster=pio-thanos-observee',
        'thanos.io/instance': 'observer',
        'thanos.io/observee-key': 'observee',
        'thanos.io/kubernetes-cluster': 'prod-payments',
      }),
      entity('hostile-k8s-unknown', {
        'thanos.io/external-labels': 'cluster=pio-thanos-observee',
        'thanos.io/instance': 'observer',
        'thanos.io/observee-key': 'observee',
        'thanos.io/kubernetes-cluster': 'no-such-cluster',
      }),
      entity('hostile-echo', {
        'thanos.io/external-labels': 'cluster=pio-thanos-observee',
        'thanos.io/instance': 'echoing',
      }),
      entity('hostile-dead', {
        'thanos.io/external-labels': 'cluster=pio-thanos-observee',
        'thanos.io/instance': 'dead',
      }),
      entity('hostile-proxy', {
        'thanos.io/external-labels': 'cluster=pio-thanos-observee',
        'thanos.io/instance': 'proxied',
        'thanos.io/observee-key': 'observee',
      }),
    ].join('');
    await writeFile(path.join(dir, 'hostile-live.yaml'), bystanders);
    disruptors = [
      entity('hostile-catastrophic-regex', {
        'thanos.io/external-labels': 'cluster=~"(.*){13}X"',
        'thanos.io/instance': 'observer',
      }),
      entity('hostile-inf-label', {
        'thanos.io/external-labels': 'cluster=sec-anything,inf=x',
        'thanos.io/instance': 'observer',
      }),
    ].join('');
    const instance = (name, queryUrl, extra = {}) => ({
      name,
      queryUrl,
      timeoutMs: 5000,
      refreshIntervalSeconds: REFRESH_SECONDS,
      ...extra,
    });
    env = await startReplicas('hostile-prom', {
      replicas: ['a'],
      thanos: {
        instances: [
          instance('observer', sim.baseUrl, {
            tlsQuerierUrlTemplate: `${sim.baseUrl}/tls-querier/{key}`,
            kubernetesClusters: ['observee-eks'],
          }),
          instance('proxied', sim.baseUrl, {
            tlsQuerierKubernetes: { cluster: 'observer-proxy' },
          }),
          instance('dead', `http://127.0.0.1:${deadPort}`, { timeoutMs: 2000 }),
          instance('echoing', echo.baseUrl, { auth: { bearerToken: TOKEN } }),
        ],
      },
      catalogLocations: [
        ...DEMO_LOCATIONS,
        { type: 'file', target: path.join(dir, 'hostile-live.yaml') },
      ],
      extra: {
        // The test adds entities to a catalog file while the backend runs.
        catalog: { processingInterval: { seconds: 3 } },
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                cluster('observee-eks', allowedApi),
                cluster('prod-payments', forbiddenApi, 'prod-payments-token'),
                cluster('observer-proxy', proxyApi),
              ],
            },
          ],
        },
      },
    });
    backend = env.backends.a;
    await waitForStatusRoute(backend.baseUrl, env.token);
    for (const name of ['hostile-k8s-forbidden', 'hostile-proxy']) {
      await waitForStatusRoute(backend.baseUrl, env.token, name);
    }
  });

  after(async () => {
    console.log(`# hostile annotation answers: ${JSON.stringify(report)}`);
    await env?.run.cleanup();
    for (const server of [echo, allowedApi, forbiddenApi, proxyApi]) {
      await server?.close();
    }
    await sim?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a catastrophic regex and an `inf` label change no other entity, and the event loop never stalls', async () => {
    // Wait for the metrics: a fleet judged without them would look unchanged for the wrong reason.
    const warm = Date.now() + 120_000;
    while (
      !Object.values(await demoVerdicts()).some(v => v.compactor === 'error')
    ) {
      assert.ok(Date.now() < warm, 'no compactor ever in error: no metrics');
      await sleep(2000);
    }
    let before;
    const baseline = await maxLivenessDelay(backend.baseUrl, async () => {
      before = await verdictsOver(5);
    });
    report.demoBefore = asLists(before);
    report.livenessWorstMsWithout = baseline.worstMs;

    // The catalog reads the file again on its next processing round.
    await writeFile(
      path.join(dir, 'hostile-live.yaml'),
      bystanders + disruptors,
    );
    for (const name of ['hostile-catastrophic-regex', 'hostile-inf-label']) {
      const deadline = Date.now() + 120_000;
      for (;;) {
        const res = await get(statusPath(name));
        report[name] = `${res.status} ${res.text.slice(0, 300)}`;
        if (res.status !== 404) break;
        assert.ok(Date.now() < deadline, `${name} never reached the catalog`);
        await sleep(1000);
      }
    }
    // From here on both entities are in the catalog: every refresh sees them. The catalog's own
    // work on the changed file (processing, stitching, search indexing) settles first, so the
    // window measures the refreshes, not the catalog.
    await sleep(15_000);
    let after;
    const { worstMs, probes, samples } = await maxLivenessDelay(
      backend.baseUrl,
      async () => {
        after = await verdictsOver(5);
      },
    );
    const perRefresh = worstPerInterval(samples, REFRESH_SECONDS * 1000);
    report.livenessWorstMsPerRefresh = perRefresh;
    report.demoAfter = asLists(after);
    report.livenessWorstMsWith = worstMs;
    report.livenessProbes = probes;

    const inf = await get(statusPath('hostile-inf-label'));
    assert.equal(inf.status, 400, inf.text.slice(0, 300));
    assert.match(inf.body.error.message, /thanos\.io\/external-labels/);
    assert.match(inf.body.error.message, /"inf" is a PromQL keyword/);
    const regex = await get(statusPath('hostile-catastrophic-regex'));
    assert.equal(regex.status, 200, regex.text.slice(0, 300));

    for (const name of EXAMPLE_ENTITIES) {
      const seen = [...before[name]].map(v => JSON.parse(v));
      for (const verdict of [...after[name]].map(v => JSON.parse(v))) {
        const message = `${name} shows ${JSON.stringify(
          verdict,
        )} with the hostile entities; without them: ${[...before[name]].join(
          ' | ',
        )}`;
        const flap = FLAPPING_COMPACTOR[name];
        if (!flap) {
          assert.ok(before[name].has(JSON.stringify(verdict)), message);
          continue;
        }
        // Everything but the compactor must be as without them; the compactor may show either
        // side of its flap, but judged from metrics (a lost query would make it unknown).
        for (const key of ['sidecar', 'errors']) {
          assert.ok(
            seen.every(
              v => JSON.stringify(v[key]) === JSON.stringify(verdict[key]),
            ),
            message,
          );
        }
        assert.ok(flap.states.includes(verdict.compactor), message);
        assert.ok(
          verdict.findings.length > 0 &&
            verdict.findings.every(id => flap.findings.includes(id)),
          message,
        );
      }
    }
    // The route does no work: a late answer is a blocked event loop. A hostile entity would
    // block every refresh (the catastrophic regex once froze the backend for good); a busy
    // machine delays one probe now and then. So: at most one refresh interval may show a probe
    // over the bound, which allows for what the backend showed without the entities.
    const bound = Math.max(100, baseline.worstMs + 50);
    const slow = perRefresh.filter(ms => ms >= bound);
    assert.ok(
      slow.length <= 1,
      `the liveness route waited over ${bound} ms in ${slow.length} of ${
        perRefresh.length
      } refresh intervals with the hostile entities (worst per interval: ${perRefresh.join(
        ', ',
      )} ms; ${baseline.worstMs} ms at worst without them)`,
    );
  });

  it('an entity naming a Kubernetes cluster its instance may not use reads nothing and learns no names', async () => {
    for (const name of ['hostile-k8s-forbidden', 'hostile-k8s-unknown']) {
      const { status, body, text } = await get(statusPath(name));
      assert.equal(status, 200, text.slice(0, 300));
      const refusal = body.errors.find(e =>
        /thanos\.io\/kubernetes-cluster/.test(e.message),
      );
      report[name] = refusal;
      assert.ok(refusal, `no refusal in ${text.slice(0, 500)}`);
      assert.equal(body.kubernetes, undefined);
      for (const secret of [
        'observee-eks',
        'observer-proxy',
        '127.0.0.1',
        String(allowedApi.port),
        String(forbiddenApi.port),
      ]) {
        assert.ok(!text.includes(secret), `the answer names ${secret}`);
      }
    }
    assert.deepEqual(forbiddenApi.seen(), [], 'prod-payments was read');
  });

  it('no host, port or credential in /v1/instances and errors[]; the token echoed upstream is scrubbed', async () => {
    const instances = await get('/api/thanos/v1/instances');
    report.instances = instances.body;
    for (const name of ['hostile-echo', 'hostile-dead']) {
      const { status, text, body } = await get(statusPath(name));
      assert.equal(status, 200, text.slice(0, 300));
      report[name] = body.errors;
      assert.ok(body.errors.length > 0);
    }
    const shown = JSON.stringify([
      instances.body,
      (await get(statusPath('hostile-echo'))).body,
      (await get(statusPath('hostile-dead'))).body,
    ]);
    assert.ok(echo.seen().length > 0, 'the echoing upstream was never asked');
    const leaks = [
      TOKEN,
      TOKEN.toLowerCase(),
      encodeURIComponent(`Bearer ${TOKEN}`),
      Buffer.from(TOKEN).toString('base64'),
      `127.0.0.1:${deadPort}`,
      `:${deadPort}`,
      `127.0.0.1:${echo.port}`,
      'ECONNREFUSED 127',
    ].filter(form => shown.toLowerCase().includes(form.toLowerCase()));
    assert.deepEqual(leaks, []);
    const dead = instances.body.find(i => i.name === 'dead');
    assert.equal(dead.reachable, false);
    assert.match(dead.error, /connection refused/);
  });

  it('a 300 MiB TLS querier answer through the service proxy is refused at the byte cap', async () => {
    const rss = sampleRss(backend.pid);
    // The scheduled refresh reads it every interval too: give it two.
    await sleep(2 * REFRESH_SECONDS * 1000);
    const { status, text, body } = await get(statusPath('hostile-proxy'));
    const peak = await rss.stop();
    report.proxy = {
      status,
      bytes: text.length,
      largestStreamMiB: mb(proxyApi.largestStream()),
      peakRssMb: mb(peak),
      error: body.errors?.find(e => e.source === 'tls-querier')?.message,
    };
    assert.equal(status, 200, text.slice(0, 300));
    assert.ok(text.length < 256 * 1024, `a ${text.length}-byte answer`);
    assert.match(report.proxy.error ?? '', /larger than 8388608 bytes/);
    assert.ok(proxyApi.largestStream() > 0, 'the proxy path was never read');
    assert.ok(
      proxyApi.largestStream() < 64 * 1024 * 1024,
      `the backend kept reading: ${mb(proxyApi.largestStream())} MiB sent`,
    );
  });
});
