import type { Finding, StoreEndpoint } from '../types';
import { describeDuration } from './durations';
import type { SidecarContext } from './sidecarPathTypes';
import { isEmptyQuerier, lastCheckAge, newestDataTime } from './storeEndpoints';
import { explainStoreError, innermostStoreError } from './storeErrors';
import { lowerFirst } from './wording';

/** Findings and wording about single `/api/v1/stores` entries on the sidecar path. */

export function labelsMissingContext(
  ctx: SidecarContext,
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
export function endpointErrorFinding(
  ctx: SidecarContext,
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

export function failingSummary(entry: StoreEndpoint): string {
  return `Fails its health check: ${innermostStoreError(
    entry.lastError ?? '',
  )}`;
}

/**
 * The cluster's store gateways (the observer's `store` entries with its labels) that fail their
 * health check. Recent data still comes through the sidecar, so this is a warning: what is lost is
 * everything older than the sidecar's Prometheus retention, which only the bucket holds.
 */
export function storeGatewayFindings(
  ctx: SidecarContext,
  clusterEntries: StoreEndpoint[],
): Finding[] {
  return clusterEntries
    .filter(entry => entry.type === 'store' && entry.lastError !== null)
    .map(entry => {
      const raw = entry.lastError ?? '';
      const age = lastCheckAge(entry, ctx.obs.now);
      return {
        id: 'sidecar.store-gateway-error',
        severity: 'warning',
        title: `Store gateway ${entry.name} fails: the cluster's older blocks cannot be queried`,
        detail: `The central query lists store ${entry.name} (labels ${
          ctx.selector
        }) with lastError "${raw}"; ${
          age === null
            ? 'no successful check is recorded'
            : `its last successful check was ${describeDuration(age)} ago`
        }. Data older than the sidecar's Prometheus retention lives only in the bucket, so queries over longer ranges come back incomplete (or fail without partial responses).`,
        hint: `Check the store gateway's log and its bucket access (the thanos-storegateway entry of this cluster in the observer's maps: bucket name, region, IAM role). "${innermostStoreError(
          raw,
        )}" is what the central query last heard.`,
        source: 'thanos-query',
      } satisfies Finding;
    });
}
