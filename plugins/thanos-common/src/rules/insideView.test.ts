import type { KubernetesView, PodHealth, SourceError } from '../types';
import { judgeInsideView, workloadsForBucket } from './insideView';

/**
 * Views as the backend's Kubernetes reader builds them for an observee deployed by
 * terraform-kubernetes-addons (docs/infra-repo.md, "How the Thanos components are named in the
 * clusters"): kube-prometheus-stack's
 * thanosIngress `kube-prometheus-stack-thanos-gateway` and the bitnami thanos chart's compactor
 * Deployment `thanos-compactor` in `monitoring`. Names and hosts are illustrative.
 */

const SIDECAR_HOST = 'thanos-sidecar.observee.example.com';

const readySidecar: PodHealth = {
  name: 'prometheus-kube-prometheus-stack-prometheus-0',
  namespace: 'monitoring',
  ready: true,
  phase: 'Running',
  restarts: 0,
  image: 'quay.io/thanos/thanos:v0.38.0',
};

const runningCompactor: PodHealth = {
  name: 'thanos-compactor-6d5c7b9f8-x2k4q',
  namespace: 'monitoring',
  ready: true,
  phase: 'Running',
  restarts: 0,
  image: 'docker.io/bitnami/thanos:0.38.0-debian-12-r3',
};

const compactorDeployment = {
  kind: 'Deployment' as const,
  name: 'thanos-compactor',
  namespace: 'monitoring',
  replicas: 1,
  readyReplicas: 1,
  bucket: null,
  args: ['compact', '--objstore.config-file=/conf/objstore.yml', '--wait'],
  objstoreSecret: 'monitoring/thanos-objstore-secret',
};

function healthyView(overrides: Partial<KubernetesView> = {}): KubernetesView {
  return {
    cluster: 'observee',
    compactor: { workloads: [compactorDeployment], pods: [runningCompactor] },
    sidecar: { container: readySidecar, pods: [readySidecar] },
    ingress: {
      name: 'kube-prometheus-stack-thanos-gateway',
      namespace: 'monitoring',
      hosts: [SIDECAR_HOST],
      tlsHosts: [SIDECAR_HOST],
      backendProtocol: 'GRPC',
      verifyClient: 'on',
      clientCaSecret: 'monitoring/thanos-ca',
      clientCaSecretExists: true,
      clientCaSecretKeys: ['ca.crt'],
    },
    ...overrides,
  };
}

function withIngress(
  changes: Partial<NonNullable<KubernetesView['ingress']>>,
): KubernetesView {
  const view = healthyView();
  return { ...view, ingress: { ...view.ingress!, ...changes } };
}

const ids = (findings: { id: string }[]) => findings.map(f => f.id);

