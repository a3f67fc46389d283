import type { CompactorStatus, SidecarStatus } from '../types';
import { compactorPod, compactorWith } from './__fixtures__/compactor';
import {
  NOW,
  centralEmptyTlsQuerier,
  centralObserveeStoreGateway,
  centralObserverSidecar,
  centralTlsQuerier,
  failing,
  tlsQuerierSidecar,
} from './__fixtures__/storeEndpoints';
import { REAL_STORE_ERRORS } from './__fixtures__/storeErrors';
import { judgeCompactor } from './compactor';
import { parseExternalLabels } from './externalLabels';
import type { SidecarObservation } from './observations';
import { judgeSidecar } from './sidecar';

/**
 * An observee's compactor and sidecar metrics reach the observer only through its sidecar: where
 * that path is cut, their absence is no verdict (docs/thanos.md, "Where metrics cannot arrive").
 * The sidecar's judgement decides the metrics path, which the compactor is judged with, as the
 * backend does.
 */

const realError = (id: string) => REAL_STORE_ERRORS.find(e => e.id === id)!.raw;

/** What PromQL answers for a cluster whose metrics do not arrive: nothing up, no series. */
const nothingArrives = {
  halted: null,
  instancesUp: 0,
  lastSuccessfulRunTime: null,
  compactionFailurePercent: null,
  bucketOperationFailurePercent: null,
  downsampleFailures: null,
  alertSteps: {},
};

function sidecarOf(overrides: Partial<SidecarObservation>): SidecarStatus {
  return judgeSidecar({
    now: NOW,
    externalLabels: parseExternalLabels('cluster=observee'),
    observeeKey: 'observee',
    central: {
      ok: true,
      endpoints: [
        centralTlsQuerier,
        centralObserverSidecar,
        centralObserveeStoreGateway,
      ],
    },
    tlsQuerier: { ok: true, endpoints: [tlsQuerierSidecar] },
    metrics: {
      prometheusUp: null,
      shipperUploadFailures: null,
      lastSuccessfulUploadTime: null,
      alertSteps: {},
    },
    ...overrides,
  });
}

const withoutObservee: SidecarObservation['central'] = {
  ok: true,
  endpoints: [
    centralEmptyTlsQuerier,
    centralObserverSidecar,
    centralObserveeStoreGateway,
  ],
};

const CUT_PATHS: Array<[string, Partial<SidecarObservation>, RegExp]> = [
  [
    'the TLS querier cannot reach the sidecar (x509)',
    {
      central: withoutObservee,
      tlsQuerier: {
        ok: true,
        endpoints: [
          failing(tlsQuerierSidecar, realError('tls-unknown-authority')),
        ],
      },
    },
    /sidecar hop fails/,
  ],
  [
    'the sidecar answers 503',
    {
      central: withoutObservee,
      tlsQuerier: {
        ok: true,
        endpoints: [
          failing(tlsQuerierSidecar, realError('ingress-no-backend')),
        ],
      },
    },
    /sidecar hop fails — .*503/,
  ],
  [
    'the sidecar is absent from the TLS querier',
    { central: withoutObservee, tlsQuerier: { ok: true, endpoints: [] } },
    /never answered/,
  ],
  [
    'the cluster is absent from the central /api/v1/stores (no TLS querier URL)',
    {
      central: { ok: true, endpoints: [centralObserverSidecar] },
      tlsQuerier: null,
    },
    /labels are not visible at the central query/,
  ],
  [
    'the central query lists the TLS querier failing',
    {
      central: {
        ok: true,
        endpoints: [failing(centralTlsQuerier, 'connection refused')],
      },
    },
    /TLS querier hop fails/,
  ],
];

