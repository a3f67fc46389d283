import type {
  Finding,
  HealthState,
  Hop,
  HopId,
  MetricsPath,
  SidecarStatus,
  StoreEndpoint,
} from '../types';
import { describeDuration } from './durations';
import { bySeverity, stateOfFindings, worstState } from './healthState';
import type { SidecarObservation } from './observations';
import { toPromQLSelector } from './promqlSelector';
import { judgeThroughCentral, judgeWithoutCentral } from './sidecarPath';
import { HOP_ORDER, PathJudgement, SidecarContext } from './sidecarPathTypes';
import {
  belongsToCluster,
  carriesLiveData,
  newestDataTime,
  oldestDataTime,
} from './storeEndpoints';
import {
  sidecarContainerFindings,
  sidecarMetricFindings,
} from './sidecarSignals';
import { storeGatewayFindings } from './sidecarEndpointFindings';
import {
  ingestionStoppedAt,
  ingestionStoppedFinding,
  ingestionStoppedPath,
} from './ingestion';
import { lowerFirst } from './wording';

export { STALE_DATA_MS, STALE_HEALTH_CHECK_MS } from './sidecarPathTypes';

/**
 * Sidecar reachability, judged hop by hop along central query → TLS querier → sidecar
 * (docs/thanos.md, "The two hops" and "When an endpoint disappears").
 *
 * The central query shows an observee as its TLS querier (a `query` entry carrying the observee's
 * labels) or, for a sidecar it dials itself, as a `sidecar` entry. A querier's label sets are the
 * union of its *healthy* stores, so a healthy TLS querier entry with the cluster's labels proves the
 * whole path. When the labels are missing the central query cannot say which hop broke (Thanos drops
 * endpoints that never answered, and failing ones after --store.unhealthy-timeout), so the TLS
 * querier's own `/api/v1/stores` is read to find the hop.
 */

/** @public */
export function judgeSidecar(obs: SidecarObservation): SidecarStatus {
  const ctx: SidecarContext = {
    obs,
    selector: toPromQLSelector(obs.externalLabels),
    tlsQuerierName: `thanos-tls-querier-${obs.observeeKey}`,
  };
  const centralEndpoints = obs.central.ok
    ? obs.central.endpoints.filter(endpoint =>
        belongsToCluster(endpoint, obs.externalLabels),
      )
    : [];
  const tlsQuerierEndpoints = obs.tlsQuerier?.ok
    ? obs.tlsQuerier.endpoints
    : null;

  const path = obs.central.ok
    ? judgeThroughCentral(ctx, centralEndpoints, obs.central.endpoints)
    : judgeWithoutCentral(ctx, obs.central.error, obs.central.status);

  const metricsPath = metricsPathOf(obs, path);
  const stoppedAt = metricsPath.ingestionStoppedAt;
  const signals = [
    ...(stoppedAt === undefined
      ? []
      : [ingestionStoppedFinding(stoppedAt, obs.now, ctx.selector)]),
    ...storeGatewayFindings(ctx, centralEndpoints),
    ...sidecarMetricFindings(obs.metrics, obs.now, metricsPath),
    ...sidecarContainerFindings(obs.sidecarContainer),
  ];
  const findings = bySeverity([...path.findings, ...signals]);

  const hops = hopsOf(ctx, path, findings);
  const state = overallState(obs, findings);

  const liveEntries = path.reachableThrough
    ? centralEndpoints.filter(e => carriesLiveData(e) && e.lastError === null)
    : [];
  const historical = centralEndpoints.filter(
    e => e.type === 'store' && e.lastError === null,
  );

  return {
    state,
    summary: summarise(ctx, path, findings, state, liveEntries, stoppedAt),
    findings,
    evidence: {
      hops,
      centralEndpoints,
      tlsQuerierEndpoints,
      metrics: obs.metrics ?? {
        prometheusUp: null,
        shipperUploadFailures: null,
        lastSuccessfulUploadTime: null,
      },
      // A sidecar whose Prometheus stopped ingesting still advertises no upper limit.
      dataMaxTime:
        stoppedAt ??
        (liveEntries.length > 0
          ? newestDataTime(liveEntries)
          : newestDataTime(historical)),
      metricsPath,
      dataMinTime: oldestDataTime([
        ...centralEndpoints,
        ...(tlsQuerierEndpoints ?? []),
      ]),
    },
  };
}

