'use strict';

const { execFile } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { promisify } = require('node:util');
const { compareBytes } = require('./goJson');
const { formatGoFloat, renderLabels } = require('./exposition');
const { stableNumber, SECOND, MINUTE } = require('./clusterTimeline');
const { scrapeTarget } = require('./targets/scrapeTarget');
const { TARGET_KINDS, isScrapedUntilOnset } = require('./scrapeTargets');

/**
 * The recent past of every scraped target, written into the TSDB before Prometheus starts.
 *
 * A real observer's Prometheus has been scraping for days, so a `for: 15m` alert over a fault
 * that began hours ago has long fired. The simulator's Prometheus starts empty; without history
 * every windowed verdict would stay "pending" for the first minutes of a demo or test. So the
 * simulator renders what each target would have served over the last minutes (the metric
 * functions are pure functions of time), labels it exactly as the scrape labels it, and turns it
 * into blocks with `promtool tsdb create-blocks-from openmetrics`.
 *
 * Only targets scraped in the starting scenarios get history: a cluster whose data path is cut
 * has no recent samples at the observer either. The one exception is a cluster whose Prometheus
 * stopped ingesting while its path works: the observer still reads its old samples, so its
 * history covers the same number of minutes but ends at the onset, where every series it scrapes
 * ended. History ends a minute before start-up, so the blocks never overlap the head that the
 * live scrapes fill.
 */

/** One sample per this interval; enough for `rate(…[5m])` and one-minute window steps. */
const HISTORY_STEP_MS = 30 * SECOND;
/** The history ends this long before start-up, leaving the head to the live scrapes. */
const HISTORY_GAP_MS = MINUTE;
const DEFAULT_HISTORY_MINUTES = 30;

/**
 * @typedef {ReturnType<typeof import('./scrapeTargets').renderTargetGroups>} TargetGroups
 */

/**
 * OpenMetrics text (no metadata, timestamps in seconds, `# EOF` last) for every target in the
 * groups, sampled every `stepMs` in (`from`, `to`], or, for a target whose cluster stopped
 * ingesting (`isScrapedUntilOnset`), in the window as long that ends at the onset. Each target is sampled at its own phase within
 * the step, as Prometheus spreads scrapes. Samples carry the labels a scrape attaches (`job`,
 * `instance`, the group's target labels) and `up` is written as Prometheus synthesises it: 1 when
 * the target answered, 0 when it did not.
 *
 * @param {{
 *   clusters: import('./clusterConfig').SimulatedCluster[],
 *   book: import('./scenarioBook').ScenarioBook,
 *   groups: TargetGroups,
 *   from: number,
 *   to: number,
 *   stepMs?: number,
 * }} options epoch ms
 * @returns {string}
 */
function renderHistory(options) {
  const { clusters, book, groups, from, to } = options;
  const stepMs = options.stepMs ?? HISTORY_STEP_MS;
  const byKey = new Map(clusters.map(c => [c.key, c]));
  /** @type {Map<string, Map<string, string[]>>} sample name → series labels → lines */
  const byName = new Map();
  /**
   * The lines of one series; the label text is rendered once per series, not per sample.
   *
   * @param {string} name
   * @param {Record<string, string>} labels
   */
  const seriesLines = (name, labels) => {
    const series = byName.get(name) ?? new Map();
    byName.set(name, series);
    const labelText = renderLabels(labels);
    const lines = series.get(labelText) ?? [];
    series.set(labelText, lines);
    return { prefix: `${name}${labelText} `, lines };
  };

  for (const [job, list] of Object.entries(groups)) {
    for (const group of list) {
      const { __metrics_path__: metricsPath, ...targetLabels } = group.labels;
      const match = /^\/targets\/([^/]+)\/([^/]+)\/metrics$/.exec(metricsPath);
      const cluster = match ? byKey.get(decodeURIComponent(match[1])) : null;
      if (!match || !cluster) {
        throw new Error(
          `cannot write history for the scrape target path "${metricsPath}": expected /targets/<key>/<kind>/metrics with a key from the cluster list`,
        );
      }
      const scrapeLabels = { ...targetLabels, job };
      const up = seriesLines('up', scrapeLabels);
      /** @type {Map<string, {prefix: string, lines: string[]}>} */
      const targetSeries = new Map();
      const kind = TARGET_KINDS.find(k => k.segment === match[2]);
      const end =
        kind && isScrapedUntilOnset(kind, cluster, book)
          ? Math.min(to, book.current(cluster.key).since)
          : to;
      const start = end - (to - from);
      const phase = stableNumber(metricsPath, stepMs);
      const first = Math.floor((start - phase) / stepMs) * stepMs + phase;
      for (let at = first + stepMs; at <= end; at += stepMs) {
        const families = scrapeTarget(match[2], cluster, book, at);
        const time = ` ${at / 1000}`;
        up.lines.push(`${up.prefix}${families === null ? 0 : 1}${time}`);
        for (const family of families ?? []) {
          for (const sample of family.samples) {
            const key = `${family.name}${JSON.stringify(sample.labels ?? {})}`;
            let series = targetSeries.get(key);
            if (!series) {
              series = seriesLines(family.name, {
                ...sample.labels,
                ...scrapeLabels,
              });
              targetSeries.set(key, series);
            }
            series.lines.push(
              `${series.prefix}${formatGoFloat(sample.value)}${time}`,
            );
          }
        }
      }
    }
  }

  const lines = [];
  for (const name of [...byName.keys()].sort(compareBytes)) {
    const series = /** @type {Map<string, string[]>} */ (byName.get(name));
    for (const labelText of [...series.keys()].sort(compareBytes)) {
      lines.push((series.get(labelText) ?? []).join('\n'));
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/**
 * Writes `minutes` of history ending a minute before `now` into `dataDirectory` as TSDB blocks,
 * using the `promtool` next to the Prometheus binary.
 *
 * @param {{
 *   binary: string,
 *   clusters: import('./clusterConfig').SimulatedCluster[],
 *   book: import('./scenarioBook').ScenarioBook,
 *   groups: TargetGroups,
 *   dataDirectory: string,
 *   minutes: number,
 *   now: number,
 * }} options
 * @returns {Promise<{samples: number, from: number, to: number}>}
 */
async function backfillHistory(options) {
  const promtool = path.join(path.dirname(options.binary), 'promtool');
  if (!fs.existsSync(promtool)) {
    throw new Error(
      `promtool is not next to ${options.binary} (looked for ${promtool}); it writes the start-up history`,
    );
  }
  const to = options.now - HISTORY_GAP_MS;
  const from = to - options.minutes * MINUTE;
  const text = renderHistory({ ...options, from, to });
  const input = `${options.dataDirectory}.history.om`;
  await fsp.writeFile(input, text);
  try {
    await promisify(execFile)(
      promtool,
      [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        input,
        options.dataDirectory,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } finally {
    await fsp.rm(input, { force: true });
  }
  const samples = text.split('\n').length - 2;
  return { samples, from, to };
}

module.exports = {
  DEFAULT_HISTORY_MINUTES,
  HISTORY_STEP_MS,
  renderHistory,
  backfillHistory,
};
