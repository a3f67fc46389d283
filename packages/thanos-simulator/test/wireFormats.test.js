'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const {
  encodeGoJson,
  rfc3339Nano,
  MIN_INT64,
  MAX_INT64,
} = require('../src/goJson');
const { formatGoFloat } = require('../src/exposition');

/**
 * The Go encodings the simulator reproduces (encoding/json, time.Time.MarshalJSON,
 * strconv.FormatFloat 'g' -1). Expected texts follow the shapes of real Thanos output quoted in
 * in docs/thanos.md ("The two hops", "Error texts") and of client_golang /metrics pages.
 */
describe('Go wire formats', () => {
  it('writes int64 extremes digit for digit, which JSON.stringify cannot', () => {
    assert.equal(
      encodeGoJson({ minTime: MIN_INT64, maxTime: MAX_INT64 }),
      '{"minTime":-9223372036854775808,"maxTime":9223372036854775807}',
    );
    assert.equal(
      JSON.stringify({ maxTime: Number(MAX_INT64) }),
      '{"maxTime":9223372036854776000}',
    );
  });

  it('escapes HTML characters in strings as Go does', () => {
    assert.equal(encodeGoJson('a <b> & c'), '"a \\u003cb\\u003e \\u0026 c"');
  });

  it('formats times like time.Time.MarshalJSON, trimming trailing zeros', () => {
    assert.equal(
      rfc3339Nano(Date.UTC(2026, 10, 24, 9, 59, 58, 413), 90112),
      '2026-11-24T09:59:58.413090112Z',
    );
    assert.equal(
      rfc3339Nano(Date.UTC(2026, 10, 24, 9, 59, 58, 410), 0),
      '2026-11-24T09:59:58.41Z',
    );
    assert.equal(
      rfc3339Nano(Date.UTC(2026, 10, 24, 9, 59, 58, 0), 0),
      '2026-11-24T09:59:58Z',
    );
  });

  it('formats sample values like client_golang', () => {
    assert.equal(formatGoFloat(1795507231), '1.795507231e+09');
    assert.equal(formatGoFloat(123456), '123456');
    assert.equal(formatGoFloat(1234567), '1.234567e+06');
    assert.equal(formatGoFloat(3.712), '3.712');
    assert.equal(formatGoFloat(0.00001), '1e-05');
    assert.equal(formatGoFloat(0), '0');
    assert.equal(formatGoFloat(Infinity), '+Inf');
  });
});
