import { parseHcl } from '../hcl/hashicorp';

/**
 * The two maps of the observer's `eks-addons/terragrunt.hcl` inputs that list the observees
 * (docs/infra-repo.md, "The observer maps"): the TLS querier that dials each observee's sidecar,
 * and the store gateway that reads each observee's bucket.
 *
 * @public
 */
export const TLS_QUERIER_MAP = 'thanos-tls-querier';

/** @public */
export const STORE_GATEWAY_MAP = 'thanos-storegateway';

/** @public */
export const OBSERVER_MAPS = [TLS_QUERIER_MAP, STORE_GATEWAY_MAP] as const;

/** @public */
export type ObserverMapName = (typeof OBSERVER_MAPS)[number];

/**
 * The observer maps of one `eks-addons` unit, as HashiCorp's parser reads them: each map's
 * entries by observee key. A map the file does not hold is empty.
 *
 * @public
 */
export type ObserverMaps = Record<ObserverMapName, Record<string, unknown>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The observer maps held by a parsed `eks-addons` unit (the JSON form of HashiCorp's parser), or
 * undefined when its inputs hold neither map, which means the unit is not an observer's.
 *
 * @public
 */
export function observerMapsOf(
  parsed: Record<string, unknown>,
): ObserverMaps | undefined {
  const inputs = isRecord(parsed.inputs) ? parsed.inputs : {};
  if (!OBSERVER_MAPS.some(map => map in inputs)) return undefined;
  const maps = {} as ObserverMaps;
  for (const map of OBSERVER_MAPS) {
    const value = inputs[map];
    maps[map] = isRecord(value) ? value : {};
  }
  return maps;
}

/**
 * Parses an `eks-addons/terragrunt.hcl` with HashiCorp's parser and returns its observer maps, or
 * undefined when it is not an observer's unit. Rejects with the parser's diagnostics when the file
 * does not parse.
 *
 * @param path - the file's path, used in the parser's messages
 * @public
 */
export async function readObserverMaps(
  path: string,
  source: string,
): Promise<ObserverMaps | undefined> {
  return observerMapsOf(await parseHcl(path, source));
}

/**
 * Where an observee key is registered: in both maps, in one of them only (a half-registered state
 * that needs a manual fix), or in neither.
 *
 * @public
 */
export type Registration = 'registered' | 'partial' | 'unregistered';

/** @public */
export function registrationOf(maps: ObserverMaps, key: string): Registration {
  const found = OBSERVER_MAPS.filter(map =>
    Object.prototype.hasOwnProperty.call(maps[map], key),
  ).length;
  if (found === OBSERVER_MAPS.length) return 'registered';
  return found === 0 ? 'unregistered' : 'partial';
}
