'use strict';

const path = require('node:path');
const { loadClusterConfig } = require('../src/clusterConfig');
const { ScenarioBook } = require('../src/scenarioBook');
const { createSimulatorServer } = require('../src/server');

/** The cluster list the package ships, which the example catalog matches. */
const SHIPPED_CLUSTERS = path.join(__dirname, '..', 'clusters.json');

/** A fixed "now" (2026-11-24T10:00:00.000Z) so ages are exact. */
const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);

/**
 * Starts a simulator on a free port with a controllable clock.
 *
 * @param {{startedAt?: number, forwarder?: import('../src/queryForwarder').QueryForwarder}} [options]
 */
async function startSimulator(options = {}) {
  const clusters = loadClusterConfig(SHIPPED_CLUSTERS);
  const clock = { now: options.startedAt ?? T0 };
  const book = new ScenarioBook(clusters, clock.now);
  const { server, forwarder } = createSimulatorServer({
    clusters,
    book,
    now: () => clock.now,
    forwarder: options.forwarder,
  });
  await new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(undefined)),
  );
  const { port } = /** @type {import('node:net').AddressInfo} */ (
    server.address()
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    clock,
    clusters,
    book,
    forwarder,
    /** @param {string} path @param {RequestInit} [init] */
    fetch: (path, init) => fetch(`${baseUrl}${path}`, init),
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * A small parser for the Prometheus text exposition format, strict enough to catch what
 * Prometheus would reject: every sample belongs to a family announced by `# HELP` and `# TYPE`.
 *
 * @param {string} text
 * @returns {Map<string, {help: string, type: string, samples: Array<{labels: Record<string, string>, value: number}>}>}
 */
function parseExposition(text) {
  const families = new Map();
  const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
  const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/g;
  for (const line of text.split('\n')) {
    if (line === '') {
      continue;
    }
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      const family = families.get(meta[2]) ?? {
        help: '',
        type: '',
        samples: [],
      };
      if (meta[1] === 'HELP') {
        family.help = meta[3];
      } else {
        family.type = meta[3];
      }
      families.set(meta[2], family);
      continue;
    }
    const sample = sampleLine.exec(line);
    if (!sample) {
      throw new Error(`not a valid exposition line: ${line}`);
    }
    const family = families.get(sample[1]);
    if (!family || !family.help || !family.type) {
      throw new Error(`sample of ${sample[1]} without # HELP and # TYPE`);
    }
    /** @type {Record<string, string>} */
    const labels = {};
    for (const pair of (sample[2] ?? '').matchAll(labelPair)) {
      labels[pair[1]] = pair[2];
    }
    const value = Number(
      sample[3].replace(/^\+Inf$/, 'Infinity').replace(/^-Inf$/, '-Infinity'),
    );
    if (Number.isNaN(value) && sample[3] !== 'NaN') {
      throw new Error(`bad sample value in: ${line}`);
    }
    family.samples.push({ labels, value });
  }
  return families;
}

/**
 * The single value of a family's sample matching `labels` (all given labels equal).
 *
 * @param {ReturnType<typeof parseExposition>} families
 * @param {string} name
 * @param {Record<string, string>} [labels]
 */
function sampleValue(families, name, labels = {}) {
  const family = families.get(name);
  if (!family) {
    throw new Error(`no metric family ${name}`);
  }
  const matches = family.samples.filter(s =>
    Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (matches.length !== 1) {
    throw new Error(
      `${matches.length} samples of ${name} match ${JSON.stringify(labels)}`,
    );
  }
  return matches[0].value;
}

module.exports = {
  SHIPPED_CLUSTERS,
  T0,
  startSimulator,
  parseExposition,
  sampleValue,
};
