import type {
  CompactorStatus,
  Finding,
  KubernetesView,
  PodHealth,
  SidecarStatus,
} from '../types';
import {
  expectedSidecarAddress,
  joinInsideView,
  withFindings,
} from './joinInsideView';

/**
 * The join of the Kubernetes inside view with the judged Thanos statuses. Statuses and views are
 * built in the shapes of `thanos-common`'s types (what judgeSidecar/judgeCompactor and the
 * Kubernetes reader return), reduced to the fields the join reads.
 */

const finding = (overrides: Partial<Finding> & { id: string }): Finding => ({
  severity: 'error',
  title: overrides.id,
  detail: 'detail',
  hint: 'hint',
  source: 'thanos-query',
  ...overrides,
});

function sidecarStatus(overrides: Partial<SidecarStatus> = {}): SidecarStatus {
  return {
    state: 'ok',
    summary:
      'Reachable through thanos-tls-querier-observee (10.0.102.1:10901); data live',
    findings: [],
    evidence: {
      hops: [],
      centralEndpoints: [],
      tlsQuerierEndpoints: [
        {
          name: 'thanos-sidecar.observee.eu-west-3.example.com:443',
          type: 'sidecar',
          lastCheck: null,
          lastError: null,
          labelSets: [{ cluster: 'observee' }],
          minTime: null,
          maxTime: null,
        },
      ],
      metrics: {
        prometheusUp: 1,
        shipperUploadFailures: 0,
        lastSuccessfulUploadTime: null,
      },
      dataMaxTime: null,
      dataMinTime: null,
    },
    ...overrides,
  };
}

function compactorStatus(
  overrides: Partial<CompactorStatus> = {},
): CompactorStatus {
  return {
    state: 'ok',
    summary: 'Running; last successful run 1h ago; no backlog',
    findings: [],
    evidence: {
      halted: false,
      instancesUp: 1,
      lastSuccessfulRunTime: null,
      backlog: {
        todoCompactions: 0,
        todoCompactionBlocks: 0,
        todoDownsampleBlocks: 0,
        todoDeletionBlocks: 0,
      },
      compactionFailurePercent: 0,
      bucketOperationFailurePercent: 0,
      downsampleFailures: 0,
      retention: null,
      version: null,
      pods: null,
    },
    ...overrides,
  };
}

const crashLoopingPod: PodHealth = {
  name: 'thanos-compactor-0',
  namespace: 'monitoring',
  ready: false,
  phase: 'Running',
  restarts: 14,
  waitingReason: 'CrashLoopBackOff',
};

const ingress: NonNullable<KubernetesView['ingress']> = {
  name: 'kube-prometheus-stack-thanos-gateway',
  namespace: 'monitoring',
  hosts: ['thanos-sidecar.observee.example.com'],
  tlsHosts: ['thanos-sidecar.observee.example.com'],
  backendProtocol: 'GRPC',
  verifyClient: 'on',
  clientCaSecret: 'monitoring/thanos-ca',
  clientCaSecretExists: true,
  clientCaSecretKeys: ['ca.crt'],
};

function view(overrides: Partial<KubernetesView> = {}): KubernetesView {
  return {
    cluster: 'observee-eks',
    compactor: { workloads: [], pods: [] },
    sidecar: null,
    ingress: {
      ...ingress,
      hosts: ['thanos-sidecar.observee.eu-west-3.example.com'],
      tlsHosts: ['thanos-sidecar.observee.eu-west-3.example.com'],
    },
    ...overrides,
  };
}

