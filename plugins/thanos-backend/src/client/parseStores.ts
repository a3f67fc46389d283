import type { StoreEndpoint } from '@thanos-backstage/plugin-thanos-common';
import { epochMillis, parseThanosJson } from './thanosJson';

/**
 * Normalises the `data` of Thanos Query's `GET /api/v1/stores` into `StoreEndpoint`s, whatever
 * release produced it (docs/thanos.md, "Response shapes across Thanos versions"):
 * - v0.13 (`pkg/query/storeset.go` `StoreStatus`): snake_case `last_check`, `last_error`,
 *   `label_sets`, `min_time`, `max_time`; a failing `last_error` marshals as `{}` (a Go error
 *   without exported fields) and label sets as `{"labels":[{"name","value"}]}`;
 * - v0.14–v0.15: camelCase keys, label sets still `{"labels":[…]}`;
 * - v0.16 and later (`pkg/query/endpointset.go` `EndpointStatus` from v0.23): label sets are
 *   `{"name":"value"}` maps.
 * Every group key is read (`sidecar`, `store`, `query`, `rule`, `receive`, `debug`,
 * `unknown-store-api`, …) because an observee arrives through its TLS querier, a `query` entry.
 * Returns undefined when `data` is not the group map at all.
 */
export function parseStores(data: unknown): StoreEndpoint[] | undefined {
  if (data === null || data === undefined) return [];
  if (!isRecord(data)) return undefined;
  const endpoints: StoreEndpoint[] = [];
  for (const [type, entries] of Object.entries(data)) {
    if (entries === null) continue;
    if (!Array.isArray(entries)) return undefined;
    for (const entry of entries) {
      if (!isRecord(entry) || typeof entry.name !== 'string') return undefined;
      endpoints.push({
        name: entry.name,
        type,
        lastCheck: lastCheck(field(entry, 'lastCheck', 'last_check')),
        lastError: lastError(field(entry, 'lastError', 'last_error')),
        labelSets: labelSets(field(entry, 'labelSets', 'label_sets')),
        minTime: epochMillis(field(entry, 'minTime', 'min_time')),
        maxTime: epochMillis(field(entry, 'maxTime', 'max_time')),
      });
    }
  }
  return endpoints;
}

/**
 * The whole `/api/v1/stores` answer as raw text (as the Kubernetes service proxy hands it over):
 * parsed with {@link parseThanosJson} so the int64 sentinels survive, the envelope checked, the
 * `data` read by {@link parseStores}. Throws an `Error` saying what was wrong with the answer.
 */
export function parseStoresText(text: string): StoreEndpoint[] {
  // Fixed texts: the answer's own words can echo what they should not (see upstreamFailure).
  let body: unknown;
  try {
    body = parseThanosJson(text);
  } catch {
    throw new Error(
      '/api/v1/stores: the answer is not valid JSON (cut off, or not Thanos?)',
    );
  }
  if (!isRecord(body) || typeof body.status !== 'string') {
    throw new Error(
      '/api/v1/stores: JSON without the Thanos envelope {"status":…,"data":…}',
    );
  }
  if (body.status !== 'success') {
    throw new Error(
      `/api/v1/stores: Thanos answered with an error${
        typeof body.errorType === 'string' &&
        /^[a-z_]{1,32}$/.test(body.errorType)
          ? ` (${body.errorType})`
          : ''
      }`,
    );
  }
  const endpoints = parseStores(body.data);
  if (!endpoints) {
    throw new Error(
      '/api/v1/stores: data is not a map of store groups to entries with a name; is this a Thanos Query?',
    );
  }
  return endpoints;
}

/** A v0.13 error without text: say so instead of pretending the entry is healthy. */
export const ERROR_WITHOUT_TEXT =
  'failing (this Thanos release, v0.13, does not report the error text; see the querier log)';

const GO_ZERO_TIME = /^0001-01-01T00:00:00(\.0+)?Z$/;

function field(entry: Record<string, unknown>, camel: string, snake: string) {
  return camel in entry ? entry[camel] : entry[snake];
}

function lastCheck(value: unknown): string | null {
  if (typeof value !== 'string' || value === '' || GO_ZERO_TIME.test(value)) {
    return null;
  }
  return value;
}

function lastError(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  return ERROR_WITHOUT_TEXT;
}

function labelSets(value: unknown): Array<Record<string, string>> {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map(set => {
    if (Array.isArray(set.labels)) {
      const labels: Record<string, string> = {};
      for (const label of set.labels) {
        if (isRecord(label) && typeof label.name === 'string') {
          labels[label.name] = String(label.value ?? '');
        }
      }
      return labels;
    }
    const labels: Record<string, string> = {};
    for (const [name, labelValue] of Object.entries(set)) {
      if (typeof labelValue === 'string') labels[name] = labelValue;
    }
    return labels;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
