import type { LabelMatcher, StoreEndpoint } from '../types';
import { matchesLabelSet } from './labelMatching';

/**
 * A label set the observer's Thanos Query serves that no catalog entity claims: a cluster Thanos
 * sees but the catalog does not know.
 *
 * @public
 */
export interface UnclaimedLabelSet {
  labels: Record<string, string>;
  /** The store types that serve it (`sidecar`, `query`, `store`, …), sorted. */
  types: string[];
}

/**
 * The label sets of the central `/api/v1/stores` answer that none of the given entities' external
 * label matchers select, each once, in a stable order. Empty label sets (a TLS querier whose
 * sidecar is gone) name no cluster and are left out; so are the label sets of endpoints that
 * could not be reached, whose labels Thanos keeps from the last good check.
 *
 * @public
 */
export function unclaimedLabelSets(
  endpoints: StoreEndpoint[],
  claims: LabelMatcher[][],
): UnclaimedLabelSet[] {
  const found = new Map<string, UnclaimedLabelSet>();
  for (const endpoint of endpoints) {
    if (endpoint.lastError) continue;
    for (const labels of endpoint.labelSets) {
      if (Object.keys(labels).length === 0) continue;
      if (claims.some(matchers => matchesLabelSet(matchers, labels))) continue;
      const key = JSON.stringify(Object.entries(labels).sort());
      const entry = found.get(key) ?? { labels, types: [] };
      if (!entry.types.includes(endpoint.type)) entry.types.push(endpoint.type);
      found.set(key, entry);
    }
  }
  return [...found.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, entry]) => ({ ...entry, types: [...entry.types].sort() }));
}