/** Each hop in path order, as bad as the worst finding on it. */
function hopsOf(
  ctx: SidecarContext,
  path: PathJudgement,
  findings: Finding[],
): Hop[] {
  return HOP_ORDER.map(id => {
    const hop = path.hops[id];
    return {
      id,
      label: hopLabel(ctx, id),
      state: worstState([
        hop.state,
        stateOfFindings(findings.filter(f => f.hop === id)),
      ]),
      summary: hop.summary,
      ...(hop.endpoint ? { endpoint: hop.endpoint } : {}),
    };
  });
}

/**
 * Whether the cluster's own metrics can reach the observer: they are scraped by its Prometheus and
 * travel only through its sidecar, so a live path proves they can unless that Prometheus stopped
 * ingesting, a failing path that they cannot, and without the central query's list nothing proven
 * either way leaves it unknown.
 */
function metricsPathOf(
  obs: SidecarObservation,
  path: PathJudgement,
): MetricsPath {
  if (path.reachableThrough) {
    const stoppedAt = ingestionStoppedAt(obs.metrics, obs.now);
    return stoppedAt === null
      ? { state: 'arriving' }
      : ingestionStoppedPath(stoppedAt, obs.now);
  }
  if (path.failure) return { state: 'cut', reason: path.failure };
  return {
    state: 'unknown',
    reason: obs.central.ok
      ? 'the path to the sidecar could not be judged'
      : `the central Thanos Query could not be read (${obs.central.error})`,
  };
}

/**
 * Worst of the findings; but the question is what the central query sees, so while it cannot be
 * read only a failure proven further down the path (by the TLS querier, or the sidecar's own
 * signals) can be stated, and otherwise the answer is unknown.
 */
function overallState(
  obs: SidecarObservation,
  findings: Finding[],
): HealthState {
  if (obs.central.ok) return stateOfFindings(findings);
  const provenFailure = findings.some(
    f => f.severity === 'error' && f.id !== 'sidecar.central-unreadable',
  );
  return provenFailure ? 'error' : 'unknown';
}

function hopLabel(ctx: SidecarContext, id: HopId): string {
  switch (id) {
    case 'central-query':
      return 'Central Thanos Query';
    case 'tls-querier':
      return `TLS querier ${ctx.tlsQuerierName}`;
    default:
      return ctx.obs.expectedSidecarAddress
        ? `Sidecar ${ctx.obs.expectedSidecarAddress}`
        : 'Sidecar';
  }
}

function summarise(
  ctx: SidecarContext,
  path: PathJudgement,
  findings: Finding[],
  state: HealthState,
  liveEntries: StoreEndpoint[],
  stoppedAt: number | undefined,
): string {
  const best = path.reachableThrough;
  if (best) {
    const route =
      best.type === 'sidecar'
        ? `Reachable directly (sidecar ${best.name})`
        : `Reachable through ${ctx.tlsQuerierName} (${best.name})`;
    // A live sidecar advertises no upper limit even when its Prometheus stopped ingesting, so the
    // newest sample, when it lags, is what the data's age is.
    const newest = stoppedAt ?? newestDataTime(liveEntries);
    const freshness =
      newest === null
        ? 'data live'
        : `data ${describeDuration(ctx.obs.now - newest)} old`;
    const concern = findings.find(
      f =>
        f.severity !== 'info' &&
        f.id !== 'sidecar.data-stale' &&
        f.id !== 'sidecar.ingestion-stalled',
    );
    if (stoppedAt !== undefined) {
      return [
        route,
        freshness,
        "its Prometheus stopped ingesting, so the cluster's own metrics are not judged",
        concern ? lowerFirst(concern.title) : undefined,
      ]
        .filter(Boolean)
        .join('; ');
    }
    return [route, freshness, concern ? lowerFirst(concern.title) : undefined]
      .filter(Boolean)
      .join('; ');
  }
  if (!ctx.obs.central.ok) {
    if (state === 'unknown') {
      return `Unknown: the central Thanos Query could not be read (${ctx.obs.central.error})`;
    }
    const concern = findings.find(
      f => f.severity === 'error' && f.id !== 'sidecar.central-unreadable',
    );
    return `Central Thanos Query unreadable; ${
      path.failure ?? (concern ? lowerFirst(concern.title) : 'see findings')
    }`;
  }
  return `Unreachable: ${path.failure ?? 'see findings'}`;
}
