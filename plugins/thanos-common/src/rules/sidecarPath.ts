import type { Finding, HopId, StoreEndpoint } from '../types';
import { describeDuration } from './durations';
import {
  endpointErrorFinding,
  failingSummary,
  labelsMissingContext,
} from './sidecarEndpointFindings';
import {
  ANOTHER_ENDPOINT,
  HopJudgement,
  NOT_JUDGED,
  PathJudgement,
  STALE_DATA_MS,
  STALE_HEALTH_CHECK_MS,
  STILL_LISTED_CENTRALLY,
  SidecarContext,
} from './sidecarPathTypes';
import {
  carriesLiveData,
  freshestHealthy,
  lastCheckAge,
  newestDataTime,
} from './storeEndpoints';
import { explainStoreError, innermostStoreError } from './storeErrors';
import { judgeFromTlsQuerier, sidecarEntries } from './tlsQuerierHop';

/**
 * The path central query → TLS querier → sidecar as the central query's `/api/v1/stores` shows
 * it, asking the TLS querier where the central query cannot tell which hop broke.
 */

export function judgeWithoutCentral(
  ctx: SidecarContext,
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

export function judgeThroughCentral(
  ctx: SidecarContext,
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
  ctx: SidecarContext,
  best: StoreEndpoint,
  carriers: StoreEndpoint[],
): PathJudgement {
  const { now } = ctx.obs;
  const centralFindings: Finding[] = [
    ...carriers
      .filter(entry => entry.lastError !== null)
      .map(entry =>
        endpointErrorFinding(ctx, entry, 'central', ANOTHER_ENDPOINT),
      ),
    ...staleHealthCheckFindings(best, now),
    ...staleDataFindings(
      ctx,
      carriers.filter(entry => entry.lastError === null),
    ),
  ];
  if (best.type === 'sidecar') {
    return {
      hops: directHops(best),
      findings: centralFindings,
      reachableThrough: best,
    };
  }
  const beyond = judgeBeyondTlsQuerier(ctx);
  return {
    hops: throughTlsQuerierHops(best, beyond.sidecar),
    findings: [...centralFindings, ...beyond.findings],
    reachableThrough: best,
  };
}

function staleHealthCheckFindings(best: StoreEndpoint, now: number): Finding[] {
  const age = lastCheckAge(best, now);
  if (age === null || !(age > STALE_HEALTH_CHECK_MS)) return [];
  return [
    {
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
    },
  ];
}

function staleDataFindings(
  ctx: SidecarContext,
  healthy: StoreEndpoint[],
): Finding[] {
  const { now } = ctx.obs;
  const dataMaxTime = newestDataTime(healthy);
  if (dataMaxTime === null || !(now - dataMaxTime > STALE_DATA_MS)) return [];
  return [
    {
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
    },
  ];
}

/** The central query dials the sidecar itself. */
function directHops(best: StoreEndpoint): Record<HopId, HopJudgement> {
  return {
    'central-query': {
      state: 'ok',
      summary: `Lists the cluster through ${best.type} ${best.name}`,
    },
    'tls-querier': {
      state: 'ok',
      summary: 'Not in the path: the central query dials the sidecar directly',
    },
    sidecar: {
      state: 'ok',
      summary: 'Healthy at the central query',
      endpoint: best,
    },
  };
}

/** The central query reaches the sidecar through the healthy TLS querier `best`. */
function throughTlsQuerierHops(
  best: StoreEndpoint,
  sidecar: StoreEndpoint | undefined,
): Record<HopId, HopJudgement> {
  return {
    'central-query': {
      state: 'ok',
      summary: `Lists the cluster through ${best.type} ${best.name}`,
    },
    'tls-querier': {
      state: 'ok',
      summary:
        "Healthy and carries the cluster's labels, so it reaches the sidecar",
      endpoint: best,
    },
    sidecar: {
      state: 'ok',
      summary: 'Reached through the TLS querier',
      ...(sidecar ? { endpoint: sidecar } : {}),
    },
  };
}

/**
 * The TLS querier's own list names the sidecar and shows failing replicas the labels hide; the
 * healthy sidecar it names, if any, and the findings on the failing ones.
 */
function judgeBeyondTlsQuerier(ctx: SidecarContext): {
  sidecar?: StoreEndpoint;
  findings: Finding[];
} {
  const tls = ctx.obs.tlsQuerier;
  if (!tls) return { findings: [] };
  if (!tls.ok) {
    return {
      findings: [
        {
          id: 'sidecar.tls-querier-unreadable',
          severity: 'info',
          title: "TLS querier's own API could not be read",
          detail: `Reading the TLS querier's /api/v1/stores failed: ${tls.error}. The central query shows the path works, so only the sidecar's own entry is missing from this view.`,
          hint: 'Check the TLS querier URL template of this instance (or the Kubernetes route to it); the gRPC path the central query uses is not affected.',
          source: 'tls-querier',
          hop: 'tls-querier',
        },
      ],
    };
  }
  const sidecars = sidecarEntries(ctx, tls.endpoints);
  const healthySidecar = freshestHealthy(sidecars);
  return {
    sidecar: healthySidecar,
    findings: sidecars
      .filter(entry => entry.lastError !== null)
      .map(entry =>
        endpointErrorFinding(
          ctx,
          entry,
          'tls-querier',
          healthySidecar ? ANOTHER_ENDPOINT : STILL_LISTED_CENTRALLY,
        ),
      ),
  };
}

/** Every entry with the cluster's labels is failing its health check. */
function judgeFailingCarriers(
  ctx: SidecarContext,
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
  ctx: SidecarContext,
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
