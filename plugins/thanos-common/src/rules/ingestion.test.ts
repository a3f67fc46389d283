import type { SidecarEvidence, SidecarStatus } from '../types';
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
 * A cluster whose Prometheus stopped ingesting: every hop answers, the sidecar still advertises an
 * unbounded maxTime, and every series that Prometheus scrapes (its own, the sidecar's, the
 * compactor's) ends at the onset. So the batched query's instant terms return nothing for the
 * cluster, and only the range term, the highest `prometheus_tsdb_head_max_time` of the last
 * 24 hours, tells since when (docs/thanos.md, "When ingestion stops").
 */

const HOUR = 3600_000;
const MINUTE = 60_000;

/** What PromQL answers for the cluster: nothing but the range term's newest head time. */
function stoppedSince(newestSampleTime: number): SidecarEvidence['metrics'] {
  return {
    prometheusUp: null,
    shipperUploadFailures: null,
    lastSuccessfulUploadTime: null,
    newestSampleTime,
    bucketOperationFailureRate: null,
    alertSteps: {},
  };
}

/** The compactor as PromQL shows it when none of its series has a recent sample. */
const nothingRecent = {
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
    metrics: stoppedSince(NOW - 3 * HOUR),
    ...overrides,
  });
}

function ids(status: { findings: Array<{ id: string }> }): string[] {
  return status.findings.map(f => f.id);
}

describe('a cluster whose Prometheus stopped ingesting 3 hours ago', () => {
  const sidecar = sidecarOf({});

  it('warns that its data is stale since the newest sample, every hop answering', () => {
    expect(sidecar.state).toBe('warning');
    const stale = sidecar.findings.find(
      f => f.id === 'sidecar.ingestion-stalled',
    )!;
    expect(stale.severity).toBe('warning');
    expect(stale.title).toBe('Data stopped advancing 3 hours ago');
    expect(stale.detail).toContain('2026-11-24T07:00:00.000Z');
    expect(stale.detail).toContain('maxTime');
    expect(sidecar.evidence.hops.map(h => [h.id, h.state])).toEqual([
      ['central-query', 'ok'],
      ['tls-querier', 'ok'],
      ['sidecar', 'warning'],
    ]);
    expect(sidecar.summary).toBe(
      "Reachable through thanos-tls-querier-observee (10.0.102.57:10901); data 3 hours old; its Prometheus stopped ingesting, so the cluster's own metrics are not judged",
    );
  });

  it('gives the newest sample as the newest data, not "live"', () => {
    expect(sidecar.evidence.dataMaxTime).toBe(NOW - 3 * HOUR);
  });

  it("says the cluster's metrics stopped with the ingestion", () => {
    expect(sidecar.evidence.metricsPath).toEqual({
      state: 'cut',
      reason:
        "the cluster's Prometheus stopped ingesting: its newest sample is from 2026-11-24T07:00:00.000Z, 3 hours ago, and every series it scrapes ends there",
      ingestionStoppedAt: NOW - 3 * HOUR,
    });
  });

  it("does not judge the sidecar's own metrics from their absence", () => {
    const status = sidecarOf({
      metrics: {
        ...stoppedSince(NOW - 3 * HOUR),
        // Values from before the onset, as range terms still read them.
        lastSuccessfulUploadTime: NOW / 1000 - 5 * 3600,
        alertSteps: {},
      },
    });
    expect(ids(status)).toEqual([
      'sidecar.ingestion-stalled',
      'sidecar.metrics-not-arriving',
    ]);
    const note = status.findings[1];
    expect(note.title).toBe(
      "Sidecar's own metrics stopped arriving with the ingestion",
    );
    expect(note.detail).toContain('stopped ingesting');
    expect(note.hint).toContain('Kubernetes inside view');
  });

  it('leaves the compactor unknown, never down, and says what would tell', () => {
    const compactor = judgeCompactor(
      compactorWith(nothingRecent, {
        pods: undefined,
        metricsPath: sidecar.evidence.metricsPath,
      }),
    );
    expect(compactor.state).toBe('unknown');
    expect(compactor.summary).toBe(
      'Unknown: its metrics stopped arriving with the ingestion',
    );
    expect(ids(compactor)).toEqual(['compactor.metrics-not-arriving']);
    const finding = compactor.findings[0];
    expect(finding.title).toBe(
      'Compactor metrics stopped arriving with the ingestion',
    );
    expect(finding.detail).toContain('2026-11-24T07:00:00.000Z');
    expect(finding.detail).toMatch(/neither "down" nor "healthy"/);
    expect(finding.hint).toContain('Kubernetes inside view');
    expect(finding.hint).toContain("compactor's own /metrics");
  });

  it('lets the Kubernetes inside view decide, as for a cut path', () => {
    const judge = (pods: (typeof compactorPod)[]) =>
      judgeCompactor(
        compactorWith(nothingRecent, {
          pods,
          metricsPath: sidecar.evidence.metricsPath,
        }),
      );
    const running = judge([compactorPod]);
    expect(running.state).toBe('unknown');
    expect(running.summary).toBe(
      'Running (Kubernetes: 1/1 pod ready); its metrics stopped arriving with the ingestion, so a halt would not show',
    );
    const crashing = judge([
      {
        ...compactorPod,
        ready: false,
        restarts: 9,
        waitingReason: 'CrashLoopBackOff',
      },
    ]);
    expect(crashing.state).toBe('error');
    expect(crashing.summary).toBe(
      'Crash-looping (Kubernetes: 0/1 pod ready); its metrics stopped arriving with the ingestion',
    );
    expect(judge([]).state).toBe('error');
  });
});

