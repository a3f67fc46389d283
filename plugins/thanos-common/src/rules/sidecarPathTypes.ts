import type { Finding, HealthState, HopId, StoreEndpoint } from '../types';
import { MINUTE_MS } from './durations';
import type { SidecarObservation } from './observations';

/** What the hop-by-hop judgement of the sidecar path shares between its parts. */

/** Thanos checks every endpoint each 5s; a "last successful check" this old means the view is stuck. */
export const STALE_HEALTH_CHECK_MS = 2 * MINUTE_MS;
/** Newest sample older than this on a path that should be live = stale data. */
export const STALE_DATA_MS = 15 * MINUTE_MS;

export const HOP_ORDER: HopId[] = ['central-query', 'tls-querier', 'sidecar'];

export interface HopJudgement {
  state: HealthState;
  summary: string;
  endpoint?: StoreEndpoint;
}

/** What the path analysis concluded, before the sidecar's own signals are added. */
export interface PathJudgement {
  hops: Record<HopId, HopJudgement>;
  findings: Finding[];
  /** Healthy entries through which the cluster's live data reaches the central query. */
  reachableThrough?: StoreEndpoint;
  /** One line on why the cluster is not reachable, when it is not. */
  failure?: string;
}

export interface SidecarContext {
  obs: SidecarObservation;
  selector: string;
  tlsQuerierName: string;
}

export const ANOTHER_ENDPOINT =
  'Another endpoint still serves the cluster, so its data stays visible.';
export const STILL_LISTED_CENTRALLY =
  "The central query still lists the cluster's labels through the TLS querier, so the failure is recent: the labels vanish within seconds if it persists.";

export const NOT_JUDGED: HopJudgement = {
  state: 'unknown',
  summary: 'Not judged: an earlier hop fails or could not be read',
};
