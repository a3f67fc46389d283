import type {
  Finding,
  HealthState,
  Hop,
  HopId,
  SidecarStatus,
  StoreEndpoint,
} from '../types';
import { MINUTE_MS, describeDuration } from './durations';
import { bySeverity, stateOfFindings, worstState } from './healthState';
import type { SidecarObservation } from './observations';
import { toPromQLSelector } from './promqlSelector';
import {
  belongsToCluster,
  carriesLiveData,
  describeLabelSet,
  freshestHealthy,
  isEmptyQuerier,
  lastCheckAge,
  newestDataTime,
  oldestDataTime,
} from './storeEndpoints';
import { explainStoreError, innermostStoreError } from './storeErrors';
import {
  sidecarContainerFindings,
  sidecarMetricFindings,
} from './sidecarSignals';
import { capitalise, lowerFirst } from './wording';

/**
 * Sidecar reachability, judged hop by hop along central query → TLS querier → sidecar
 * (DESIGN §5, notes/thanos.md §0, §1.3–1.6, §6).
 *
 * The central query shows an observee as its TLS querier (a `query` entry carrying the observee's
 * labels) or, for a sidecar it dials itself, as a `sidecar` entry. A querier's label sets are the
 * union of its *healthy* stores, so a healthy TLS querier entry with the cluster's labels proves the
 * whole path. When the labels are missing the central query cannot say which hop broke (Thanos drops
 * endpoints that never answered, and failing ones after --store.unhealthy-timeout), so the TLS
 * querier's own `/api/v1/stores` is read to find the hop.
 */

/** Thanos checks every endpoint each 5s; a "last successful check" this old means the view is stuck. */
export const STALE_HEALTH_CHECK_MS = 2 * MINUTE_MS;
/** Newest sample older than this on a path that should be live = stale data. */
export const STALE_DATA_MS = 15 * MINUTE_MS;

const HOP_ORDER: HopId[] = ['central-query', 'tls-querier', 'sidecar'];

interface HopJudgement {
  state: HealthState;
  summary: string;
  endpoint?: StoreEndpoint;
}

/** What the path analysis concluded, before the sidecar's own signals are added. */
interface PathJudgement {
  hops: Record<HopId, HopJudgement>;
  findings: Finding[];
  /** Healthy entries through which the cluster's live data reaches the central query. */
  reachableThrough?: StoreEndpoint;
  /** One line on why the cluster is not reachable, when it is not. */
  failure?: string;
}

interface Context {
  obs: SidecarObservation;
  selector: string;
  tlsQuerierName: string;
}