describe('the first minutes after ingestion stops', () => {
  it('stops judging absences once the lookback has passed, before the data warning', () => {
    const sidecar = sidecarOf({ metrics: stoppedSince(NOW - 10 * MINUTE) });
    expect(sidecar.state).toBe('ok');
    expect(sidecar.findings[0]).toMatchObject({
      id: 'sidecar.ingestion-stalled',
      severity: 'info',
      title: 'No new sample for 10 minutes',
    });
    // ThanosCompactIsDown's window holds no up sample here: that is the stopped scrape.
    const compactor = judgeCompactor(
      compactorWith(nothingRecent, {
        pods: undefined,
        metricsPath: sidecar.evidence.metricsPath,
      }),
    );
    expect(compactor.state).toBe('unknown');
    expect(ids(compactor)).not.toContain('compactor.down');
  });

  it('treats a head within the lookback as arriving', () => {
    const sidecar = sidecarOf({
      metrics: {
        ...stoppedSince(NOW - 5 * MINUTE),
        // Within the lookback every step of the window still sees the sidecar's last `up`.
        alertSteps: { ThanosSidecarIsDown: 5 },
      },
    });
    expect(sidecar.evidence.metricsPath).toEqual({ state: 'arriving' });
    expect(ids(sidecar)).toEqual([]);
  });
});

describe('an old head time behind a cut path', () => {
  it('is the cut path, not stopped ingestion', () => {
    const tlsError = REAL_STORE_ERRORS.find(
      e => e.id === 'tls-unknown-authority',
    )!.raw;
    const sidecar = sidecarOf({
      central: {
        ok: true,
        endpoints: [
          centralEmptyTlsQuerier,
          centralObserverSidecar,
          centralObserveeStoreGateway,
        ],
      },
      tlsQuerier: {
        ok: true,
        endpoints: [failing(tlsQuerierSidecar, tlsError)],
      },
      // The store gateway's uploaded blocks still hold the head time of hours ago.
      metrics: stoppedSince(NOW - 4 * HOUR),
    });
    expect(sidecar.evidence.metricsPath?.state).toBe('cut');
    expect(sidecar.evidence.metricsPath?.ingestionStoppedAt).toBeUndefined();
    expect(ids(sidecar)).not.toContain('sidecar.ingestion-stalled');
    expect(sidecar.findings.map(f => f.title)).toContain(
      "Sidecar's own metrics cannot reach the observer",
    );
  });
});
