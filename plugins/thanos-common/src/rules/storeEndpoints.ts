import type { LabelMatcher, StoreEndpoint } from '../types';
import { parseRfc3339 } from './durations';
import { matchesLabelSet } from './labelMatching';

/**
 * Readings of single `/api/v1/stores` entries (normalised `StoreEndpoint`s, see docs/thanos.md,
 * "The store list"): which cluster an entry belongs to, whether it carries live data, how old its
 * last check is.
 */

/**
 * Whether the entry serves this cluster: one of its label sets satisfies the matchers. Entries are
 * never matched by `name`, which under DNS discovery is a pod `IP:port`. A failing entry keeps the
 * label sets of its last good check, so it still matches.
 */
export function belongsToCluster(
  endpoint: StoreEndpoint,
  matchers: LabelMatcher[],
): boolean {
  return endpoint.labelSets.some(labelSet =>
    matchesLabelSet(matchers, labelSet),
  );
}

/**
 * Entry types through which a cluster's recent samples reach a querier: its sidecar directly, or a
 * querier (the per-observee TLS querier) in front of it. A store gateway only serves the blocks
 * already in the bucket, so it proves nothing about the sidecar.
 */
export function carriesLiveData(endpoint: StoreEndpoint): boolean {
  return endpoint.type === 'sidecar' || endpoint.type === 'query';
}

/**
 * The signature of a querier with no healthy store behind it (a TLS querier whose remote sidecar
 * is gone): Thanos still lists it as healthy, with no label sets and the minimum-int64 `minTime`
 * (`pkg/store/proxy.go` `TimeRange`/`LabelSet`), which the backend normalises to null.
 *
 * @public
 */
export function isEmptyQuerier(endpoint: StoreEndpoint): boolean {
  return (
    endpoint.type === 'query' &&
    endpoint.lastError === null &&
    endpoint.labelSets.length === 0 &&
    endpoint.minTime === null
  );
}

/** Milliseconds since the entry's last successful health check, or null when unknown. */
export function lastCheckAge(
  endpoint: StoreEndpoint,
  now: number,
): number | null {
  const lastCheck = parseRfc3339(endpoint.lastCheck);
  return lastCheck === null ? null : now - lastCheck;
}

/** The healthy entry checked most recently (the best witness), if any. */
export function freshestHealthy(
  endpoints: StoreEndpoint[],
): StoreEndpoint | undefined {
  return endpoints
    .filter(endpoint => endpoint.lastError === null)
    .reduce<StoreEndpoint | undefined>((best, endpoint) => {
      if (!best) return endpoint;
      return (parseRfc3339(endpoint.lastCheck) ?? 0) >
        (parseRfc3339(best.lastCheck) ?? 0)
        ? endpoint
        : best;
    }, undefined);
}

/**
 * Newest sample time the entries reach, epoch ms; null when one of them has no upper limit (a live
 * sidecar, whose `maxTime` is the maximum int64) or when there are none.
 */
export function newestDataTime(endpoints: StoreEndpoint[]): number | null {
  if (
    endpoints.length === 0 ||
    endpoints.some(endpoint => endpoint.maxTime === null)
  ) {
    return null;
  }
  return Math.max(...endpoints.map(endpoint => endpoint.maxTime as number));
}

/** Oldest sample time the entries reach, epoch ms; null when none says. */
export function oldestDataTime(endpoints: StoreEndpoint[]): number | null {
  const times = endpoints
    .map(endpoint => endpoint.minTime)
    .filter((time): time is number => time !== null);
  return times.length === 0 ? null : Math.min(...times);
}

/** A label set as PromQL writes it, `{cluster="observee", prometheus="…"}`, for details. */
export function describeLabelSet(labelSet: Record<string, string>): string {
  const pairs = Object.entries(labelSet).map(
    ([name, value]) => `${name}=${JSON.stringify(value)}`,
  );
  return `{${pairs.join(', ')}}`;
}