describe('judgeInsideView', () => {
  it('finds nothing in a healthy observee whose ingress serves the host the observer dials', () => {
    expect(
      judgeInsideView(healthyView(), {
        expectedSidecarHost: `${SIDECAR_HOST}:443`,
        centralEndpointDown: false,
        compactorHalted: false,
      }),
    ).toEqual([]);
  });

  it("flags an ingress host that differs from the observer's stores entry and names both", () => {
    const findings = judgeInsideView(healthyView(), {
      expectedSidecarHost: 'thanos-sidecar.old-name.example.com:443',
    });
    const mismatch = findings.find(
      f => f.id === 'sidecar.ingress-host-mismatch',
    )!;
    expect(mismatch.severity).toBe('error');
    expect(mismatch.detail).toContain(
      'thanos-sidecar.old-name.example.com:443',
    );
    expect(mismatch.detail).toContain(SIDECAR_HOST);
    expect(mismatch.hop).toBe('sidecar');
  });

  it('accepts a wildcard ingress host for the expected sidecar host', () => {
    const view = withIngress({
      hosts: ['*.observee.example.com'],
      tlsHosts: ['*.observee.example.com'],
    });
    expect(
      judgeInsideView(view, { expectedSidecarHost: SIDECAR_HOST }),
    ).toEqual([]);
  });

  it('says nginx rejects every client when the client-CA Secret is missing, and how to create it', () => {
    const [finding] = judgeInsideView(
      withIngress({ clientCaSecretExists: false, clientCaSecretKeys: null }),
    );
    expect(finding.id).toBe('sidecar.ingress-client-ca-missing');
    expect(finding.severity).toBe('error');
    expect(finding.detail).toContain('nginx rejects every client');
    expect(finding.hint).toContain('monitoring/thanos-ca');
    expect(finding.hint).toContain('trusted_ca_content');
  });

  it('flags a client-CA Secret without the ca.crt key ingress-nginx reads', () => {
    const findings = judgeInsideView(
      withIngress({ clientCaSecretKeys: ['tls.crt'] }),
    );
    expect(ids(findings)).toEqual(['sidecar.ingress-client-ca-no-ca-crt']);
  });

  it('does not judge the Secret when its existence could not be read', () => {
    expect(
      judgeInsideView(
        withIngress({ clientCaSecretExists: null, clientCaSecretKeys: null }),
      ),
    ).toEqual([]);
  });

  it('warns when client certificates are optional, but treats an unset verify-client as "on"', () => {
    expect(
      ids(judgeInsideView(withIngress({ verifyClient: 'optional' }))),
    ).toEqual(['sidecar.ingress-client-cert-optional']);
    expect(judgeInsideView(withIngress({ verifyClient: null }))).toEqual([]);
  });

  it('warns when the ingress demands no client certificate at all', () => {
    const findings = judgeInsideView(
      withIngress({
        clientCaSecret: null,
        clientCaSecretExists: null,
        verifyClient: null,
      }),
    );
    expect(ids(findings)).toEqual(['sidecar.ingress-no-client-auth']);
  });

  it('flags an ingress that does not proxy gRPC', () => {
    const [finding] = judgeInsideView(withIngress({ backendProtocol: null }));
    expect(finding.id).toBe('sidecar.ingress-not-grpc');
    expect(finding.detail).toContain('unset (HTTP)');
  });

  it('flags a host without TLS', () => {
    const [finding] = judgeInsideView(withIngress({ tlsHosts: [] }));
    expect(finding.id).toBe('sidecar.ingress-tls-missing');
    expect(finding.detail).toContain(SIDECAR_HOST);
  });

  it('reports a missing sidecar ingress only when the ingresses could be read', () => {
    expect(ids(judgeInsideView(healthyView({ ingress: null })))).toEqual([
      'sidecar.ingress-missing',
    ]);
    const unread: SourceError = {
      source: 'kubernetes',
      target: 'observee',
      resource: 'ingresses monitoring',
      message: 'timed out',
    };
    expect(
      judgeInsideView(healthyView({ ingress: null }), { errors: [unread] }),
    ).toEqual([]);
  });

  it('names the missing RBAC rule when secrets are forbidden, and still judges the rest', () => {
    const forbidden: SourceError = {
      source: 'kubernetes',
      target: 'observee',
      status: 403,
      resource: 'secrets monitoring/thanos-ca',
      message:
        'Could not get secrets monitoring/thanos-ca on cluster observee: RBAC: the service account cannot `get` `secrets` in namespace `monitoring` — add get on secrets to the ClusterRole bound to it.',
    };
    const view = withIngress({
      clientCaSecretExists: null,
      backendProtocol: 'HTTP',
    });
    const findings = judgeInsideView(view, { errors: [forbidden] });
    expect(ids(findings)).toEqual([
      'kubernetes.forbidden',
      'sidecar.ingress-not-grpc',
    ]);
    expect(findings[0].detail).toContain(
      'cannot `get` `secrets` in namespace `monitoring`',
    );
    expect(findings[0].hint).toContain('resourceNames');
  });

  it('explains a not-ready sidecar container as the cause when the endpoint is down', () => {
    const crashing: PodHealth = {
      ...readySidecar,
      ready: false,
      restarts: 7,
      waitingReason: 'CrashLoopBackOff',
      lastTerminationReason: 'Error',
      lastTerminationExitCode: 1,
    };
    const view = healthyView({
      sidecar: { container: crashing, pods: [crashing] },
    });
    expect(judgeInsideView(view, { centralEndpointDown: false })).toEqual([]);
    const [finding] = judgeInsideView(view, { centralEndpointDown: true });
    expect(finding.id).toBe('sidecar.container-not-ready');
    expect(finding.detail).toContain('waiting: CrashLoopBackOff');
    expect(finding.hint).toContain('-c thanos-sidecar --previous');
  });

  it('explains that a crash-looping compactor makes thanos_compact_halted = 0 meaningless', () => {
    const oom: PodHealth = {
      ...runningCompactor,
      ready: false,
      restarts: 12,
      waitingReason: 'CrashLoopBackOff',
      lastTerminationReason: 'OOMKilled',
      lastTerminationExitCode: 137,
    };
    const view = healthyView({
      compactor: { workloads: [compactorDeployment], pods: [oom] },
    });
    const [finding] = judgeInsideView(view, { compactorHalted: false });
    expect(finding.id).toBe('compactor.pod-crashlooping');
    expect(finding.detail).toContain('gauge starts at 0 in every new process');
    expect(finding.detail).toContain('OOMKilled (exit code 137)');
    expect(finding.hint).toContain('memory limit');
    expect(judgeInsideView(view, { compactorHalted: true })).toEqual([]);
  });

  it('flags two compactors mounting the same objstore Secret, naming both workloads', () => {
    const second = {
      ...compactorDeployment,
      kind: 'StatefulSet' as const,
      name: 'thanos-compactor-old',
    };
    const view = healthyView({
      compactor: { workloads: [compactorDeployment, second], pods: [] },
    });
    const [finding] = judgeInsideView(view);
    expect(finding.id).toBe('compactor.multiple-running');
    expect(finding.alert).toBe('ThanosCompactMultipleRunning');
    expect(finding.detail).toContain('Deployment monitoring/thanos-compactor');
    expect(finding.detail).toContain(
      'StatefulSet monitoring/thanos-compactor-old',
    );
    expect(workloadsForBucket(view)).toBe(2);
  });

  it('counts replicas, ignores workloads scaled to zero and keeps separate buckets apart', () => {
    const scaledDown = {
      ...compactorDeployment,
      name: 'thanos-compactor-old',
      replicas: 0,
    };
    const otherBucket = {
      ...compactorDeployment,
      name: 'thanos-compactor-archive',
      objstoreSecret: 'monitoring/archive-objstore',
    };
    expect(
      workloadsForBucket(
        healthyView({
          compactor: {
            workloads: [compactorDeployment, scaledDown, otherBucket],
            pods: [],
          },
        }),
      ),
    ).toBe(1);
    expect(
      workloadsForBucket(
        healthyView({
          compactor: {
            workloads: [{ ...compactorDeployment, replicas: 2 }],
            pods: [],
          },
        }),
      ),
    ).toBe(2);
    expect(workloadsForBucket(healthyView({ compactor: null }))).toBeNull();
  });
});
