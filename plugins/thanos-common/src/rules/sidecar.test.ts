import type { SidecarStatus } from '../types';
import {
  NOW,
  centralEmptyTlsQuerier,
  centralObserveeStoreGateway,
  centralObserverSidecar,
  centralTlsQuerier,
  checkedAgo,
  failing,
  tlsQuerierSidecar,
  tlsQuerierSidecar503,
} from './__fixtures__/storeEndpoints';
import { REAL_STORE_ERRORS } from './__fixtures__/storeErrors';
import { parseExternalLabels } from './externalLabels';
import type { SidecarObservation } from './observations';
import { judgeSidecar } from './sidecar';
import { isEmptyQuerier } from './storeEndpoints';

const realError = (id: string) => REAL_STORE_ERRORS.find(e => e.id === id)!.raw;

/** A healthy observee: central query → TLS querier → sidecar all answer, metrics fine. */
function observe(
  overrides: Partial<SidecarObservation> = {},
): SidecarObservation {
  return {
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
    expectedSidecarAddress: 'thanos-sidecar.observee.example.com:443',
    metrics: {
      prometheusUp: 1,
      shipperUploadFailures: 0,
      lastSuccessfulUploadTime: NOW / 1000 - 30 * 60,
    },
    ...overrides,
  };
}

/** The central query after the observee's labels vanished (its TLS querier went empty). */
const centralWithoutObservee: SidecarObservation['central'] = {
  ok: true,
  endpoints: [
    centralEmptyTlsQuerier,
    centralObserverSidecar,
    centralObserveeStoreGateway,
  ],
};

const ids = (status: SidecarStatus) => status.findings.map(f => f.id);
const hopStates = (status: SidecarStatus) =>
  status.evidence.hops.map(h => `${h.id}:${h.state}`);

