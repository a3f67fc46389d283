'use strict';

/**
 * JSON text as Thanos' Go code writes it, for the few things `JSON.stringify` cannot reproduce.
 *
 * Thanos encodes API responses with `jsoniter.ConfigCompatibleWithStandardLibrary`
 * (thanos-io/thanos `pkg/api/api.go` `Respond`), which behaves like Go's `encoding/json`:
 * - int64 fields such as `minTime`/`maxTime` are written as exact integers, including the
 *   sentinels ±2^63 that a JavaScript number cannot hold. Callers pass them as `bigint`, and they
 *   are written digit for digit;
 * - `time.Time` is written as RFC 3339 with nanoseconds and trailing zeros trimmed;
 * - map keys are sorted, struct fields keep their declaration order. Plain JS objects keep their
 *   insertion order here, so callers build maps with `sortedMap` and structs field by field;
 * - `<`, `>`, `&`, U+2028 and U+2029 inside strings are escaped as `\u003c` and so on.
 */

/** `math.MinInt64`: the `minTime` of a querier that has no healthy store (pkg/store/proxy.go). */
const MIN_INT64 = -9223372036854775808n;
/** `math.MaxInt64`: a sidecar's `maxTime` (cmd/thanos/sidecar.go `UpdateTimestamps`). */
const MAX_INT64 = 9223372036854775807n;

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

/** @param {string} text */
function encodeString(text) {
  return JSON.stringify(text).replace(
    HTML_UNSAFE,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Encodes a value the way Go's encoding/json would encode the equivalent Go value.
 * `bigint` → exact integer; `null` → null; arrays and objects recursively (object keys in
 * insertion order).
 *
 * @param {unknown} value
 * @returns {string}
 */
function encodeGoJson(value) {
  if (value === null || value === undefined) {
    return 'null';
  }
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'string':
      return encodeString(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(`Go's encoding/json cannot encode ${value}`);
      }
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(value)) {
    return `[${value.map(encodeGoJson).join(',')}]`;
  }
  const fields = Object.entries(
    /** @type {Record<string, unknown>} */ (value),
  ).filter(([, v]) => v !== undefined);
  return `{${fields
    .map(([k, v]) => `${encodeString(k)}:${encodeGoJson(v)}`)
    .join(',')}}`;
}

/**
 * A copy of `record` whose keys are in Go's map order (sorted by byte value), e.g. a
 * `labels.Labels` (marshalled as a map) or the group map of `/api/v1/stores`.
 *
 * @template T
 * @param {Record<string, T>} record
 * @returns {Record<string, T>}
 */
function sortedMap(record) {
  /** @type {Record<string, T>} */
  const out = {};
  for (const key of Object.keys(record).sort(compareBytes)) {
    out[key] = record[key];
  }
  return out;
}

/** @param {string} a @param {string} b */
function compareBytes(a, b) {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return Buffer.compare(ba, bb);
}

/**
 * Go's `time.Time.MarshalJSON` for a UTC time: RFC 3339 with up to nine fractional digits,
 * trailing zeros trimmed (`2026-11-24T09:59:58.41309Z`, or no fraction at all on a whole second).
 *
 * @param {number} epochMs whole milliseconds since the epoch
 * @param {number} [subMillisecondNanos] 0–999999, the nanoseconds Go would also print
 */
function rfc3339Nano(epochMs, subMillisecondNanos = 0) {
  const whole = Math.floor(epochMs);
  const iso = new Date(whole).toISOString(); // 2026-11-24T09:59:58.413Z
  const seconds = iso.slice(0, 19);
  const nanos = (whole % 1000) * 1e6 + Math.floor(subMillisecondNanos);
  const fraction = String(nanos).padStart(9, '0').replace(/0+$/, '');
  return `${seconds}${fraction ? `.${fraction}` : ''}Z`;
}

module.exports = {
  MIN_INT64,
  MAX_INT64,
  encodeGoJson,
  sortedMap,
  compareBytes,
  rfc3339Nano,
};
