import { existsSync } from 'node:fs';
import { ConfigReader } from '@backstage/config';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import {
  judgeInsideView,
  workloadsForBucket,
} from '@thanos-backstage/plugin-thanos-common';
import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import {
  SECRET_DATA_MARKER,
  secretNotFoundStatus,
  secretsForbiddenStatus,
  thanosCaFullSecret,
  thanosCaPartialMetadata,
  unauthorizedStatus,
} from './__fixtures__/apiServer';
import {
  COMPACTOR_IMAGE,
  compactorDeployment,
  compactorPod,
  compactorStatefulSet,
  crashLoopingCompactorPod,
  list,
} from './__fixtures__/compactor';
import {
  grafanaIngress,
  prometheusPod,
  SIDECAR_HOST,
  thanosGatewayIngress,
} from './__fixtures__/sidecar';
import { KubernetesInsideViewReader } from './KubernetesInsideViewReader';

/**
 * The reader against a fake API server (msw intercepts client-node 1.4.0's requests: it sends them
 * with node-fetch 2 over Node's https module). Each test serves one cluster state in the object
 * shapes the API server returns and checks what the Thanos tab would show.
 */

const server = setupServer();
registerMswTestHooks(server);

const API = 'https://observee.k8s.example.com';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.backstage-reader';

function readerFor(options: { timeoutMs?: number } = {}) {
  const logger = mockServices.logger.mock();
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'observee',
              url: API,
              authProvider: 'serviceAccount',
              serviceAccountToken: TOKEN,
              skipTLSVerify: true,
            },
            {
              name: 'in-cluster',
              url: 'https://kubernetes.default.svc',
              authProvider: 'serviceAccount',
            },
            {
              name: 'aks-observee',
              url: 'https://aks.example.com',
              authProvider: 'aks',
            },
          ],
        },
      ],
    },
    thanos: { kubernetes: { timeoutMs: options.timeoutMs ?? 2000 } },
  });
  return {
    reader: KubernetesInsideViewReader.fromConfig(config, { logger }),
    logger,
  };
}

const request = {
  cluster: 'observee',
  observeeKey: 'observee',
  externalLabels: [{ name: 'cluster', op: '=' as const, value: 'observee' }],
};

interface ClusterState {
  deployments?: unknown[];
  statefulSets?: unknown[];
  compactorPods?: unknown[];
  prometheusPods?: unknown[];
  ingresses?: unknown[];
  /** The body and status of GET secrets/thanos-ca. */
  secret?: { status: number; body: JsonBodyType };
}

const healthy: Required<ClusterState> = {
  deployments: [compactorDeployment()],
  statefulSets: [],
  compactorPods: [compactorPod()],
  prometheusPods: [prometheusPod()],
  ingresses: [grafanaIngress, thanosGatewayIngress()],
  secret: { status: 200, body: thanosCaPartialMetadata },
};

/** Serves `state` and records what each request carried. */
function serve(state: ClusterState = {}) {
  const s = { ...healthy, ...state };
  const seen: { authorization: string[]; secretAccept: string[] } = {
    authorization: [],
    secretAccept: [],
  };
  const record = (req: Request) =>
    seen.authorization.push(req.headers.get('authorization') ?? '');
  server.use(
    http.get(
      `${API}/apis/apps/v1/namespaces/monitoring/deployments`,
      ({ request: req }) => {
        record(req);
        return HttpResponse.json(
          list('DeploymentList', 'apps/v1', s.deployments),
        );
      },
    ),
    http.get(
      `${API}/apis/apps/v1/namespaces/monitoring/statefulsets`,
      ({ request: req }) => {
        record(req);
        return HttpResponse.json(
          list('StatefulSetList', 'apps/v1', s.statefulSets),
        );
      },
    ),
    http.get(`${API}/api/v1/namespaces/monitoring/pods`, ({ request: req }) => {
      record(req);
      const bySelector: Record<string, unknown[]> = {
        'app.kubernetes.io/component=compactor': s.compactorPods,
        'app.kubernetes.io/name=prometheus': s.prometheusPods,
      };
      const items =
        bySelector[new URL(req.url).searchParams.get('labelSelector') ?? ''] ??
        [];
      return HttpResponse.json(list('PodList', 'v1', items));
    }),
    http.get(
      `${API}/apis/networking.k8s.io/v1/namespaces/monitoring/ingresses`,
      ({ request: req }) => {
        record(req);
        return HttpResponse.json(
          list('IngressList', 'networking.k8s.io/v1', s.ingresses),
        );
      },
    ),
    http.get(
      `${API}/api/v1/namespaces/monitoring/secrets/thanos-ca`,
      ({ request: req }) => {
        record(req);
        seen.secretAccept.push(req.headers.get('accept') ?? '');
        return HttpResponse.json(s.secret.body, { status: s.secret.status });
      },
    ),
  );
  return seen;
}