describe('judgeSidecar', () => {
  it('reports a healthy observee as reachable through its TLS querier with live data', () => {
    const status = judgeSidecar(observe());
    expect(status.state).toBe('ok');
    expect(status.findings).toEqual([]);
    expect(status.summary).toBe(
      'Reachable through thanos-tls-querier-observee (10.0.102.57:10901); data live',
    );
    expect(hopStates(status)).toEqual([
      'central-query:ok',
      'tls-querier:ok',
      'sidecar:ok',
    ]);
    expect(status.evidence.hops.map(h => h.label)).toEqual([
      'Central Thanos Query',
      'TLS querier thanos-tls-querier-observee',
      'Sidecar thanos-sidecar.observee.example.com:443',
    ]);
    expect(status.evidence.hops[1].endpoint).toEqual(centralTlsQuerier);
    expect(status.evidence.hops[2].endpoint).toEqual(tlsQuerierSidecar);
    expect(status.evidence.centralEndpoints).toEqual([
      centralTlsQuerier,
      centralObserveeStoreGateway,
    ]);
    expect(status.evidence.tlsQuerierEndpoints).toEqual([tlsQuerierSidecar]);
    expect(status.evidence.dataMaxTime).toBeNull();
    expect(status.evidence.dataMinTime).toBe(
      centralObserveeStoreGateway.minTime,
    );
  });

  it('reports a sidecar the central query dials itself as reachable directly', () => {
    const status = judgeSidecar(
      observe({
        externalLabels: parseExternalLabels('cluster=observer'),
        tlsQuerier: null,
      }),
    );
    expect(status.state).toBe('ok');
    expect(status.summary).toBe(
      'Reachable directly (sidecar 10.0.101.23:10901); data live',
    );
    expect(status.evidence.hops[1].summary).toMatch(/^Not in the path/);
    expect(status.evidence.hops[2].endpoint).toEqual(centralObserverSidecar);
  });

  it('does not penalise a direct sidecar for a TLS querier it does not have', () => {
    // The observer's own cluster: a TLS querier URL template answers 404 for its key.
    const status = judgeSidecar(
      observe({
        externalLabels: parseExternalLabels('cluster=observer'),
        observeeKey: 'observer',
        tlsQuerier: { ok: false, error: 'HTTP 404 Not Found', status: 404 },
        expectedSidecarAddress: undefined,
      }),
    );
    expect(status.state).toBe('ok');
    expect(ids(status)).toEqual([]);
    expect(hopStates(status)).toEqual([
      'central-query:ok',
      'tls-querier:ok',
      'sidecar:ok',
    ]);
    expect(status.evidence.hops[1].summary).toBe(
      'Not in the path: the central query dials the sidecar directly',
    );
  });

  describe('when the central query cannot be read', () => {
    const central = {
      ok: false as const,
      error:
        'Get "https://thanos-query.example.com/api/v1/stores": context deadline exceeded',
      status: undefined,
    };

    it('cannot judge visibility: unknown, with an error finding on the central hop', () => {
      const status = judgeSidecar(observe({ central }));
      expect(status.state).toBe('unknown');
      expect(ids(status)).toEqual(['sidecar.central-unreadable']);
      expect(status.findings[0]).toMatchObject({
        severity: 'error',
        hop: 'central-query',
        source: 'thanos-query',
      });
      expect(status.findings[0].detail).toContain('context deadline exceeded');
      expect(hopStates(status)).toEqual([
        'central-query:error',
        'tls-querier:ok',
        'sidecar:ok',
      ]);
      expect(status.summary).toMatch(
        /^Unknown: the central Thanos Query could not be read/,
      );
    });

    it('still reports a sidecar failure the TLS querier proves', () => {
      const status = judgeSidecar(
        observe({
          central,
          tlsQuerier: { ok: true, endpoints: [tlsQuerierSidecar503] },
        }),
      );
      expect(status.state).toBe('error');
      expect(ids(status)).toEqual([
        'sidecar.central-unreadable',
        'sidecar.endpoint-error',
        'sidecar.metrics-not-arriving',
      ]);
      expect(status.summary).toBe(
        'Central Thanos Query unreadable; sidecar hop fails — unexpected HTTP status code received from server: 503 (Service Unavailable); transport: received unexpected content-type "text/html"',
      );
    });
  });

  it('blames the TLS querier hop when the central query lists it with an error', () => {
    const tlsQuerierDown = failing(
      centralTlsQuerier,
      realError('connection-refused'),
    );
    const status = judgeSidecar(
      observe({
        central: {
          ok: true,
          endpoints: [tlsQuerierDown, centralObserveeStoreGateway],
        },
      }),
    );
    expect(status.state).toBe('error');
    expect(ids(status)).toEqual([
      'sidecar.endpoint-error',
      'sidecar.metrics-not-arriving',
    ]);
    expect(status.findings[0]).toMatchObject({
      severity: 'error',
      hop: 'tls-querier',
      title: 'Central query cannot reach the TLS querier: connection refused',
    });
    expect(status.findings[0].detail).toContain(tlsQuerierDown.lastError);
    expect(status.findings[0].detail).toContain(
      'last successful check was 3 minutes ago',
    );
    expect(hopStates(status)).toEqual([
      'central-query:ok',
      'tls-querier:error',
      'sidecar:ok',
    ]);
    expect(status.summary).toBe(
      'Unreachable: TLS querier hop fails — dial tcp 10.0.103.201:10901: connect: connection refused',
    );
  });

  it('warns, without failing, when one of two replicas of the path fails', () => {
    const replica = failing(
      { ...centralTlsQuerier, name: '10.0.102.58:10901' },
      realError('deadline-exceeded'),
    );
    const status = judgeSidecar(
      observe({
        central: { ok: true, endpoints: [centralTlsQuerier, replica] },
      }),
    );
    expect(status.state).toBe('warning');
    expect(ids(status)).toEqual(['sidecar.endpoint-error']);
    expect(status.findings[0].severity).toBe('warning');
    expect(status.findings[0].detail).toContain(
      'Another endpoint still serves the cluster',
    );
  });

  it('warns when the TLS querier already sees the sidecar failing but the labels are still up', () => {
    const status = judgeSidecar(
      observe({ tlsQuerier: { ok: true, endpoints: [tlsQuerierSidecar503] } }),
    );
    expect(status.state).toBe('warning');
    expect(ids(status)).toEqual(['sidecar.endpoint-error']);
    expect(status.findings[0]).toMatchObject({
      severity: 'warning',
      hop: 'sidecar',
    });
    expect(status.findings[0].detail).toContain('the failure is recent');
  });

  it('warns about a stale health check at the central query', () => {
    const status = judgeSidecar(
      observe({
        central: { ok: true, endpoints: [checkedAgo(centralTlsQuerier, 5)] },
      }),
    );
    expect(status.state).toBe('warning');
    expect(ids(status)).toEqual(['sidecar.stale-health-check']);
    expect(status.findings[0].detail).toContain('5 minutes ago');
    expect(status.evidence.hops[0].state).toBe('warning');
  });

  it('warns when the newest data is older than 15 minutes', () => {
    const stale = { ...centralTlsQuerier, maxTime: NOW - 42 * 60_000 };
    const status = judgeSidecar(
      observe({ central: { ok: true, endpoints: [stale] } }),
    );
    expect(status.state).toBe('warning');
    expect(ids(status)).toEqual(['sidecar.data-stale']);
    expect(status.findings[0].title).toBe('Data is 42 minutes old');
    expect(status.summary).toBe(
      'Reachable through thanos-tls-querier-observee (10.0.102.57:10901); data 42 minutes old',
    );
    expect(status.evidence.dataMaxTime).toBe(NOW - 42 * 60_000);
  });

  describe("when the cluster's labels are missing at the central query", () => {
    it('cannot pin the hop without a TLS querier URL', () => {
      const status = judgeSidecar(
        observe({ central: centralWithoutObservee, tlsQuerier: null }),
      );
      expect(status.state).toBe('error');
      expect(ids(status)).toEqual([
        'sidecar.labels-missing',
        'sidecar.metrics-not-arriving',
      ]);
      expect(status.findings[0].hint).toMatch(
        /^Configure a TLS querier URL template/,
      );
      expect(hopStates(status)).toEqual([
        'central-query:error',
        'tls-querier:unknown',
        'sidecar:unknown',
      ]);
    });

    it('names the empty querier and the store gateway in the detail', () => {
      const { detail } = judgeSidecar(
        observe({ central: centralWithoutObservee, tlsQuerier: null }),
      ).findings[0];
      expect(detail).toContain(
        'no query or sidecar endpoint whose labels match cluster="observee"',
      );
      expect(detail).toContain('Only the store gateway 10.0.101.140:10901');
      expect(detail).toContain(
        '10.0.102.57:10901 is a query endpoint with empty label sets and no time range',
      );
    });

    it('blames the TLS querier when it cannot be read', () => {
      const status = judgeSidecar(
        observe({
          central: centralWithoutObservee,
          tlsQuerier: {
            ok: false,
            error: 'connect ECONNREFUSED 10.100.12.7:10902',
          },
        }),
      );
      expect(ids(status)).toEqual([
        'sidecar.tls-querier-unreachable',
        'sidecar.metrics-not-arriving',
      ]);
      expect(status.findings[0].hint).toContain(
        'Helm release thanos-tls-querier-observee',
      );
      expect(hopStates(status)).toEqual([
        'central-query:ok',
        'tls-querier:error',
        'sidecar:unknown',
      ]);
      expect(status.summary).toBe(
        'Unreachable: TLS querier hop fails — connect ECONNREFUSED 10.100.12.7:10902',
      );
    });

    it('blames the sidecar hop with the explained error the TLS querier shows', () => {
      const status = judgeSidecar(
        observe({
          central: centralWithoutObservee,
          tlsQuerier: {
            ok: true,
            endpoints: [
              failing(tlsQuerierSidecar, realError('tls-unknown-authority')),
            ],
          },
        }),
      );
      expect(status.state).toBe('error');
      expect(ids(status)).toEqual([
        'sidecar.endpoint-error',
        'sidecar.metrics-not-arriving',
      ]);
      expect(status.findings[0]).toMatchObject({
        hop: 'sidecar',
        source: 'tls-querier',
        title:
          'TLS querier cannot reach the sidecar: certificate signed by an unknown authority',
      });
      expect(status.findings[0].hint).toContain('monitoring/thanos-ca');
      expect(status.findings[0].detail).toContain('empty label sets');
      expect(hopStates(status)).toEqual([
        'central-query:ok',
        'tls-querier:ok',
        'sidecar:error',
      ]);
      expect(status.summary).toBe(
        'Unreachable: sidecar hop fails — x509: certificate signed by unknown authority',
      );
    });

    it('shows the raw error when it is not one the table knows', () => {
      const status = judgeSidecar(
        observe({
          central: centralWithoutObservee,
          tlsQuerier: {
            ok: true,
            endpoints: [failing(tlsQuerierSidecar, 'some error message')],
          },
        }),
      );
      expect(status.findings[0].title).toBe(
        'TLS querier cannot reach the sidecar',
      );
      expect(status.findings[0].detail).toContain(
        'lastError "some error message"',
      );
      expect(status.summary).toBe(
        'Unreachable: sidecar hop fails — some error message',
      );
    });

    it('says an absent sidecar is an unreachable one', () => {
      const status = judgeSidecar(
        observe({
          central: centralWithoutObservee,
          tlsQuerier: { ok: true, endpoints: [] },
        }),
      );
      expect(ids(status)).toEqual([
        'sidecar.absent',
        'sidecar.metrics-not-arriving',
      ]);
      expect(status.findings[0].detail).toContain(
        'it should dial thanos-sidecar.observee.example.com:443',
      );
      expect(status.findings[0].detail).toContain('Absent means unreachable');
      expect(status.findings[0].detail).toContain(
        '--store.unhealthy-timeout (5m)',
      );
      expect(hopStates(status)).toEqual([
        'central-query:ok',
        'tls-querier:ok',
        'sidecar:error',
      ]);
    });

    it('blames the central hop when the TLS querier reaches the sidecar', () => {
      const status = judgeSidecar(observe({ central: centralWithoutObservee }));
      expect(ids(status)).toEqual([
        'sidecar.central-missing-tls-querier',
        'sidecar.metrics-not-arriving',
      ]);
      expect(status.findings[0].hint).toContain(
        'thanos-tls-querier map has an entry for "observee"',
      );
      expect(status.findings[0].hint).toContain(
        'dnssrv+_grpc._tcp.thanos-tls-querier-observee-query-grpc.monitoring.svc.cluster.local',
      );
      expect(hopStates(status)).toEqual([
        'central-query:error',
        'tls-querier:ok',
        'sidecar:ok',
      ]);
      expect(status.summary).toBe(
        'Unreachable: central query hop fails — the central query does not list the TLS querier',
      );
    });

    it("flags a sidecar whose labels are not the entity's", () => {
      const status = judgeSidecar(
        observe({ externalLabels: parseExternalLabels('cluster=observe') }),
      );
      expect(ids(status)).toEqual([
        'sidecar.labels-mismatch',
        'sidecar.metrics-not-arriving',
      ]);
      expect(status.findings[0].detail).toContain('{cluster="observee"');
      expect(status.findings[0].detail).toContain(
        'thanos.io/external-labels is cluster="observe"',
      );
    });
  });

  it('notes, without penalty, that the TLS querier API could not be read on a working path', () => {
    const status = judgeSidecar(
      observe({ tlsQuerier: { ok: false, error: 'HTTP 404 Not Found' } }),
    );
    expect(status.state).toBe('ok');
    expect(ids(status)).toEqual(['sidecar.tls-querier-unreadable']);
    expect(status.findings[0].severity).toBe('info');
  });

  describe('sidecar metrics', () => {
    const metrics = {
      prometheusUp: 1,
      shipperUploadFailures: 0,
      lastSuccessfulUploadTime: NOW / 1000 - 30 * 60,
    };

    it('errors when the sidecar cannot reach Prometheus', () => {
      const status = judgeSidecar(
        observe({ metrics: { ...metrics, prometheusUp: 0 } }),
      );
      expect(status.state).toBe('error');
      expect(ids(status)).toEqual(['sidecar.prometheus-down']);
      expect(status.findings[0].alert).toBe(
        'ThanosSidecarNoConnectionToStartedPrometheus',
      );
      expect(status.evidence.hops[2].state).toBe('error');
      expect(status.summary).toBe(
        'Reachable through thanos-tls-querier-observee (10.0.102.57:10901); data live; sidecar cannot reach its Prometheus',
      );
    });

    it('warns about upload failures', () => {
      const status = judgeSidecar(
        observe({ metrics: { ...metrics, shipperUploadFailures: 3 } }),
      );
      expect(status.state).toBe('warning');
      expect(ids(status)).toEqual(['sidecar.upload-failures']);
      // No upstream alert reads the shipper counter: the finding names none.
      expect(status.findings[0].alert).toBeUndefined();
      expect(status.findings[0].detail).toContain('increased by 3');
    });

    it('warns when no block was uploaded for more than 4 hours', () => {
      const status = judgeSidecar(
        observe({
          metrics: {
            ...metrics,
            lastSuccessfulUploadTime: NOW / 1000 - 5 * 3600,
          },
        }),
      );
      expect(ids(status)).toEqual(['sidecar.upload-overdue']);
      expect(status.findings[0].title).toBe('No block uploaded for 5 hours');
    });

    it("warns when the cluster's Prometheus stopped ingesting", () => {
      const status = judgeSidecar(
        observe({
          metrics: { ...metrics, newestSampleTime: NOW - 3 * 3600_000 },
        }),
      );
      expect(status.state).toBe('warning');
      expect(ids(status)).toEqual([
        'sidecar.ingestion-stalled',
        'sidecar.metrics-not-arriving',
      ]);
      expect(status.findings[0].title).toBe(
        'Data stopped advancing 3 hours ago',
      );
      expect(status.findings[0].detail).toContain(
        'prometheus_tsdb_head_max_time',
      );
    });

    it('accepts a Prometheus head a few minutes behind', () => {
      const status = judgeSidecar(
        observe({
          metrics: { ...metrics, newestSampleTime: NOW - 5 * 60_000 },
        }),
      );
      expect(status.state).toBe('ok');
      expect(ids(status)).toEqual([]);
    });

    it('warns when nothing was uploaded since the sidecar started', () => {
      const status = judgeSidecar(
        observe({ metrics: { ...metrics, lastSuccessfulUploadTime: 0 } }),
      );
      expect(ids(status)).toEqual(['sidecar.upload-overdue']);
      expect(status.findings[0].title).toBe(
        'No block uploaded since the sidecar started',
      );
    });

    it('notes unavailable metrics without penalty', () => {
      const status = judgeSidecar(observe({ metrics: null }));
      expect(status.state).toBe('ok');
      expect(ids(status)).toEqual(['sidecar.metrics-unavailable']);
      expect(status.evidence.metrics).toEqual({
        prometheusUp: null,
        shipperUploadFailures: null,
        lastSuccessfulUploadTime: null,
      });
    });
  });

  it('errors when Kubernetes shows the sidecar container not ready', () => {
    const status = judgeSidecar(
      observe({
        sidecarContainer: {
          name: 'prometheus-kube-prometheus-stack-prometheus-0',
          namespace: 'monitoring',
          ready: false,
          phase: 'Running',
          restarts: 4,
          waitingReason: 'CrashLoopBackOff',
          lastTerminationReason: 'Error',
          lastTerminationExitCode: 1,
        },
      }),
    );
    expect(ids(status)).toEqual(['sidecar.container-not-ready']);
    expect(status.findings[0].detail).toContain('waiting: CrashLoopBackOff');
    expect(status.findings[0].hint).toContain('-c thanos-sidecar --previous');
  });

  it('always gives three hops in path order, and complete findings', () => {
    const scenarios: SidecarObservation[] = [
      observe(),
      observe({
        central: { ok: false, error: 'boom' },
        tlsQuerier: null,
        metrics: null,
      }),
      observe({ central: centralWithoutObservee, tlsQuerier: null }),
      observe({
        central: centralWithoutObservee,
        tlsQuerier: { ok: true, endpoints: [tlsQuerierSidecar503] },
      }),
    ];
    for (const scenario of scenarios) {
      const status = judgeSidecar(scenario);
      expect(status.evidence.hops.map(h => h.id)).toEqual([
        'central-query',
        'tls-querier',
        'sidecar',
      ]);
      for (const finding of status.findings) {
        expect(finding).toEqual(
          expect.objectContaining({
            id: expect.any(String),
            title: expect.any(String),
            detail: expect.any(String),
            hint: expect.any(String),
            source: expect.any(String),
            hop: expect.any(String),
          }),
        );
      }
    }
  });
});

describe('isEmptyQuerier', () => {
  it('recognises a querier with empty label sets and a null minTime', () => {
    expect(isEmptyQuerier(centralEmptyTlsQuerier)).toBe(true);
  });

  it('does not take a working querier or an empty store gateway for one', () => {
    expect(isEmptyQuerier(centralTlsQuerier)).toBe(false);
    expect(
      isEmptyQuerier({
        ...centralObserveeStoreGateway,
        labelSets: [],
        minTime: null,
      }),
    ).toBe(false);
    expect(
      isEmptyQuerier({ ...centralEmptyTlsQuerier, minTime: 1795341600009 }),
    ).toBe(false);
  });
});
