import type { Finding, StoreEndpoint } from '../types';
import type { StoresRead } from './observations';
import {
  endpointErrorFinding,
  failingSummary,
} from './sidecarEndpointFindings';
import {
  ANOTHER_ENDPOINT,
  HopJudgement,
  NOT_JUDGED,
  PathJudgement,
  SidecarContext,
} from './sidecarPathTypes';
import {
  belongsToCluster,
  describeLabelSet,
  freshestHealthy,
} from './storeEndpoints';
import { innermostStoreError } from './storeErrors';
import { capitalise } from './wording';

/**
 * The observee TLS querier's own `/api/v1/stores`: the hop the central query cannot see past. A
 * querier lists only endpoints that answered at least once, so a sidecar that is absent here never
 * answered, or stopped answering more than --store.unhealthy-timeout ago.
 */

export interface DownstreamJudgement extends PathJudgement {
  /** A healthy sidecar entry with the cluster's labels in the TLS querier's list. */
  sidecarHealthy?: StoreEndpoint;
}

/**
 * The TLS querier's own `/api/v1/stores`: whether it can be read, and what it says about the sidecar.
 * `context` opens the detail of a failure found here (what was already seen further up).
 */
export function judgeFromTlsQuerier(
  ctx: SidecarContext,
  context: string,
): DownstreamJudgement {
  const tls = ctx.obs.tlsQuerier;
  const lead = context.endsWith('.') ? context : `${capitalise(context)}.`;
  if (tls === null || !tls.ok) return tlsQuerierNotRead(ctx, lead, tls);

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
  if (sidecars.length > 0) return labelsMismatch(ctx, lead, sidecars);
  return sidecarAbsent(ctx, lead, tls.endpoints);
}

/** The TLS querier reaches a sidecar, but one with other labels than the entity's. */
function labelsMismatch(
  ctx: SidecarContext,
  lead: string,
  sidecars: StoreEndpoint[],
): DownstreamJudgement {
  const found = sidecars.flatMap(entry =>
    entry.labelSets.map(describeLabelSet),
  );
  return sidecarHopFails(
    `the sidecar answers with labels that do not match ${ctx.selector}`,
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
    {
      state: 'error',
      summary: 'Answers with other labels',
      endpoint: sidecars[0],
    },
  );
}

/** The TLS querier lists no sidecar at all: it never answered, or was dropped. */
function sidecarAbsent(
  ctx: SidecarContext,
  lead: string,
  endpoints: StoreEndpoint[],
): DownstreamJudgement {
  const expected = ctx.obs.expectedSidecarAddress;
  const others = endpoints.map(e => `${e.type} ${e.name}`);
  return sidecarHopFails(
    'sidecar hop fails — the sidecar never answered the TLS querier',
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
    { state: 'error', summary: 'Not listed: never answered or dropped' },
  );
}

/** No TLS querier to ask (none configured), or one that could not be read. */
function tlsQuerierNotRead(
  ctx: SidecarContext,
  lead: string,
  tls: Exclude<StoresRead, { ok: true }> | null,
): DownstreamJudgement {
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

/** A readable TLS querier whose sidecar hop fails with one finding. */
function sidecarHopFails(
  failure: string,
  finding: Finding,
  sidecar: HopJudgement,
): DownstreamJudgement {
  return {
    failure,
    findings: [finding],
    hops: {
      'central-query': NOT_JUDGED,
      'tls-querier': { state: 'ok', summary: 'Readable' },
      sidecar,
    },
  };
}

/** The TLS querier's entries that stand for the observee's sidecar. */
export function sidecarEntries(
  ctx: SidecarContext,
  endpoints: StoreEndpoint[],
): StoreEndpoint[] {
  return endpoints.filter(
    entry =>
      entry.type === 'sidecar' || entry.name === ctx.obs.expectedSidecarAddress,
  );
}
