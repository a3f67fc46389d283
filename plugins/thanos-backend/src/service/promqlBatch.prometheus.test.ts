import {
  judgeCompactor,
  judgeSidecar,
  parseExternalLabels,
  type SidecarObservation,
} from '@thanos-backstage/plugin-thanos-common';
import { ThanosInstance } from '../client/ThanosInstance';
import { compactorMetrics, sidecarMetrics } from './clusterMetrics';
import { buildBatchQuery, splitBatchResult } from './promqlBatch';
import {
  PROMETHEUS_MISSING,
  RunningPrometheus,
  openMetricsSeries,
  prometheusBinary,
  startPrometheusWithHistory,
} from './__testPrometheus__/realPrometheus';

/**
 * The batched query text on Debian's real Prometheus, over 30 minutes of written history: the
 * mirrored alerts honour their `for:` windows (one failed scrape is not "down", five minutes are),
 * the WAL-replay guard holds, every compaction failing comes back as +Inf, and a cluster whose
 * Prometheus stopped ingesting (all its series end at once) is told apart from a down compactor by
 * its newest head time, read over a range. The series and
 * label names are those a kube-prometheus-stack Prometheus scrapes from Thanos (job names as the
 * thanos-mixin selects them, external label `cluster`); values are illustrative.
 */

const BINARY = prometheusBinary();
const MISSING_IN_CI = !BINARY && process.env.CI === 'true';
const describeWithPrometheus =
  BINARY || MISSING_IN_CI ? describe : describe.skip;
if (!BINARY) {
  // eslint-disable-next-line no-console
  console.warn(PROMETHEUS_MISSING);
}

/** Evaluation time: a whole minute, so the one-minute subquery steps fall on samples. */
const T = Math.floor(Date.now() / 1000 / 60) * 60 - 3600;
const FROM = T - 30 * 60;
const SCRAPE = 15;

const up = (job: string, cluster: string, at: (t: number) => number) => ({
  name: 'up',
  labels: { job, cluster, instance: `${cluster}-${job}:10902` },
  value: at,
});
const gauge = (
  name: string,
  job: string,
  cluster: string,
  at: (t: number) => number,
  extra: Record<string, string> = {},
) => ({
  name,
  labels: { job, cluster, instance: `${cluster}-${job}:10902`, ...extra },
  value: at,
});
const always = (value: number) => () => value;
/** `value` during the last `minutes` before T (inclusive), `otherwise` before. */
const lastMinutes =
  (minutes: number, value: number, otherwise: number) => (t: number) =>
    t >= T - minutes * 60 ? value : otherwise;

const CLUSTERS = [
  'healthy',
  'one-failed-scrape',
  'down-5m',
  'halted-2m',
  'halted-10m',
  'all-compactions-fail',
  'prometheus-replaying',
  'prometheus-unreachable',
  'ingestion-stopped',
];
/** When the `ingestion-stopped` cluster's Prometheus appended its last sample. */
const STOPPED_AT = T - 20 * 60;
const POD = {
  namespace: 'monitoring',
  pod: 'prometheus-kube-prometheus-stack-prometheus-0',
};

function history(): string {
  const series = CLUSTERS.flatMap(cluster => [
    up('thanos-sidecar', cluster, always(1)),
    up(
      'thanos-compact',
      cluster,
      // One scrape fails, at T itself: the instant value is 0, the window is not.
      cluster === 'one-failed-scrape'
        ? t => (t === T ? 0 : 1)
        : lastMinutes(cluster === 'down-5m' ? 6 : -1, 0, 1),
    ),
    gauge(
      'thanos_compact_halted',
      'thanos-compact',
      cluster,
      cluster === 'halted-2m'
        ? lastMinutes(2, 1, 0)
        : lastMinutes(cluster === 'halted-10m' ? 10 : -1, 1, 0),
    ),
    // Successful compactions stop, failures keep coming: rate(failures) / rate(total) = +Inf.
    gauge(
      'thanos_compact_group_compactions_total',
      'thanos-compact',
      cluster,
      cluster === 'all-compactions-fail'
        ? always(10)
        : t => (t - FROM) / SCRAPE,
      { resolution: '0' },
    ),
    gauge(
      'thanos_compact_group_compactions_failures_total',
      'thanos-compact',
      cluster,
      cluster === 'all-compactions-fail' ? t => (t - FROM) / SCRAPE : always(0),
      { resolution: '0' },
    ),
    gauge(
      'thanos_sidecar_prometheus_up',
      'thanos-sidecar',
      cluster,
      lastMinutes(cluster.startsWith('prometheus-') ? 10 : -1, 0, 1),
      POD,
    ),
    // 0 until Prometheus finished replaying its WAL after a restart.
    gauge(
      'prometheus_tsdb_data_replay_duration_seconds',
      'kube-prometheus-stack-prometheus',
      cluster,
      always(cluster === 'prometheus-replaying' ? 0 : 12.5),
      POD,
    ),
    // The newest sample in the head, in ms: the time of the self-scrape.
    gauge(
      'prometheus_tsdb_head_max_time',
      'kube-prometheus-stack-prometheus',
      cluster,
      t => t * 1000,
      POD,
    ),
  ]);
  // A Prometheus that stopped ingesting appends nothing more, for any of the series it scrapes.
  const stopped = series.map(entry =>
    entry.labels.cluster === 'ingestion-stopped'
      ? {
          ...entry,
          value: (t: number) => (t > STOPPED_AT ? undefined : entry.value(t)),
        }
      : entry,
  );
  return openMetricsSeries(stopped, { from: FROM, to: T, stepSeconds: SCRAPE });
}

