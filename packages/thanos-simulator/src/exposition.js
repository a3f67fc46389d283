'use strict';

const { compareBytes } = require('./goJson');

/**
 * Prometheus text exposition format 0.0.4, written the way Thanos' Go client (client_golang,
 * prometheus/common `expfmt.MetricFamilyToText`) writes it: families sorted by name, each with
 * `# HELP` and `# TYPE`, label names sorted, values in Go's shortest `%g` form
 * (`1.795507230e+09` style for large numbers).
 */

/**
 * @typedef {object} Sample
 * @property {Record<string, string>} [labels]
 * @property {number} value
 *
 * @typedef {object} MetricFamily
 * @property {string} name
 * @property {string} help
 * @property {'counter' | 'gauge'} type
 * @property {Sample[]} samples
 */

/** The media type Prometheus expects for this format. */
const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Go's `strconv.FormatFloat(v, 'g', -1, 64)`, which expfmt's `writeFloat` uses: shortest
 * round-trip digits, exponent form when the decimal exponent is < -4 or >= 6 (Go decides with
 * precision 6 for the shortest form), exponent with a sign and at least two digits.
 *
 * @param {number} value
 */
function formatGoFloat(value) {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '+Inf' : '-Inf';
  }
  if (value === 0) {
    return Object.is(value, -0) ? '-0' : '0';
  }
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/** @param {string} value */
function escapeLabelValue(value) {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/"/g, '\\"');
}

/** @param {string} help */
function escapeHelp(help) {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** @param {Record<string, string>} labels */
function renderLabels(labels) {
  const names = Object.keys(labels).sort(compareBytes);
  if (names.length === 0) {
    return '';
  }
  return `{${names
    .map(n => `${n}="${escapeLabelValue(labels[n])}"`)
    .join(',')}}`;
}

/**
 * @param {MetricFamily[]} families
 * @returns {string}
 */
function renderExposition(families) {
  const lines = [];
  for (const family of [...families].sort((a, b) =>
    compareBytes(a.name, b.name),
  )) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    const rendered = family.samples.map(s => ({
      labels: renderLabels(s.labels ?? {}),
      value: formatGoFloat(s.value),
    }));
    rendered.sort((a, b) => compareBytes(a.labels, b.labels));
    for (const sample of rendered) {
      lines.push(`${family.name}${sample.labels} ${sample.value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

module.exports = {
  EXPOSITION_CONTENT_TYPE,
  formatGoFloat,
  renderLabels,
  renderExposition,
};