describe('verdicts where metrics cannot arrive', () => {
  it.each(CUT_PATHS)(
    'when %s, the compactor is unknown with the reason, never down',
    (_, overrides, reason) => {
      const sidecar = sidecarOf(overrides);
      expect(sidecar.evidence.metricsPath).toMatchObject({ state: 'cut' });
      expect(sidecar.evidence.metricsPath!.reason).toMatch(reason);

      const compactor = judgeCompactor(
        compactorWith(nothingArrives, {
          pods: undefined,
          metricsPath: sidecar.evidence.metricsPath,
        }),
      );
      expect(compactor.state).toBe('unknown');
      expect(ids(compactor)).not.toContain('compactor.down');
      expect(compactor.summary).not.toMatch(/down|ThanosCompactIsDown/);
      expect(compactor.summary).toBe(
        'Unknown: its metrics cannot reach the observer',
      );
      const finding = compactor.findings.find(
        f => f.id === 'compactor.metrics-not-arriving',
      )!;
      expect(finding.detail).toMatch(reason);
      expect(finding.hint).toContain('Kubernetes inside view');
      expect(finding.hint).toContain("cluster's own Prometheus");
    },
  );

  it("does not judge the sidecar's own metrics through a cut path", () => {
    const sidecar = sidecarOf({
      central: withoutObservee,
      tlsQuerier: { ok: true, endpoints: [] },
      metrics: {
        prometheusUp: 0,
        shipperUploadFailures: null,
        lastSuccessfulUploadTime: NOW / 1000 - 6 * 3600,
        alertSteps: {},
      },
    });
    expect(ids(sidecar)).toEqual([
      'sidecar.absent',
      'sidecar.metrics-not-arriving',
    ]);
    expect(ids(sidecar)).not.toContain('sidecar.upload-overdue');
    expect(ids(sidecar)).not.toContain('sidecar.down');
  });

  it('still says "down" when the metrics arrive and no compactor is up for 5 minutes', () => {
    const sidecar = sidecarOf({});
    expect(sidecar.evidence.metricsPath).toEqual({ state: 'arriving' });
    const compactor = judgeCompactor(
      compactorWith(nothingArrives, {
        metricsPath: sidecar.evidence.metricsPath,
      }),
    );
    expect(compactor.state).toBe('error');
    expect(compactor.summary).toBe('Compactor is down (ThanosCompactIsDown)');
  });

  describe('with the Kubernetes inside view', () => {
    const cut = { state: 'cut' as const, reason: 'sidecar hop fails — x509' };
    const judge = (pods: CompactorStatus['evidence']['pods']) =>
      judgeCompactor(compactorWith(nothingArrives, { pods, metricsPath: cut }));

    it('says a ready compactor runs but cannot be judged for halting', () => {
      const status = judge([compactorPod]);
      expect(status.state).toBe('unknown');
      expect(status.summary).toBe(
        'Running (Kubernetes: 1/1 pod ready); its metrics cannot reach the observer, so a halt would not show',
      );
    });

    it('errors on a crash-looping compactor', () => {
      const status = judge([
        {
          ...compactorPod,
          ready: false,
          restarts: 12,
          waitingReason: 'CrashLoopBackOff',
        },
      ]);
      expect(status.state).toBe('error');
      expect(status.summary).toMatch(
        /^Crash-looping \(Kubernetes: 0\/1 pod ready\)/,
      );
      expect(ids(status)).toContain('compactor.pod-crashlooping');
    });

    it('errors when no compactor pod exists', () => {
      const status = judge([]);
      expect(status.state).toBe('error');
      expect(ids(status)).toContain('compactor.no-pods');
    });

    it('keeps pods that could not be read apart from no pods', () => {
      const status = judge(null);
      expect(status.state).toBe('unknown');
      expect(status.summary).toBe(
        'Unknown: its metrics cannot reach the observer, and its pods could not be read',
      );
      expect(status.evidence.pods).toBeNull();
    });
  });
});

describe('mirrored alerts over their for: window', () => {
  it('reports every compaction failing from a +Inf ratio', () => {
    const status = judgeCompactor(
      compactorWith({
        compactionFailurePercent: Infinity,
        alertSteps: {
          ThanosCompactIsDown: 5,
          ThanosCompactHighCompactionFailures: 15,
        },
      }),
    );
    const finding = status.findings.find(
      f => f.id === 'compactor.compaction-failures',
    )!;
    expect(finding.title).toBe('Every compaction fails');
    expect(finding.detail).toContain('+Inf');
    expect(finding.alert).toBe('ThanosCompactHighCompactionFailures');
    expect(status.state).toBe('warning');
    expect(status.evidence.compactionFailurePercent).toBeNull();
    expect(status.evidence.specialValues).toEqual({
      compactionFailurePercent: '+Inf',
    });
    // JSON has no Infinity: the evidence travels as '+Inf'.
    expect(JSON.parse(JSON.stringify(status.evidence)).specialValues).toEqual({
      compactionFailurePercent: '+Inf',
    });
  });

  it('reads a NaN ratio (nothing compacted in the window) as no failure', () => {
    const status = judgeCompactor(
      compactorWith({
        compactionFailurePercent: NaN,
        alertSteps: { ThanosCompactIsDown: 5 },
      }),
    );
    expect(ids(status)).not.toContain('compactor.compaction-failures');
    expect(status.evidence.specialValues).toEqual({
      compactionFailurePercent: 'NaN',
    });
  });

  it('does not raise ThanosCompactHalted before it held for 5 minutes', () => {
    const pending = judgeCompactor(
      compactorWith({
        halted: true,
        alertSteps: { ThanosCompactIsDown: 5, ThanosCompactHalted: 2 },
      }),
    );
    expect(ids(pending)).toContain('compactor.halted-pending');
    expect(ids(pending)).not.toContain('compactor.halted');
    expect(pending.state).not.toBe('error');

    const firing = judgeCompactor(
      compactorWith({
        halted: true,
        alertSteps: { ThanosCompactIsDown: 5, ThanosCompactHalted: 5 },
      }),
    );
    expect(firing.state).toBe('error');
    expect(firing.findings[0].detail).toContain('rather than a warning');
  });

  it('does not call a compactor down for one failed scrape', () => {
    const status = judgeCompactor(
      compactorWith({
        instancesUp: 0,
        alertSteps: { ThanosCompactIsDown: 4 },
      }),
    );
    expect(ids(status)).not.toContain('compactor.down');
  });
});

function ids(status: { findings: Array<{ id: string }> }): string[] {
  return status.findings.map(f => f.id);
}

describe('a store gateway that cannot read its bucket', () => {
  it('is a warning about older data, next to a live sidecar path', () => {
    const status = sidecarOf({
      central: {
        ok: true,
        endpoints: [
          centralTlsQuerier,
          centralObserverSidecar,
          failing(
            centralObserveeStoreGateway,
            'rpc error: code = Unknown desc = Not ready',
          ),
        ],
      },
    });
    expect(status.state).toBe('warning');
    const finding = status.findings.find(
      f => f.id === 'sidecar.store-gateway-error',
    );
    expect(finding).toMatchObject({ severity: 'warning' });
    expect(finding?.title).toMatch(/store gateway/i);
    expect(finding?.detail).toContain('Not ready');
  });

  it('says nothing while the store gateway is healthy', () => {
    expect(ids(sidecarOf({}))).not.toContain('sidecar.store-gateway-error');
  });
});