describeWithPrometheus('the batched query on a real Prometheus', () => {
  let prometheus: RunningPrometheus | undefined;
  let series: ReturnType<typeof splitBatchResult>;

  beforeAll(async () => {
    if (!BINARY) throw new Error(PROMETHEUS_MISSING);
    prometheus = await startPrometheusWithHistory(BINARY, history());
    const instance = new ThanosInstance({
      name: 'observer',
      queryUrl: prometheus.url,
      timeoutMs: 10_000,
      refreshIntervalSeconds: 30,
      groupingLabels: ['cluster'],
    });
    const answer = await instance.query.query(buildBatchQuery(['cluster']), {
      time: T,
    });
    series = splitBatchResult(answer.samples);
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  const compactor = (cluster: string) =>
    judgeCompactor({
      now: T * 1000,
      metrics: compactorMetrics(
        series,
        parseExternalLabels(`cluster=${cluster}`),
      ),
      retention: null,
      version: null,
      metricsPath: { state: 'arriving' },
    });
  const ids = (status: { findings: Array<{ id: string }> }) =>
    status.findings.map(f => f.id);

  it('does not call a compactor down for one failed scrape', () => {
    const metrics = compactorMetrics(
      series,
      parseExternalLabels('cluster=one-failed-scrape'),
    );
    // The instant value alone would say "down".
    expect(metrics.instancesUp).toBe(0);
    expect(ids(compactor('one-failed-scrape'))).not.toContain('compactor.down');
    expect(compactor('healthy').state).toBe('ok');
  });

  it('calls a compactor down after 5 minutes without a target up (ThanosCompactIsDown)', () => {
    const status = compactor('down-5m');
    expect(status.state).toBe('error');
    expect(status.summary).toBe('Compactor is down (ThanosCompactIsDown)');
  });

  it('waits 5 minutes before ThanosCompactHalted', () => {
    const brief = compactor('halted-2m');
    expect(ids(brief)).toEqual(['compactor.halted-pending']);
    expect(brief.state).toBe('ok');
    const long = compactor('halted-10m');
    expect(long.state).toBe('error');
    expect(long.findings[0].alert).toBe('ThanosCompactHalted');
  });

  it('reads every compaction failing as +Inf and says so', () => {
    expect(series.compactCompactionFailurePercent).toContainEqual(
      expect.objectContaining({
        labels: { cluster: 'all-compactions-fail' },
        value: '+Inf',
      }),
    );
    const status = compactor('all-compactions-fail');
    const finding = status.findings.find(
      f => f.id === 'compactor.compaction-failures',
    );
    expect(finding?.title).toBe('Every compaction fails');
    expect(finding?.alert).toBe('ThanosCompactHighCompactionFailures');
    expect(status.evidence.specialValues).toEqual({
      compactionFailurePercent: '+Inf',
    });
  });

  /** The sidecar of a cluster whose TLS querier the central query lists healthy. */
  const sidecar = (cluster: string) => {
    const observation: SidecarObservation = {
      now: T * 1000,
      externalLabels: parseExternalLabels(`cluster=${cluster}`),
      observeeKey: cluster,
      central: {
        ok: true,
        endpoints: [
          {
            name: '10.0.102.1:10901',
            type: 'query',
            lastCheck: new Date(T * 1000).toISOString(),
            lastError: null,
            labelSets: [{ cluster }],
            minTime: (T - 86_400) * 1000,
            maxTime: null,
          },
        ],
      },
      tlsQuerier: null,
      metrics: sidecarMetrics(
        series,
        parseExternalLabels(`cluster=${cluster}`),
      ),
    };
    return judgeSidecar(observation);
  };

  it('keeps the WAL-replay guard of ThanosSidecarNoConnectionToStartedPrometheus', () => {
    expect(ids(sidecar('prometheus-replaying'))).not.toContain(
      'sidecar.prometheus-down',
    );
    const unreachable = sidecar('prometheus-unreachable');
    expect(unreachable.state).toBe('error');
    expect(ids(unreachable)).toContain('sidecar.prometheus-down');
    expect(ids(sidecar('healthy'))).toEqual([]);
  });

  it('reads since when a Prometheus stopped ingesting, and leaves its compactor unknown rather than down', () => {
    const matchers = parseExternalLabels('cluster=ingestion-stopped');
    const metrics = sidecarMetrics(series, matchers);
    // Every instant term misses the cluster; only the range term still reaches its past.
    expect(metrics.prometheusUp).toBeNull();
    expect(metrics.newestSampleTime).toBe(STOPPED_AT * 1000);

    const status = sidecar('ingestion-stopped');
    expect(status.state).toBe('warning');
    expect(status.findings[0].title).toBe(
      'Data stopped advancing 20 minutes ago',
    );
    expect(status.evidence.metricsPath?.ingestionStoppedAt).toBe(
      STOPPED_AT * 1000,
    );

    const judge = (metricsPath: typeof status.evidence.metricsPath) =>
      judgeCompactor({
        now: T * 1000,
        metrics: compactorMetrics(series, matchers),
        retention: null,
        version: null,
        metricsPath,
      });
    // The same answer, read as if the metrics arrived, would be ThanosCompactIsDown.
    expect(judge({ state: 'arriving' }).summary).toBe(
      'Compactor is down (ThanosCompactIsDown)',
    );
    const compactorStatus = judge(status.evidence.metricsPath);
    expect(compactorStatus.state).toBe('unknown');
    expect(compactorStatus.summary).toBe(
      'Unknown: its metrics stopped arriving with the ingestion',
    );
    expect(ids(sidecar('healthy'))).toEqual([]);
  });
});