/** @public */
export function judgeSidecar(obs: SidecarObservation): SidecarStatus {
  const ctx: Context = {
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

  const signals = [
    ...sidecarMetricFindings(obs.metrics, obs.now),
    ...sidecarContainerFindings(obs.sidecarContainer),
  ];
  const findings = bySeverity([...path.findings, ...signals]);

  const hops: Hop[] = HOP_ORDER.map(id => {
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

  const state = overallState(obs, findings);

  const liveEntries = path.reachableThrough
    ? centralEndpoints.filter(e => carriesLiveData(e) && e.lastError === null)
    : [];
  const historical = centralEndpoints.filter(
    e => e.type === 'store' && e.lastError === null,
  );

  return {
    state,
    summary: summarise(ctx, path, findings, state, liveEntries),
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
      dataMaxTime:
        liveEntries.length > 0
          ? newestDataTime(liveEntries)
          : newestDataTime(historical),
      dataMinTime: oldestDataTime([
        ...centralEndpoints,
        ...(tlsQuerierEndpoints ?? []),
      ]),
    },
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

function hopLabel(ctx: Context, id: HopId): string {
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

const ANOTHER_ENDPOINT =
  'Another endpoint still serves the cluster, so its data stays visible.';
const STILL_LISTED_CENTRALLY =
  "The central query still lists the cluster's labels through the TLS querier, so the failure is recent: the labels vanish within seconds if it persists.";

const NOT_JUDGED: HopJudgement = {
  state: 'unknown',
  summary: 'Not judged: an earlier hop fails or could not be read',
};

function judgeWithoutCentral(
  ctx: Context,
  error: string,
  status?: number,
): PathJudgement {
  const explanation = explainStoreError(error);
  const unreadable: Finding = {
    id: 'sidecar.central-unreadable',
    severity: 'error',
    title: 'Central Thanos Query could not be read',
    detail: `Reading /api/v1/stores failed${
      status ? ` with HTTP ${status}` : ''
    }: ${error}. Whether the cluster is visible cannot be judged until it answers.`,
    hint:
      explanation?.hint ??
      "Check the instance's queryUrl, credentials and timeout in app-config, and that Thanos Query (or Query Frontend) is running and reachable from Backstage.",
    source: 'thanos-query',
    hop: 'central-query',
  };
  const downstream = judgeFromTlsQuerier(
    ctx,
    'the central query could not be read',
  );
  return {
    ...downstream,
    findings: [unreadable, ...downstream.findings],
    hops: {
      ...downstream.hops,
      'central-query': {
        state: 'error',
        summary: `Could not be read: ${error}`,
      },
    },
  };
}

function judgeThroughCentral(
  ctx: Context,
  clusterEntries: StoreEndpoint[],
  allEntries: StoreEndpoint[],
): PathJudgement {
  const carriers = clusterEntries.filter(carriesLiveData);
  const best = freshestHealthy(carriers);
  if (best) return judgeReachable(ctx, best, carriers);
  if (carriers.length > 0) return judgeFailingCarriers(ctx, carriers);
  return judgeLabelsMissing(ctx, clusterEntries, allEntries);
}

/** The central query lists a healthy entry with the cluster's labels: the path works. */
function judgeReachable(
  ctx: Context,
  best: StoreEndpoint,
  carriers: StoreEndpoint[],
): PathJudgement {
  const { now } = ctx.obs;
  const findings: Finding[] = carriers
    .filter(entry => entry.lastError !== null)
    .map(entry =>
      endpointErrorFinding(ctx, entry, 'central', ANOTHER_ENDPOINT),
    );

  const age = lastCheckAge(best, now);
  if (age !== null && age > STALE_HEALTH_CHECK_MS) {
    findings.push({
      id: 'sidecar.stale-health-check',
      severity: 'warning',
      title: 'Stale health check',
      detail: `The central query last checked ${
        best.name
      } successfully ${describeDuration(age)} ago (lastCheck ${
        best.lastCheck
      }); it checks every endpoint each 5 seconds.`,
      hint: "The central query's view is not being refreshed: check the Thanos Query pods (restarts, CPU throttling) and whether a cache in front of /api/v1/stores serves an old answer.",
      source: 'thanos-query',
      hop: 'central-query',
    });
  }

  const healthy = carriers.filter(entry => entry.lastError === null);
  const dataMaxTime = newestDataTime(healthy);
  if (dataMaxTime !== null && now - dataMaxTime > STALE_DATA_MS) {
    findings.push({
      id: 'sidecar.data-stale',
      severity: 'warning',
      title: `Data is ${describeDuration(now - dataMaxTime)} old`,
      detail: `The newest sample the central query can reach for ${
        ctx.selector
      } is from ${new Date(dataMaxTime).toISOString()} (maxTime of ${healthy
        .map(e => e.name)
        .join(', ')}); a live sidecar reports no upper limit.`,
      hint: "A live path ends in a sidecar; a finite maxTime means the cluster is served by something that only has old data. Check that the TLS querier's endpoint is the sidecar and not a store gateway, and that Prometheus is ingesting.",
      source: 'thanos-query',
      hop: 'sidecar',
    });
  }

  const direct = best.type === 'sidecar';
  const hops: Record<HopId, HopJudgement> = {
    'central-query': {
      state: 'ok',
      summary: `Lists the cluster through ${best.type} ${best.name}`,
    },
    'tls-querier': direct
      ? {
          state: 'ok',
          summary:
            'Not in the path: the central query dials the sidecar directly',
        }
      : {
          state: 'ok',
          summary:
            "Healthy and carries the cluster's labels, so it reaches the sidecar",
          endpoint: best,
        },
    sidecar: direct
      ? { state: 'ok', summary: 'Healthy at the central query', endpoint: best }
      : { state: 'ok', summary: 'Reached through the TLS querier' },
  };

  if (!direct) {
    // The TLS querier's own list names the sidecar and shows failing replicas the labels hide.
    const tls = ctx.obs.tlsQuerier;
    if (tls?.ok) {
      const sidecars = sidecarEntries(ctx, tls.endpoints);
      const healthySidecar = freshestHealthy(sidecars);
      if (healthySidecar) hops.sidecar.endpoint = healthySidecar;
      findings.push(
        ...sidecars
          .filter(entry => entry.lastError !== null)
          .map(entry =>
            endpointErrorFinding(
              ctx,
              entry,
              'tls-querier',
              healthySidecar ? ANOTHER_ENDPOINT : STILL_LISTED_CENTRALLY,
            ),
          ),
      );
    } else if (tls && !tls.ok) {
      findings.push({
        id: 'sidecar.tls-querier-unreadable',
        severity: 'info',
        title: "TLS querier's own API could not be read",
        detail: `Reading the TLS querier's /api/v1/stores failed: ${tls.error}. The central query shows the path works, so only the sidecar's own entry is missing from this view.`,
        hint: 'Check the TLS querier URL template of this instance (or the Kubernetes route to it); the gRPC path the central query uses is not affected.',
        source: 'tls-querier',
        hop: 'tls-querier',
      });
    }
  }
  return { hops, findings, reachableThrough: best };
}

/** Every entry with the cluster's labels is failing its health check. */
function judgeFailingCarriers(
  ctx: Context,
  carriers: StoreEndpoint[],
): PathJudgement {
  const findings = carriers.map(entry =>
    endpointErrorFinding(ctx, entry, 'central', undefined),
  );
  const failing = carriers[0];
  const failure = `${
    failing.type === 'sidecar' ? 'sidecar' : 'TLS querier'
  } hop fails — ${innermostStoreError(failing.lastError ?? '')}`;
  if (failing.type === 'sidecar') {
    return {
      findings,
      failure,
      hops: {
        'central-query': {
          state: 'ok',
          summary: 'Readable; lists the sidecar as failing',
        },
        'tls-querier': {
          state: 'ok',
          summary:
            'Not in the path: the central query dials the sidecar directly',
        },
        sidecar: {
          state: 'error',
          summary: failingSummary(failing),
          endpoint: failing,
        },
      },
    };
  }
  const downstream = judgeFromTlsQuerier(
    ctx,
    'the central query cannot reach the TLS querier',
  );
  return {
    findings: [...findings, ...downstream.findings],
    failure,
    hops: {
      'central-query': {
        state: 'ok',
        summary: 'Readable; lists the TLS querier as failing',
      },
      'tls-querier': {
        state: 'error',
        summary: failingSummary(failing),
        endpoint: failing,
      },
      sidecar: downstream.hops.sidecar,
    },
  };
}

/** No query or sidecar entry carries the cluster's labels: find the hop from the TLS querier. */
function judgeLabelsMissing(
  ctx: Context,
  clusterEntries: StoreEndpoint[],
  allEntries: StoreEndpoint[],
): PathJudgement {
  const context = labelsMissingContext(ctx, clusterEntries, allEntries);
  const tls = ctx.obs.tlsQuerier;
  if (tls === null) {
    return {
      failure: "the cluster's labels are not visible at the central query",
      findings: [
        {
          id: 'sidecar.labels-missing',
          severity: 'error',
          title: "Cluster's labels not visible at the central query",
          detail: context,
          hint: `Configure a TLS querier URL template for this instance so the failing hop can be pinned. Until then, look at the TLS querier's Stores page (kubectl -n monitoring port-forward svc/${ctx.tlsQuerierName}-query 10902) for the sidecar's error.`,
          source: 'thanos-query',
          hop: 'central-query',
        },
      ],
      hops: {
        'central-query': {
          state: 'error',
          summary: "Does not list the cluster's labels",
        },
        'tls-querier': {
          state: 'unknown',
          summary: 'Not judged: no TLS querier URL configured',
        },
        sidecar: NOT_JUDGED,
      },
    };
  }

  const downstream = judgeFromTlsQuerier(ctx, context);
  if (downstream.sidecarHealthy) {
    // The TLS querier reaches the sidecar; so the central query does not reach (or list) it.
    return {
      failure:
        'central query hop fails — the central query does not list the TLS querier',
      findings: [
        ...downstream.findings,
        {
          id: 'sidecar.central-missing-tls-querier',
          severity: 'error',
          title: 'Central query does not list the TLS querier',
          detail: `${context} Yet the TLS querier itself reaches the sidecar ${downstream.sidecarHealthy.name} with the cluster's labels.`,
          hint: `Check the observer's thanos-tls-querier map has an entry for "${ctx.obs.observeeKey}" and that the central query's endpoints include dnssrv+_grpc._tcp.${ctx.tlsQuerierName}-query-grpc.monitoring.svc.cluster.local (a new entry appears after the DNS discovery interval, 30s by default); the central query's log shows "update of endpoint failed" with the reason.`,
          source: 'thanos-query',
          hop: 'central-query',
        },
      ],
      hops: {
        ...downstream.hops,
        'central-query': {
          state: 'error',
          summary: 'Does not list the TLS querier',
        },
      },
    };
  }
  return {
    ...downstream,
    hops: {
      ...downstream.hops,
      'central-query': {
        state: 'ok',
        summary:
          "Readable; the cluster's labels are missing because a later hop fails",
      },
    },
  };
}

interface DownstreamJudgement extends PathJudgement {
  /** A healthy sidecar entry with the cluster's labels in the TLS querier's list. */
  sidecarHealthy?: StoreEndpoint;
}

/**
 * The TLS querier's own `/api/v1/stores`: whether it can be read, and what it says about the sidecar.
 * `context` opens the detail of a failure found here (what was already seen further up).
 */
function judgeFromTlsQuerier(
  ctx: Context,
  context: string,
): DownstreamJudgement {
  const tls = ctx.obs.tlsQuerier;
  const lead = context.endsWith('.') ? context : `${capitalise(context)}.`;
  if (tls === null) {
    return {
      findings: [],
      hops: {
        'central-query': NOT_JUDGED,
        'tls-querier': {
          state: 'unknown',
          summary: 'Not judged: no TLS querier URL configured',
        },
        sidecar: NOT_JUDGED,
      },
    };
  }
  if (!tls.ok) {
    return {
      failure: `TLS querier hop fails — ${tls.error}`,
      findings: [
        {
          id: 'sidecar.tls-querier-unreachable',
          severity: 'error',
          title: 'TLS querier could not be read',
          detail: `${lead} Reading the TLS querier's /api/v1/stores failed${
            tls.status ? ` with HTTP ${tls.status}` : ''
          }: ${tls.error}`,
          hint: `Check the Helm release ${ctx.tlsQuerierName} on the observer: its pods (kubectl -n monitoring get pods -l app.kubernetes.io/instance=${ctx.tlsQuerierName}) and its services ${ctx.tlsQuerierName}-query (HTTP) and ${ctx.tlsQuerierName}-query-grpc (the central query's dnssrv target).`,
          source: 'tls-querier',
          hop: 'tls-querier',
        },
      ],
      hops: {
        'central-query': NOT_JUDGED,
        'tls-querier': {
          state: 'error',
          summary: `Could not be read: ${tls.error}`,
        },
        sidecar: NOT_JUDGED,
      },
    };
  }

  const tlsOk: HopJudgement = { state: 'ok', summary: 'Readable' };
  const sidecars = sidecarEntries(ctx, tls.endpoints);
  const matching = sidecars.filter(entry =>
    belongsToCluster(entry, ctx.obs.externalLabels),
  );
  const healthyMatching = freshestHealthy(matching);
  const failing = sidecars.filter(entry => entry.lastError !== null);

  if (healthyMatching) {
    return {
      sidecarHealthy: healthyMatching,
      findings: failing.map(entry =>
        endpointErrorFinding(ctx, entry, 'tls-querier', ANOTHER_ENDPOINT),
      ),
      hops: {
        'central-query': NOT_JUDGED,
        'tls-querier': tlsOk,
        sidecar: {
          state: 'ok',
          summary: 'Healthy at the TLS querier',
          endpoint: healthyMatching,
        },
      },
    };
  }
  if (failing.length > 0) {
    const first = failing[0];
    return {
      failure: `sidecar hop fails — ${innermostStoreError(
        first.lastError ?? '',
      )}`,
      findings: failing.map(entry =>
        endpointErrorFinding(ctx, entry, 'tls-querier', undefined, lead),
      ),
      hops: {
        'central-query': NOT_JUDGED,
        'tls-querier': tlsOk,
        sidecar: {
          state: 'error',
          summary: failingSummary(first),
          endpoint: first,
        },
      },
    };
  }
  if (sidecars.length > 0) {
    const found = sidecars.flatMap(entry =>
      entry.labelSets.map(describeLabelSet),
    );
    return {
      failure: `the sidecar answers with labels that do not match ${ctx.selector}`,
      findings: [
        {
          id: 'sidecar.labels-mismatch',
          severity: 'error',
          title: "Sidecar's labels do not match the entity's external labels",
          detail: `${lead} The TLS querier reaches ${sidecars
            .map(e => e.name)
            .join(', ')}, which reports the labels ${
            found.join(' ') || '(none)'
          }; the entity's thanos.io/external-labels is ${ctx.selector}.`,
          hint: "Make the two agree: fix the entity's thanos.io/external-labels annotation, or the Prometheus external labels of the observee (kube-prometheus-stack prometheusSpec.externalLabels).",
          source: 'tls-querier',
          hop: 'sidecar',
        },
      ],
      hops: {
        'central-query': NOT_JUDGED,
        'tls-querier': tlsOk,
        sidecar: {
          state: 'error',
          summary: 'Answers with other labels',
          endpoint: sidecars[0],
        },
      },
    };
  }

  const expected = ctx.obs.expectedSidecarAddress;
  const others = tls.endpoints.map(e => `${e.type} ${e.name}`);
  return {
    failure: 'sidecar hop fails — the sidecar never answered the TLS querier',
    findings: [
      {
        id: 'sidecar.absent',
        severity: 'error',
        title: 'Sidecar never answered the TLS querier',
        detail: `${lead} The TLS querier lists no sidecar${
          expected ? ` (it should dial ${expected})` : ''
        }${
          others.length > 0
            ? `; it lists only ${others.join(', ')}`
            : '; its list is empty'
        }. Absent means unreachable: Thanos does not list endpoints that never answered, and drops failing ones after --store.unhealthy-timeout (5m).`,
        hint: `Read the TLS querier's log (kubectl -n monitoring logs -l app.kubernetes.io/instance=${ctx.tlsQuerierName}) for "update of endpoint failed" with the sidecar's address: it carries the error. Check the address in the observer's thanos-tls-querier stores entry resolves and that the sidecar ingress answers on 443.`,
        source: 'tls-querier',
        hop: 'sidecar',
      },
    ],
    hops: {
      'central-query': NOT_JUDGED,
      'tls-querier': tlsOk,
      sidecar: {
        state: 'error',
        summary: 'Not listed: never answered or dropped',
      },
    },
  };
}

/** The TLS querier's entries that stand for the observee's sidecar. */
function sidecarEntries(
  ctx: Context,
  endpoints: StoreEndpoint[],
): StoreEndpoint[] {
  return endpoints.filter(
    entry =>
      entry.type === 'sidecar' || entry.name === ctx.obs.expectedSidecarAddress,
  );
}

function labelsMissingContext(
  ctx: Context,
  clusterEntries: StoreEndpoint[],
  allEntries: StoreEndpoint[],
): string {
  const parts = [
    `The central query lists no query or sidecar endpoint whose labels match ${ctx.selector}.`,
  ];
  const stores = clusterEntries.filter(entry => entry.type === 'store');
  if (stores.length > 0) {
    const newest = newestDataTime(stores);
    parts.push(
      `Only the store gateway ${stores
        .map(e => e.name)
        .join(', ')} serves the cluster's blocks from the bucket${
        newest === null ? '' : `, up to ${new Date(newest).toISOString()}`
      }; that is historical data and says nothing about the sidecar.`,
    );
  }
  const empty = allEntries.filter(isEmptyQuerier);
  if (empty.length > 0) {
    parts.push(
      `${empty.map(e => e.name).join(', ')} ${
        empty.length === 1 ? 'is a query endpoint' : 'are query endpoints'
      } with empty label sets and no time range (minTime at the minimum int64): the signature of a TLS querier whose sidecar is unreachable (its name is a pod IP, so which cluster it serves cannot be told from here).`,
    );
  }
  return parts.join(' ');
}

/**
 * A failing entry. `stillVisible` says why the cluster's data is nevertheless visible (another
 * healthy endpoint), which makes the failure a warning instead of an error.
 */
function endpointErrorFinding(
  ctx: Context,
  entry: StoreEndpoint,
  seenBy: 'central' | 'tls-querier',
  stillVisible: string | undefined,
  lead?: string,
): Finding {
  const raw = entry.lastError ?? '';
  const explanation = explainStoreError(raw);
  const target = entry.type === 'query' ? 'the TLS querier' : 'the sidecar';
  const viewer = seenBy === 'central' ? 'Central query' : 'TLS querier';
  const age = lastCheckAge(entry, ctx.obs.now);
  const since =
    age === null
      ? 'no successful check is recorded'
      : `its last successful check was ${describeDuration(age)} ago (${
          entry.lastCheck
        })`;
  const detail = [
    lead,
    `${
      viewer === 'Central query' ? 'The central query' : 'The TLS querier'
    } lists ${entry.type} ${entry.name} with lastError "${raw}"; ${since}.`,
    explanation?.cause,
    stillVisible,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    id: 'sidecar.endpoint-error',
    severity: stillVisible ? 'warning' : 'error',
    title: `${viewer} cannot reach ${target}${
      explanation ? `: ${lowerFirst(explanation.title)}` : ''
    }`,
    detail,
    hint:
      explanation?.hint ??
      `The error is not one we recognise; the ${
        viewer === 'Central query' ? 'central query' : 'TLS querier'
      }'s log line "update of endpoint failed" for ${
        entry.name
      } has the same text with more context.`,
    source: seenBy === 'central' ? 'thanos-query' : 'tls-querier',
    hop: entry.type === 'query' ? 'tls-querier' : 'sidecar',
  };
}

function failingSummary(entry: StoreEndpoint): string {
  return `Fails its health check: ${innermostStoreError(
    entry.lastError ?? '',
  )}`;
}

function summarise(
  ctx: Context,
  path: PathJudgement,
  findings: Finding[],
  state: HealthState,
  liveEntries: StoreEndpoint[],
): string {
  const best = path.reachableThrough;
  if (best) {
    const route =
      best.type === 'sidecar'
        ? `Reachable directly (sidecar ${best.name})`
        : `Reachable through ${ctx.tlsQuerierName} (${best.name})`;
    const newest = newestDataTime(liveEntries);
    const freshness =
      newest === null
        ? 'data live'
        : `data ${describeDuration(ctx.obs.now - newest)} old`;
    const concern = findings.find(
      f => f.severity !== 'info' && f.id !== 'sidecar.data-stale',
    );
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