describe('joinInsideView', () => {
  it('leaves healthy statuses as they are when the inside view finds nothing', () => {
    const sidecar = sidecarStatus();
    const compactor = compactorStatus();
    const joined = joinInsideView({
      sidecar,
      compactor,
      view: view(),
      errors: [],
    });
    expect(joined.sidecar).toBe(sidecar);
    expect(joined.compactor).toBe(compactor);
  });

  it("compares the ingress host with the TLS querier's stores entry and makes the sidecar an error", () => {
    const joined = joinInsideView({
      sidecar: sidecarStatus(),
      compactor: compactorStatus(),
      view: view({ ingress }),
      errors: [],
    });
    // The ingress has TLS for its own host only, so the dialled host is also without TLS.
    expect(joined.sidecar.findings.map(f => f.id)).toEqual([
      'sidecar.ingress-host-mismatch',
      'sidecar.ingress-tls-missing',
    ]);
    expect(joined.sidecar.state).toBe('error');
    expect(joined.sidecar.summary).toBe(
      "Reachable through thanos-tls-querier-observee (10.0.102.1:10901); data live; sidecar ingress host differs from the observer's stores entry",
    );
    expect(joined.compactor.state).toBe('ok');
  });

  it('counts a sidecar whose Prometheus stopped ingesting as reached: an ingress fault waits for the next reload', () => {
    const stoppedAt = Date.parse('2026-11-24T07:00:00Z');
    const join = (metricsPath: SidecarStatus['evidence']['metricsPath']) =>
      joinInsideView({
        sidecar: sidecarStatus({
          evidence: { ...sidecarStatus().evidence, metricsPath },
        }),
        compactor: compactorStatus(),
        view: view({ ingress }),
        errors: [],
      });
    const stopped = join({
      state: 'cut',
      reason: "the cluster's Prometheus stopped ingesting",
      ingestionStoppedAt: stoppedAt,
    });
    expect(
      stopped.sidecar.findings.find(
        f => f.id === 'sidecar.ingress-host-mismatch',
      )?.severity,
    ).toBe('warning');
    const cut = join({ state: 'cut', reason: 'sidecar hop fails — x509' });
    expect(
      cut.sidecar.findings.find(f => f.id === 'sidecar.ingress-host-mismatch')
        ?.severity,
    ).toBe('error');
  });

  it('puts compactor.* findings on the compactor and replaces the rule finding of the same id', () => {
    const rule = finding({
      id: 'compactor.pod-crashlooping',
      title: 'Compactor pod thanos-compactor-0 is crash-looping',
      source: 'kubernetes',
    });
    const joined = joinInsideView({
      sidecar: sidecarStatus(),
      compactor: compactorStatus({
        state: 'error',
        summary: rule.title,
        findings: [rule],
      }),
      view: view({ compactor: { workloads: [], pods: [crashLoopingPod] } }),
      errors: [],
    });
    const ids = joined.compactor.findings.map(f => f.id);
    expect(ids).toEqual(['compactor.pod-crashlooping']);
    expect(joined.compactor.findings[0].title).toBe(
      'Compactor pod thanos-compactor-0 is crash-looping while thanos_compact_halted reads 0',
    );
    expect(joined.compactor.summary).toBe(joined.compactor.findings[0].title);
    expect(joined.sidecar.findings).toEqual([]);
  });

  it('says the sidecar endpoint is down only when Thanos reports it, and keeps one finding', () => {
    const notReady: PodHealth = {
      name: 'prometheus-kps-prometheus-0',
      namespace: 'monitoring',
      ready: false,
      phase: 'Running',
      restarts: 3,
    };
    const ruleVersion = finding({
      id: 'sidecar.container-not-ready',
      title: 'Sidecar container is not ready',
      source: 'kubernetes',
      hop: 'sidecar',
    });
    const endpointDown = finding({
      id: 'sidecar.endpoint-error',
      source: 'tls-querier',
      hop: 'sidecar',
    });
    const sidecarView = view({
      sidecar: { container: notReady, pods: [notReady] },
    });

    const down = joinInsideView({
      sidecar: sidecarStatus({
        state: 'error',
        summary: 'Unreachable: sidecar hop fails',
        findings: [endpointDown, ruleVersion],
      }),
      compactor: compactorStatus(),
      view: sidecarView,
      errors: [],
    });
    const notReadyFindings = down.sidecar.findings.filter(
      f => f.id === 'sidecar.container-not-ready',
    );
    expect(notReadyFindings).toHaveLength(1);
    expect(notReadyFindings[0].title).toBe(
      'Sidecar is unreachable because its container is not ready',
    );

    // Without Thanos reporting the endpoint down, only the rules' own finding remains.
    const up = joinInsideView({
      sidecar: sidecarStatus({ findings: [ruleVersion], state: 'error' }),
      compactor: compactorStatus(),
      view: sidecarView,
      errors: [],
    });
    expect(up.sidecar.findings).toEqual([ruleVersion]);
  });

  it('sends kubernetes.* findings (reads Backstage may not do) to the sidecar', () => {
    const joined = joinInsideView({
      sidecar: sidecarStatus(),
      compactor: compactorStatus(),
      view: view({
        ingress: {
          ...view().ingress!,
          clientCaSecretExists: null,
          clientCaSecretKeys: null,
        },
      }),
      errors: [
        {
          source: 'kubernetes',
          target: 'observee-eks',
          message: 'secrets "thanos-ca" is forbidden',
          status: 403,
          resource: 'secrets monitoring/thanos-ca',
        },
      ],
    });
    expect(joined.sidecar.findings.map(f => f.id)).toEqual([
      'kubernetes.forbidden',
    ]);
    expect(joined.sidecar.state).toBe('warning');
    expect(joined.compactor.findings).toEqual([]);
  });
});

describe('withFindings', () => {
  const warning = finding({
    id: 'sidecar.ingress-missing',
    severity: 'warning',
    title: 'No sidecar ingress found',
    source: 'kubernetes',
  });

  it('keeps a status the rules could not judge unknown unless the inside view proves a problem', () => {
    const unknown = sidecarStatus({
      state: 'unknown',
      summary: 'Unknown: the central Thanos Query could not be read (timeout)',
      findings: [finding({ id: 'sidecar.central-unreadable' })],
    });
    const info = finding({ id: 'sidecar.note', severity: 'info' });
    expect(withFindings(unknown, [info]).state).toBe('unknown');

    const joined = withFindings(unknown, [warning]);
    expect(joined.state).toBe('warning');
    expect(joined.summary).toBe(
      'No sidecar ingress found; the central Thanos Query could not be read (timeout)',
    );
  });

  it('orders the joined findings errors first', () => {
    const joined = withFindings(
      sidecarStatus({
        state: 'warning',
        findings: [finding({ id: 'a', severity: 'warning' })],
      }),
      [finding({ id: 'b', severity: 'info' }), finding({ id: 'c' })],
    );
    expect(joined.findings.map(f => f.id)).toEqual(['c', 'a', 'b']);
    expect(joined.state).toBe('error');
  });
});

describe('expectedSidecarAddress', () => {
  const entry = (name: string, lastError: string | null = null) => ({
    name,
    type: 'sidecar',
    lastError,
  });

  it("is the TLS querier's sidecar entry, healthy ones first", () => {
    expect(
      expectedSidecarAddress([
        entry('thanos-sidecar.a.example.com:443', 'x509: …'),
        entry('thanos-sidecar.b.example.com:443'),
      ]),
    ).toBe('thanos-sidecar.b.example.com:443');
  });

  it('is unknown without a TLS querier read or for an entry named by IP', () => {
    expect(expectedSidecarAddress(null)).toBeUndefined();
    expect(expectedSidecarAddress([entry('10.0.3.7:10901')])).toBeUndefined();
    expect(
      expectedSidecarAddress([{ ...entry('x:443'), type: 'query' }]),
    ).toBeUndefined();
  });
});