describe('KubernetesInsideViewReader', () => {
  it('reads a healthy observee: compactor, sidecar container and the mTLS ingress', async () => {
    const seen = serve();
    const { reader } = readerFor();

    const { view, errors } = await reader.read(request);

    expect(errors).toEqual([]);
    expect(view?.cluster).toBe('observee');
    expect(view?.compactor?.workloads).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'thanos-compactor',
        namespace: 'monitoring',
        replicas: 1,
        readyReplicas: 1,
        bucket: null,
        image: COMPACTOR_IMAGE,
        version: '0.38.0',
        retention: { raw: '30d', fiveMinutes: '90d', oneHour: '1y' },
        downsamplingDisabled: false,
        objstoreSecret: 'monitoring/thanos-objstore-secret',
      }),
    ]);
    expect(view?.compactor?.pods).toEqual([
      expect.objectContaining({
        name: 'thanos-compactor-6d5c7b9f8-x2k4q',
        ready: true,
        restarts: 0,
        phase: 'Running',
      }),
    ]);
    expect(view?.sidecar?.container).toEqual(
      expect.objectContaining({
        name: 'prometheus-kube-prometheus-stack-prometheus-0',
        ready: true,
        restarts: 0,
      }),
    );
    expect(view?.ingress).toEqual({
      name: 'kube-prometheus-stack-thanos-gateway',
      namespace: 'monitoring',
      hosts: [SIDECAR_HOST],
      tlsHosts: [SIDECAR_HOST],
      backendProtocol: 'GRPC',
      verifyClient: 'on',
      clientCaSecret: 'monitoring/thanos-ca',
      clientCaSecretExists: true,
      clientCaSecretKeys: ['ca.crt'],
    });
    expect(
      judgeInsideView(view!, {
        expectedSidecarHost: `${SIDECAR_HOST}:443`,
        errors,
      }),
    ).toEqual([]);
    expect(new Set(seen.authorization)).toEqual(new Set([`Bearer ${TOKEN}`]));
    expect(seen.secretAccept).toEqual([
      'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
    ]);
  });

  it('shows a crash-looping compactor killed for memory', async () => {
    serve({
      compactorPods: [crashLoopingCompactorPod],
      deployments: [compactorDeployment({ readyReplicas: 0 })],
    });
    const { reader } = readerFor();

    const { view } = await reader.read(request);

    expect(view?.compactor?.workloads[0].readyReplicas).toBe(0);
    expect(view?.compactor?.pods).toEqual([
      expect.objectContaining({
        ready: false,
        restarts: 14,
        waitingReason: 'CrashLoopBackOff',
        lastTerminationReason: 'OOMKilled',
        lastTerminationExitCode: 137,
      }),
    ]);
    const [finding] = judgeInsideView(view!, { compactorHalted: false });
    expect(finding.id).toBe('compactor.pod-crashlooping');
    expect(finding.hint).toContain('memory limit');
  });

  it('finds two compactors writing to one bucket', async () => {
    serve({ statefulSets: [compactorStatefulSet()] });
    const { reader } = readerFor();

    const { view } = await reader.read(request);

    expect(view?.compactor?.workloads.map(w => `${w.kind}/${w.name}`)).toEqual([
      'Deployment/thanos-compactor',
      'StatefulSet/thanos-compactor-legacy',
    ]);
    expect(workloadsForBucket(view!)).toBe(2);
    expect(judgeInsideView(view!).map(f => f.id)).toEqual([
      'compactor.multiple-running',
    ]);
  });

  it("ignores other charts' compactors that share the component label", async () => {
    const lokiCompactor = compactorDeployment({
      name: 'loki-compactor',
      args: ['-target=compactor', '-config.file=/etc/loki/config.yaml'],
    });
    serve({ deployments: [compactorDeployment(), lokiCompactor] });
    const { reader } = readerFor();

    const { view } = await reader.read(request);

    expect(view?.compactor?.workloads.map(w => w.name)).toEqual([
      'thanos-compactor',
    ]);
  });

  it('reports an ingress whose client-CA Secret does not exist', async () => {
    serve({ secret: { status: 404, body: secretNotFoundStatus } });
    const { reader } = readerFor();

    const { view, errors } = await reader.read(request);

    expect(errors).toEqual([]);
    expect(view?.ingress?.clientCaSecretExists).toBe(false);
    const [finding] = judgeInsideView(view!, { errors });
    expect(finding.id).toBe('sidecar.ingress-client-ca-missing');
    expect(finding.detail).toContain('nginx rejects every client');
  });

  it('still shows everything else when secrets are forbidden, and names the RBAC rule', async () => {
    serve({ secret: { status: 403, body: secretsForbiddenStatus } });
    const { reader } = readerFor();

    const { view, errors } = await reader.read(request);

    expect(view?.compactor?.workloads).toHaveLength(1);
    expect(view?.sidecar?.container?.ready).toBe(true);
    expect(view?.ingress?.hosts).toEqual([SIDECAR_HOST]);
    expect(view?.ingress?.clientCaSecretExists).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({
        source: 'kubernetes',
        target: 'observee',
        status: 403,
        resource: 'secrets monitoring/thanos-ca',
      }),
    ]);
    expect(errors[0].message).toContain(
      'RBAC: the service account cannot `get` `secrets` in namespace `monitoring`',
    );
    expect(errors[0].message).toContain('resourceNames: [thanos-ca]');
    const findings = judgeInsideView(view!, { errors });
    expect(findings.map(f => f.id)).toEqual(['kubernetes.forbidden']);
    expect(findings[0].detail).toContain('cannot `get` `secrets`');
  });

  it('keeps pods it may not list unknown, not "no pods"', async () => {
    serve();
    // Shape of the API server's Forbidden Status, as for the Secret above.
    server.use(
      http.get(`${API}/api/v1/namespaces/monitoring/pods`, () =>
        HttpResponse.json(
          {
            ...secretsForbiddenStatus,
            message:
              'pods is forbidden: User "system:serviceaccount:backstage:backstage" cannot list resource "pods" in API group "" in the namespace "monitoring"',
            details: { kind: 'pods' },
          },
          { status: 403 },
        ),
      ),
    );
    const { reader } = readerFor();

    const { view, errors } = await reader.read(request);

    expect(view?.compactor?.workloads).toHaveLength(1);
    expect(view?.compactor?.podsRead).toBe(false);
    expect(view?.sidecar).toBeNull();
    // Both pod reads fail for the same rule: said once.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      status: 403,
      resource: 'pods monitoring',
    });
  });

  it('reports a rejected token once, with what to do, and no view', async () => {
    server.use(
      http.get(`${API}/*`, () =>
        HttpResponse.json(unauthorizedStatus, { status: 401 }),
      ),
    );
    const { reader } = readerFor();

    const { view, errors } = await reader.read(request);

    expect(view).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual(
      expect.objectContaining({
        source: 'kubernetes',
        target: 'observee',
        status: 401,
      }),
    );
    expect(errors[0].message).toContain('rejected the service account token');
    expect(errors[0].message).toContain('renew serviceAccountToken');
  });

  it('gives up on a cluster that does not answer within the timeout', async () => {
    const pending: AbortSignal[] = [];
    server.use(
      http.get(`${API}/*`, async ({ request: req }) => {
        pending.push(req.signal);
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const { reader } = readerFor({ timeoutMs: 150 });

    const started = Date.now();
    const { view, errors } = await reader.read(request);

    expect(Date.now() - started).toBeLessThan(2000);
    expect(view).toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.every(e => e.message.includes('did not answer within 150 ms')),
    ).toBe(true);
    // The requests are cancelled, not left hanging on the socket.
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every(signal => signal.aborted)).toBe(true);
    // One cause, reported once, with every read it affected.
    expect(errors).toHaveLength(1);
    expect(errors[0].resources).toEqual(
      expect.arrayContaining([
        'deployments monitoring',
        'statefulsets monitoring',
        'pods monitoring',
        'ingresses monitoring',
      ]),
    );
    expect(errors[0].message).toMatch(
      /^Could not read deployments monitoring, .*ingresses monitoring.* on cluster /,
    );
  });

  it('never lets Secret data out, even from a server that ignores the metadata-only request', async () => {
    serve({ secret: { status: 200, body: thanosCaFullSecret } });
    const { reader, logger } = readerFor();

    const result = await reader.read(request);

    expect(result.view?.ingress?.clientCaSecretExists).toBe(true);
    expect(result.view?.ingress?.clientCaSecretKeys).toEqual(['ca.crt']);
    expect(JSON.stringify(result)).not.toContain(SECRET_DATA_MARKER);
    expect(JSON.stringify(result)).not.toContain('last-applied-configuration');
    const logged = JSON.stringify(
      [logger.debug, logger.info, logger.warn, logger.error].map(
        fn => fn.mock.calls,
      ),
    );
    expect(logged).not.toContain(SECRET_DATA_MARKER);
  });

  it('never lets Secret data out of an error either', async () => {
    serve({ secret: { status: 500, body: thanosCaFullSecret } });
    const { reader, logger } = readerFor();

    const result = await reader.read(request);

    expect(result.errors).toEqual([expect.objectContaining({ status: 500 })]);
    expect(JSON.stringify(result)).not.toContain(SECRET_DATA_MARKER);
    const logged = JSON.stringify(
      [logger.debug, logger.warn, logger.error].map(fn => fn.mock.calls),
    );
    expect(logged).toContain('secrets monitoring/thanos-ca');
    expect(logged).not.toContain(SECRET_DATA_MARKER);
  });

  it('names no configured cluster when the entity points at an unknown one', async () => {
    const { reader } = readerFor();

    const { view, errors } = await reader.read({
      ...request,
      cluster: 'staging',
    });

    expect(view).toBeUndefined();
    expect(errors[0].message).toContain(
      'Kubernetes cluster "staging" is not configured (kubernetes.clusterLocatorMethods, type config)',
    );
    for (const configured of ['observee', 'in-cluster', 'aks-observee']) {
      expect(errors[0].message).not.toContain(`${configured},`);
    }
    expect(errors[0].message).not.toMatch(/https?:\/\//);
  });

  it('fails only the cluster whose auth provider is unsupported', async () => {
    serve();
    const { reader } = readerFor();

    const aks = await reader.read({ ...request, cluster: 'aks-observee' });
    const observee = await reader.read(request);

    expect(aks.view).toBeUndefined();
    expect(aks.errors[0].message).toContain(
      'uses authProvider "aks", which the Thanos plugin cannot use',
    );
    expect(observee.errors).toEqual([]);
  });

  // Inside a pod the token exists and the read would go to the real API server.
  const outsideAPod = !existsSync(
    '/var/run/secrets/kubernetes.io/serviceaccount/token',
  );
  (outsideAPod ? describe : describe.skip)('outside a pod', () => {
    it('explains a missing in-cluster token', async () => {
      const { reader } = readerFor();

      const { view, errors } = await reader.read({
        ...request,
        cluster: 'in-cluster',
      });

      expect(view).toBeUndefined();
      expect(errors[0].message).toContain(
        'a file it needs is missing (ENOENT)',
      );
    });
  });
});
